import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Migrations are generated (`npm run db:generate`) and may then be edited by hand. The newest drizzle
// snapshot must describe the schema as it is, or the next generate writes a migration that creates
// again what already exists. Generate runs on a copy of the migrations folder, so nothing is written here.
const dir = mkdtempSync(path.join(tmpdir(), "csg-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the migrations folder", () => {
  it("has a newest snapshot that matches schema/: drizzle-kit generate finds nothing to do", () => {
    const out = path.join(dir, "migrations");
    cpSync("schema/migrations", out, { recursive: true });
    const before = readdirSync(out).sort();
    // drizzle-kit reads its snapshots as `./<out>/…`: the folder is given relative to here.
    const run = spawnSync(
      "npx",
      [
        "drizzle-kit",
        "generate",
        "--dialect",
        "sqlite",
        "--schema",
        "./schema/index.ts",
        "--out",
        path.relative(".", out),
        "--prefix",
        "index",
      ],
      { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    const log = `${run.stdout}${run.stderr}`;
    expect(run.status, log).toBe(0);
    expect(log).toContain("No schema changes");
    expect(readdirSync(out).sort()).toEqual(before);
  }, 60_000);

  it("names each migration once, in order, in the journal drizzle-kit numbers the next one from", async () => {
    const files = readdirSync("schema/migrations")
      .filter((f) => f.endsWith(".sql"))
      .map((f) => f.slice(0, -4))
      .sort();
    const journal = (await import("../../schema/migrations/meta/_journal.json")).default as {
      entries: { idx: number; tag: string }[];
    };
    expect(journal.entries.map((e) => e.tag)).toEqual(files);
    expect(journal.entries.map((e) => e.idx)).toEqual(files.map((f) => Number(f.slice(0, 4))));
  });
});
