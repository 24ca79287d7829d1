import v8 from 'node:v8';
import { isMainThread } from 'node:worker_threads';

/**
 * Loaded (`--require`) into the worker's workflow threads only. The SDK installs a V8 promise hook
 * there that captures a stack trace for every promise a workflow creates, solely to answer the
 * stack-trace query (the Temporal UI's "Stack Trace" tab); under load it cost about a tenth of the
 * worker's CPU. Without `createHook` the SDK takes its own fallback: stack traces disabled.
 */
if (!isMainThread) {
  v8.promiseHooks.createHook = () => {
    throw new Error('workflow stack traces are off (MOTCUA_WORKFLOW_STACK_TRACES=on turns them on)');
  };
}
