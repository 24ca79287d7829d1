import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../../infra/search-attributes';
import { INDEXED_TYPE } from '../../infra/stack/temporal.service';
import { testServerPath } from './stack-env';

/** The time-skipping test server with the workflows' custom search attributes registered, as `stack up` does for the dev server. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.entries(SEARCH_ATTRIBUTES).map(([name, kind]) => [name, INDEXED_TYPE[kind]])),
  });
  return env;
}
