/**
 * At most one run at a time in this isolate. A call made while a run is going asks it for one more
 * pass, which covers whatever the caller wrote before calling, and returns at once: the run belongs to
 * the request that started it (its ctx.waitUntil keeps it alive to the end), and on workerd a promise
 * may not be awaited from another request's context (its continuations are cancelled, with a warning).
 * The passes take the first caller's arguments. Used where a burst of requests each ask for the same
 * catch-up work (sealing the audit chain, dispatching the outbox) and one pass serves them all.
 */
export function singleFlight<A extends unknown[]>(
  pass: (...args: A) => Promise<unknown>,
): (...args: A) => Promise<void> {
  let current: { again: boolean } | null = null;
  return (...args: A) => {
    if (current) {
      current.again = true;
      return Promise.resolve();
    }
    const run = { again: false };
    current = run;
    return (async () => {
      try {
        do {
          run.again = false;
          await pass(...args);
        } while (run.again);
      } finally {
        current = null;
      }
    })();
  };
}
