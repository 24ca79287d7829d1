// A fault run waits on restarts and drains for many minutes; the project's testTimeout is not applied by Jest 30 here, so it is set where the tests run.
jest.setTimeout(45 * 60_000);
