import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { commit } from "../src/repo/audit";
import { entryHash, findBrokenLink, GENESIS_HASH } from "../src/domain/audit-chain";
import { canonicalJson } from "../src/lib/canonical-json";
import { call, SYSTEM, userWith } from "./helpers";

let auditor: string;
let admin: string;
beforeAll(async () => {
  auditor = (await userWith(["auditor"])).token;
  admin = (await userWith(["admin"])).token;
});

const verify = async () => (await call("GET", "/v1/audit/verify", { token: auditor })).json;
const chainRows = async () =>
  (
    await env.DB.prepare("SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq").all<{
      seq: number;
      prev_hash: string;
      hash: string;
    }>()
  ).results;

function expectUnforked(rows: { seq: number; prev_hash: string; hash: string }[]) {
  rows.forEach((r, i) => {
    expect(r.seq).toBe(i + 1);
    expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1].hash);
  });
  expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
}

describe("canonical JSON", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, "x", null], c: true }, u: undefined })).toBe(
      '{"a":{"c":true,"d":[1,"x",null]},"b":1}',
    );
  });
  it("refuses what it cannot encode stably", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(() => 1)).toThrow();
  });
});

describe("the hash chain", () => {
  it("links each entry to the one before and verifies end to end", async () => {
    await userWith(["councillor"]);
    const report = await verify();
    expect(report.ok).toBe(true);
    expect(report.firstBrokenLink).toBeNull();
    const rows = await chainRows();
    expect(report.entriesChecked).toBe(rows.length);
    expect(report.head).toEqual({ seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash });
    expectUnforked(rows);
  });

  it("finds an entry edited directly in D1, and names it", async () => {
    await userWith(["councillor"]);
    const rows = await chainRows();
    const victim = rows[Math.floor(rows.length / 2)];
    const original = await env.DB.prepare("SELECT summary FROM audit_log WHERE seq = ?")
      .bind(victim.seq)
      .first<{ summary: string }>();
    await env.DB.prepare("UPDATE audit_log SET summary = ? WHERE seq = ?")
      .bind('{"after":{"name":"Someone else"},"before":null}', victim.seq)
      .run();
    try {
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.firstBrokenLink).toMatchObject({ seq: victim.seq, reason: "hash_mismatch", found: victim.hash });
      expect(report.entriesChecked).toBe(victim.seq - 1);
    } finally {
      await env.DB.prepare("UPDATE audit_log SET summary = ? WHERE seq = ?").bind(original!.summary, victim.seq).run();
    }
    expect((await verify()).ok).toBe(true);
  });

  it("finds a rewritten entry whose own hash was recomputed: the next link breaks", async () => {
    await userWith(["councillor"]);
    await userWith(["councillor"]);
    const rows = await chainRows();
    const victim = rows[rows.length - 2];
    const full = await env.DB.prepare("SELECT * FROM audit_log WHERE seq = ?")
      .bind(victim.seq)
      .first<Record<string, any>>();
    const forged = {
      seq: full!.seq,
      at: full!.at,
      actorId: full!.actor_id,
      actorLabel: "forger",
      action: full!.action,
      subjectType: full!.subject_type,
      subjectId: full!.subject_id,
      summary: full!.summary,
      requestId: full!.request_id,
      prevHash: full!.prev_hash,
    };
    const forgedHash = await entryHash(forged);
    await env.DB.prepare("UPDATE audit_log SET actor_label = ?, hash = ? WHERE seq = ?")
      .bind("forger", forgedHash, victim.seq)
      .run();
    try {
      const report = await verify();
      expect(report.firstBrokenLink).toMatchObject({ seq: victim.seq + 1, reason: "previous_hash_mismatch" });
    } finally {
      await env.DB.prepare("UPDATE audit_log SET actor_label = ?, hash = ? WHERE seq = ?")
        .bind(full!.actor_label, full!.hash, victim.seq)
        .run();
    }
  });

  it("finds a deleted entry as a gap in the sequence", async () => {
    const rows = [
      {
        seq: 1,
        at: "a",
        actorId: null,
        actorLabel: "x",
        action: "a",
        subjectType: "t",
        subjectId: "1",
        summary: "{}",
        requestId: "r",
        prevHash: GENESIS_HASH,
        hash: "",
      },
    ];
    rows[0].hash = await entryHash(rows[0]);
    const third = { ...rows[0], seq: 3, prevHash: rows[0].hash, hash: "" };
    third.hash = await entryHash(third);
    expect(await findBrokenLink([rows[0], third])).toMatchObject({ seq: 3, reason: "sequence_gap", expected: "2" });
  });

  it("allows unsealed entries only at the end of the chain", async () => {
    const a = {
      seq: 1,
      at: "a",
      actorId: null,
      actorLabel: "x",
      action: "a",
      subjectType: "t",
      subjectId: "1",
      summary: "{}",
      requestId: "r",
      prevHash: GENESIS_HASH as string | null,
      hash: "" as string | null,
    };
    a.hash = await entryHash({ ...a, prevHash: GENESIS_HASH });
    const unsealed = { ...a, seq: 2, prevHash: null, hash: null };
    expect(await findBrokenLink([a, unsealed])).toBeNull();
    const c = { ...a, seq: 3, prevHash: "x".repeat(64), hash: "y".repeat(64) };
    expect(await findBrokenLink([a, unsealed, c])).toMatchObject({ seq: 2, reason: "unsealed_entry" });
  });

  it("never forks under concurrent writers (30 at once, direct and over HTTP)", async () => {
    const direct = Array.from({ length: 30 }, (_, i) =>
      commit(
        env.DB,
        SYSTEM,
        [],
        [{ action: "test.concurrent", subjectType: "test", subjectId: String(i), after: { i } }],
      ),
    );
    const overHttp = Array.from({ length: 20 }, (_, i) =>
      call("POST", "/v1/users", { token: admin, body: { name: `Concurrent ${i}`, roles: ["councillor"] } }),
    );
    const [results, responses] = await Promise.all([Promise.all(direct), Promise.all(overHttp)]);
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.auditSeqs[0])).size).toBe(30);
    const rows = await chainRows();
    expectUnforked(rows);
    expect((await verify()).ok).toBe(true);
  });

  it("writes a guarded change and its entry together or not at all", async () => {
    const { user } = await userWith(["councillor"]);
    const guarded = () =>
      commit(
        env.DB,
        SYSTEM,
        [
          env.DB.prepare("UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL").bind(
            "2026-11-24T00:00:00.000Z",
            user.id,
          ),
        ],
        [{ action: "test.guarded", subjectType: "user", subjectId: user.id }],
        { onlyIfChanged: true },
      );
    const outcomes = await Promise.all([guarded(), guarded(), guarded()]);
    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    const entries = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'test.guarded' AND subject_id = ?",
    )
      .bind(user.id)
      .first<{ n: number }>();
    expect(entries!.n).toBe(1);
  });

  it("rolls back the change when its entry cannot be written", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>();
    await expect(
      commit(
        env.DB,
        SYSTEM,
        [env.DB.prepare("INSERT INTO users (id, name, created_at) VALUES ('rollback-me', 'x', 'now')")],
        [{ action: "x", subjectType: "t", subjectId: "s", after: { bad: Number.POSITIVE_INFINITY } }],
      ),
    ).rejects.toThrow();
    expect((await env.DB.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>())!.n).toBe(before!.n);
  });
});

describe("GET /v1/audit", () => {
  it("pages newest first and filters by actor, subject, action and time", async () => {
    const actor = await userWith(["admin"]);
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(
        (await call("POST", "/v1/users", { token: actor.token, body: { name: `Paged ${i}`, roles: ["councillor"] } }))
          .json,
      );
    const page1 = await call("GET", `/v1/audit?actorId=${actor.user.id}&limit=2`, { token: auditor });
    expect(page1.status).toBe(200);
    expect(page1.json.entries.map((e: { subjectId: string }) => e.subjectId)).toEqual([made[2].id, made[1].id]);
    const page2 = await call("GET", `/v1/audit?actorId=${actor.user.id}&limit=2&cursor=${page1.json.nextCursor}`, {
      token: auditor,
    });
    expect(page2.json.entries.map((e: { subjectId: string }) => e.subjectId)).toEqual([made[0].id]);
    expect(page2.json.nextCursor).toBeNull();
    const future = await call("GET", `/v1/audit?actorId=${actor.user.id}&from=2999-01-01T00:00:00Z`, {
      token: auditor,
    });
    expect(future.json.entries).toEqual([]);
    const past = await call("GET", `/v1/audit?actorId=${actor.user.id}&to=2000-01-01T00:00:00Z`, { token: auditor });
    expect(past.json.entries).toEqual([]);
    const byAction = await call("GET", `/v1/audit?actorId=${actor.user.id}&action=user.created&subjectType=user`, {
      token: auditor,
    });
    expect(byAction.json.entries).toHaveLength(3);
  });

  it("refuses bad filters with the field named", async () => {
    const res = await call("GET", "/v1/audit?from=yesterday&limit=9999", { token: auditor });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/from", "/limit"]);
    const reversed = await call("GET", "/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", {
      token: auditor,
    });
    expect(reversed.json.errors[0].pointer).toBe("/to");
  });
});
