import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// What `wrangler deploy` would upload from the repository as it is: production settings only.
const dir = mkdtempSync(path.join(tmpdir(), "csg-deploy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("deploying the repository as it is", () => {
  it("binds APP_ENV=production, so the development sign-in is off", () => {
    const out = execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", dir], {
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(out).toMatch(/env\.APP_ENV \("production"\)/);
    expect(out).not.toMatch(/development/);
    // zod's locale packs other than English are left out of the bundle (scripts/trim-zod-locales.mjs).
    const bundle = readFileSync(path.join(dir, "index.js"), "utf8");
    expect(bundle).not.toContain("Ungültige Eingabe");
    expect(bundle).not.toContain("Entrée invalide");
    expect(bundle).toContain("Invalid input");
  }, 60_000);

  it("npm start and npm run dev are what turn on the development sign-in, on any port", () => {
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    for (const name of ["start", "dev"]) {
      expect(scripts[name]).toContain("--var APP_ENV:development");
      expect(scripts[name]).toContain("--port ${PORT:-8787}");
    }
    expect(readFileSync("wrangler.toml", "utf8")).not.toMatch(/^\s*APP_ENV\s*=\s*"development"/m);
  });
});
