import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";

const OUT = "bench/out";

/** Bundles the Worker exactly as a deploy would (`wrangler deploy --dry-run`). */
export function bundle(): string {
  execFileSync("wrangler", ["deploy", "--dry-run", "--outdir", OUT], { stdio: ["ignore", "ignore", "inherit"] });
  return path.join(OUT, "index.js");
}

function wranglerVars(): Record<string, string> {
  // The [vars] table of wrangler.toml, read simply: key = "value" lines under [vars].
  const toml = readFileSync("wrangler.toml", "utf8");
  const section = toml.split(/^\[vars\]$/m)[1]?.split(/^\[/m)[0] ?? "";
  return Object.fromEntries([...section.matchAll(/^(\w+)\s*=\s*"([^"]*)"/gm)].map((m) => [m[1], m[2]]));
}

function compat(): { date: string; flags: string[] } {
  const toml = readFileSync("wrangler.toml", "utf8");
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)![1];
  const flags = [...(/^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? "").matchAll(/"([^"]+)"/g)].map(
    (m) => m[1],
  );
  return { date, flags };
}

/** Serves the bundled Worker on workerd through Miniflare's API, with a fresh D1 (Miniflare keeps it in a temporary directory on disk, as `npm start` does in .wrangler). */
export async function serve(scriptPath: string) {
  const { date, flags } = compat();
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      scriptPath,
      compatibilityDate: date,
      compatibilityFlags: flags,
      d1Databases: { DB: "bench-db" },
      workflows: {
        POST_WORKFLOW: { name: "post-publication", className: "PostPublicationWorkflow" },
        LOGO_REQUEST_WORKFLOW: { name: "logo-request", className: "LogoRequestWorkflow" },
      },
      // BENCH_ROUTES turns on the plain-insert baseline route (404 everywhere else).
      bindings: { ...wranglerVars(), BENCH_ROUTES: "enabled" },
      host: "127.0.0.1",
      port: 0,
    }),
  );
  const url = await mf.ready;
  const db = (await mf.getD1Database("DB")) as unknown as D1Database;
  // Applied and recorded as `wrangler d1 migrations apply` does.
  const dir = "schema/migrations";
  await db
    .prepare(
      "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)",
    )
    .run();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    const statements = readFileSync(path.join(dir, file), "utf8")
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter(Boolean);
    await db.batch([
      ...statements.map((s) => db.prepare(s)),
      db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(file),
    ]);
  }
  return { mf, url: url.toString().replace(/\/$/, ""), db };
}
