import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

// Serves the Worker with `wrangler dev` on a throw-away local database loaded with the demo data, for
// the browser tests; stops it afterwards.
const PORT = 8799;
let child: ChildProcess | undefined;
let dir: string | undefined;

export async function setup(project: TestProject) {
  dir = mkdtempSync(path.join(tmpdir(), "csg-browser-"));
  const env = { ...process.env, CSG_PERSIST_TO: dir, WRANGLER_SEND_METRICS: "false" };
  execFileSync("npx", ["tsx", "scripts/seed.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
  child = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(PORT),
      "--persist-to",
      dir,
      "--var",
      "APP_ENV:development",
    ],
    { env, stdio: ["ignore", "ignore", "ignore"], detached: true },
  );
  const base = `http://127.0.0.1:${PORT}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("wrangler dev did not start within 90 s");
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide("baseUrl", base);
}

export async function teardown() {
  if (child?.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
