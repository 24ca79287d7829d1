import v8 from 'node:v8';
import { isMainThread } from 'node:worker_threads';

/**
 * Loaded (`--require`) into the worker's workflow threads only. The SDK installs a V8 promise hook
 * there that captures a stack trace for every promise a workflow creates, solely to answer the
 * stack-trace query (the Temporal UI's "Stack Trace" tab); under load it cost about a tenth of the
 * worker's CPU. Without `createHook` the SDK takes its own fallback: stack traces disabled.
 *
 * Node itself calls the same function when an AsyncLocalStorage is first entered in the thread (the
 * SDK runs each update inside one): refusing that call failed the first workflow task of every
 * fresh workflow thread that took an update (a retried task, so a re-decision with a later clock),
 * so Node's own callers get the real hook.
 */
if (!isMainThread) {
  const original = v8.promiseHooks.createHook.bind(v8.promiseHooks);
  v8.promiseHooks.createHook = (hooks) => {
    if (new Error().stack?.includes('node:internal/async_hooks')) return original(hooks);
    throw new Error('workflow stack traces are off (MOTCUA_WORKFLOW_STACK_TRACES=on turns them on)');
  };
}
