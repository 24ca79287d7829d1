import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers in tests log warnings only; INFO lines about worker state drown the test report.
Runtime.install({ logger: new DefaultLogger('WARN') });
