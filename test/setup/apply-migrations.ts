import { applyD1Migrations, env } from "cloudflare:test";
import { setClockOffsetForTests } from "../../src/lib/clock";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
      /** Days to move the service's clock forward: `TEST_CLOCK_OFFSET_DAYS=1096 npm test` (vitest.config.ts). */
      TEST_CLOCK_OFFSET_DAYS?: string;
    }
  }
}

// The suite must pass on any day: CI also runs it with the clock years ahead.
setClockOffsetForTests(Number(env.TEST_CLOCK_OFFSET_DAYS ?? "0") * 86_400_000);

// Idempotent: safe to run before every test file.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
