/**
 * Preloaded into the worker's reusable V8 context (`WORKFLOW_PRELOAD_MODULES`), so one instance
 * serves every workflow the worker runs. The SDK deep-freezes what preloaded modules export, which
 * the zod schemas cannot bear (they reset a regex's lastIndex on every check): this module exports
 * only a function and keeps what it memoises in its closure, out of the freeze's reach.
 *
 * What it holds must be pure and immutable in use (the decider, the contracts, the calendars): the
 * first workflow that asks evaluates it, during its own start, and every later one shares it. Where
 * this module is not preloaded (tests that bundle without the option) each workflow gets its own.
 */
let core: unknown;

export function sharedCore<T>(load: () => T): T {
  core ??= load();
  return core as T;
}
