import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getPlatformProxy } from "wrangler";
import { createHash } from "node:crypto";

// The local-setup scripts, run as a new user would, against a throw-away local database.
const dir = mkdtempSync(path.join(tmpdir(), "csg-scripts-"));
const run = (script: string, args: string[] = []) =>
  execFileSync("npx", ["tsx", script, ...args], {
    env: { ...process.env, CSG_PERSIST_TO: dir },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  const proxy = await getPlatformProxy<Env>({ configPath: "wrangler.toml", persist: { path: `${dir}/v3` } });
  try {
    return (
      await proxy.env.DB.prepare(sql)
        .bind(...params)
        .all<T>()
    ).results;
  } finally {
    await proxy.dispose();
  }
}

describe("local scripts", () => {
  it("npm run token prints only a token, for a new user holding the roles, stored hashed", async () => {
    const out = run("scripts/token.ts", ["--role", "comms_officer", "--role", "auditor", "--name", "Script User"]);
    expect(out).toMatch(/^csg_[A-Za-z0-9_-]{43}\n$/);
    const hash = createHash("sha256").update(out.trim()).digest("hex");
    const rows = await query<{ name: string; roles: string }>(
      "SELECT u.name, (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) AS roles FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?",
      hash,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].name).toBe("Script User");
    expect(rows[0].roles.split(",").sort()).toEqual(["auditor", "comms_officer"]);
  }, 60_000);

  it("npm run token refuses an unknown role without writing", () => {
    expect(() => run("scripts/token.ts", ["--role", "wizard"])).toThrow(/unknown role/);
  }, 30_000);

  it("the demo seed prints one token per role and changes nothing when run again", async () => {
    const first = run("scripts/seed.ts");
    const tokens = [...first.matchAll(/csg_demo_[A-Za-z0-9_-]+/g)].map((m) => m[0]);
    expect(tokens).toHaveLength(11);
    const countAll = async () =>
      (
        await query<{ n: number }>(
          "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM api_tokens) + (SELECT count(*) FROM audit_log) AS n",
        )
      )[0].n;
    const before = await countAll();
    const second = run("scripts/seed.ts");
    expect(second).toContain("nothing changed");
    expect([...second.matchAll(/csg_demo_[A-Za-z0-9_-]+/g)].map((m) => m[0])).toEqual(tokens);
    expect(await countAll()).toBe(before);
  }, 60_000);
});
