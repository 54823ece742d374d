import { execFileSync } from "node:child_process";
import { getPlatformProxy } from "wrangler";

// Where the local database lives: wrangler's default (.wrangler/state), unless CSG_PERSIST_TO names
// another folder (the script tests use a temporary one so they never touch a developer's data).
const persistTo = process.env.CSG_PERSIST_TO;

/** Applies the D1 migrations to the local database (the one `wrangler dev` serves). */
export function migrateLocal(quiet = false): void {
  const where = persistTo ? ["--persist-to", persistTo] : [];
  execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", ...where], {
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    env: { ...process.env, CI: "true" },
  });
}

/** Runs `fn` against the local D1 database, through the same persistence `wrangler dev` uses. */
export async function withLocalDb<T>(fn: (db: D1Database) => Promise<T>): Promise<T> {
  const proxy = await getPlatformProxy<Env>({
    configPath: "wrangler.toml",
    persist: persistTo ? { path: `${persistTo}/v3` } : true,
  });
  try {
    return await fn(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}
