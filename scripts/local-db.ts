import { execFileSync } from "node:child_process";
import { getPlatformProxy } from "wrangler";

/** Applies the D1 migrations to the local database (the one `wrangler dev` serves). */
export function migrateLocal(quiet = false): void {
  execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local"], {
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    env: { ...process.env, CI: "true" },
  });
}

/** Runs `fn` against the local D1 database, through the same persistence `wrangler dev` uses. */
export async function withLocalDb<T>(fn: (db: D1Database) => Promise<T>): Promise<T> {
  const proxy = await getPlatformProxy<Env>({ configPath: "wrangler.toml", persist: true });
  try {
    return await fn(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}
