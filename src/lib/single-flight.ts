/**
 * At most one run at a time in this isolate. A call made while a run is going asks it for one more
 * pass and waits for that run to finish, which covers whatever the caller wrote before calling. The
 * passes take the first caller's arguments. Used where a burst of requests each ask for the same
 * catch-up work (sealing the audit chain, dispatching the outbox) and one pass serves them all.
 */
export function singleFlight<A extends unknown[]>(
  pass: (...args: A) => Promise<unknown>,
): (...args: A) => Promise<void> {
  let current: { again: boolean; done: Promise<void> } | null = null;
  return (...args: A) => {
    if (current) {
      current.again = true;
      return current.done;
    }
    const run = { again: false, done: Promise.resolve() };
    run.done = (async () => {
      try {
        do {
          run.again = false;
          await pass(...args);
        } while (run.again);
      } finally {
        current = null;
      }
    })();
    current = run;
    return run.done;
  };
}
