// Test tiers by file suffix; each tier is a Jest project and can run alone with --selectProjects.
// jose and content-disposition (via @fastify/static) ship ECMAScript modules only; Jest runs CommonJS, so its files are transformed like ours.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  '^.+/node_modules/(jose|content-disposition)/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' }, diagnostics: false }],
};
const common = { transform, transformIgnorePatterns: ['/node_modules/(?!(jose|content-disposition)/)'], testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.unit.test.ts'] },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/test/**/*.workflow.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
    // tests against real services wait on them: a loaded machine must not fail them at Jest's default 5 s
    { ...common, testTimeout: 60_000, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.int.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
    { ...common, testTimeout: 60_000, displayName: 'api', testMatch: ['<rootDir>/test/**/*.api.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
    // the web pages in Debian's Chromium (playwright-core) against the engine in-process
    { ...common, testTimeout: 60_000, displayName: 'browser', testMatch: ['<rootDir>/test/**/*.browser.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
    // `npm run test:faults`: faults injected into a stack of its own (.motcua/fault-stack), under load; not in the default run
    { ...common, testTimeout: 45 * 60_000, displayName: 'fault', testMatch: ['<rootDir>/test/**/*.fault.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'], setupFilesAfterEnv: ['<rootDir>/test/support/fault-timeout.ts'], globalTeardown: '<rootDir>/test/support/fault-teardown.ts' },
    // `npm run test:fuzz`: not in the default run
    { ...common, displayName: 'fuzz', testMatch: ['<rootDir>/test/**/*.fuzz.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
    // run by `npm test` after the others: it scans what they wrote
    { ...common, displayName: 'privacy', testMatch: ['<rootDir>/test/**/*.privacy.test.ts'] },
    // against the cluster profile only (`npm run test:cluster`, or `npm test -- --profile cluster`): the walking skeleton, then the scale-out scenario
    ...(process.env.MOTCUA_STACK_PROFILE === 'cluster'
      ? [{ ...common, testTimeout: 60_000, displayName: 'cluster', testMatch: ['<rootDir>/test/integration/walking-skeleton.int.test.ts', '<rootDir>/test/**/*.cluster.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] }]
      : []),
  ],
};
