/**
 * The service's one clock. Domain functions take `now` as an argument; routes, repositories, Workflows
 * and the cron handler read it from here. Production reads the system time; the test suite can move
 * the clock forward (to prove that nothing depends on today's date) through `setClockOffsetForTests`,
 * which only test/setup calls: no binding, variable or request can reach it.
 */
let offsetMs = 0;

export const clock = {
  /** Now, as an instant. */
  now(): Date {
    return new Date(Date.now() + offsetMs);
  },
  /** Now, in milliseconds since the epoch. */
  ms(): number {
    return Date.now() + offsetMs;
  },
  /** Now, as an ISO 8601 UTC string (how instants are stored). */
  iso(): string {
    return new Date(Date.now() + offsetMs).toISOString();
  },
  /** The system time at which this clock will read `instant` (for timers that run on system time). */
  systemTimeOf(instant: Date): Date {
    return new Date(instant.getTime() - offsetMs);
  },
  /** The current offset from system time, in milliseconds (0 in production). */
  offsetMs(): number {
    return offsetMs;
  },
};

/** Test-only: move the clock. Called from test/setup alone; production code never calls it. */
export function setClockOffsetForTests(ms: number): void {
  if (!Number.isFinite(ms)) throw new Error("The clock offset must be a finite number of milliseconds.");
  offsetMs = ms;
}
