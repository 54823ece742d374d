import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { clock } from "../src/lib/clock";
import { call, userWith } from "./helpers";

// The audit chain's anchor and the business rows it carries: each tampering an insider with database
// access could try is found by GET /v1/audit/verify, and the forged history is never re-sealed.
type U = Awaited<ReturnType<typeof userWith>>;
let auditor: U, officer: U, manager: U, ds: U, candidate: U;
let accountId: string;
let candidacyId: string;
const uid = () => crypto.randomUUID().slice(0, 8);

beforeAll(async () => {
  auditor = await userWith(["auditor"]);
  officer = await userWith(["comms_officer"]);
  manager = await userWith(["comms_manager"]);
  ds = await userWith(["democratic_services"]);
  candidate = await userWith(["candidate"]);
  const area = `anchor-${uid()}`;
  await call("POST", "/v1/areas", { token: ds.token, body: { id: area, name: "Anchor ward", kind: "ward" } });
  const acc = await call("POST", "/v1/corporate-accounts", {
    token: manager.token,
    body: {
      platform: "facebook",
      handle: `anchor${uid()}`,
      url: "https://facebook.com/anchor",
      owningService: "Comms",
      ownerId: manager.user.id,
      administratorIds: [],
      purpose: "News",
      areaIds: [area],
      status: "active",
      lastReviewedOn: null,
      nextReviewOn: new Date(clock.ms() + 180 * 86_400_000).toISOString().slice(0, 10),
      purdahBehaviour: "gate",
    },
  });
  expect(acc.status, JSON.stringify(acc.json)).toBe(201);
  accountId = acc.json.id;
  const poll = new Date(clock.ms() - 30 * 86_400_000).toISOString().slice(0, 10);
  const election = await call("POST", "/v1/elections", {
    token: ds.token,
    body: { kind: "local", pollDate: poll, areaIds: [area], byElection: true },
  });
  expect(election.status, JSON.stringify(election.json)).toBe(201);
  const stood = await call("POST", "/v1/candidacies", {
    token: candidate.token,
    body: { electionId: election.json.id, areaId: area, electorate: 5000, jointCandidates: 1 },
  });
  expect(stood.status, JSON.stringify(stood.json)).toBe(201);
  candidacyId = stood.json.id;
});

const verify = async (query = "") => (await call("GET", `/v1/audit/verify${query}`, { token: auditor.token })).json;
const run = (sql: string, ...binds: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...binds)
    .run();
const expense = (amountPence: number) =>
  call("POST", `/v1/candidacies/${candidacyId}/expenses`, {
    token: candidate.token,
    body: {
      incurredOn: new Date(clock.ms() - 40 * 86_400_000).toISOString().slice(0, 10),
      paidOn: null,
      supplier: "Leaflet Printers Ltd",
      description: "Sponsored post",
      subType: "paid_social_ads",
      platform: "facebook",
      amountPence,
      vatPence: 0,
      invoiceRef: null,
      invoiceHeld: false,
    },
  });

/** Runs a tampering, checks what verify says, and always puts the rows back. */
async function tampered<T>(
  rows: { table: string; where: string; binds: unknown[] },
  tamper: () => Promise<unknown>,
  check: () => Promise<T>,
) {
  const saved = await env.DB.prepare(`SELECT * FROM ${rows.table} WHERE ${rows.where}`)
    .bind(...rows.binds)
    .all<Record<string, unknown>>();
  const anchor = await env.DB.prepare("SELECT * FROM audit_anchor").first<Record<string, unknown>>();
  try {
    await tamper();
    return await check();
  } finally {
    await run(`DELETE FROM ${rows.table} WHERE ${rows.where}`, ...rows.binds);
    for (const r of saved.results) {
      const cols = Object.keys(r);
      await run(
        `INSERT INTO ${rows.table} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
        ...cols.map((c) => r[c]),
      );
    }
    await run(
      "UPDATE audit_anchor SET entries = ?, head_seq = ?, head_hash = ? WHERE id = 1",
      anchor!.entries,
      anchor!.head_seq,
      anchor!.head_hash,
    );
  }
}

describe("the anchor", () => {
  it("counts every entry as it lands (a trigger), and nothing for a guarded commit that changed nothing", async () => {
    const count = async () => {
      const row = await env.DB.prepare(
        "SELECT (SELECT entries FROM audit_anchor WHERE id = 1) AS entries, (SELECT count(*) FROM audit_log) AS n",
      ).first<{ entries: number; n: number }>();
      return row!;
    };
    const before = await count();
    expect(before.entries).toBe(before.n);
    const post = await call("POST", "/v1/posts", {
      token: officer.token,
      body: { accountId, publishAt: new Date(clock.ms() + 9 * 86_400_000).toISOString(), text: "Bin day moves." },
    });
    expect(post.status).toBe(201);
    const decide = () =>
      call("POST", `/v1/posts/${post.json.id}/decisions`, {
        token: manager.token,
        body: { version: 1, decision: "reject", reason: "Not this week." },
      });
    const [a, b] = await Promise.all([decide(), decide()]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const after = await count();
    expect(after.entries).toBe(after.n);
    expect(after.n).toBe(before.n + 2);
  });

  it("GET /v1/audit/head gives the head an auditor records; verify checks a recorded head", async () => {
    await userWith(["councillor"]);
    const head = (await call("GET", "/v1/audit/head", { token: auditor.token })).json;
    const total = await env.DB.prepare("SELECT count(*) AS n, max(seq) AS last FROM audit_log").first<{
      n: number;
      last: number;
    }>();
    expect(head).toMatchObject({ seq: total!.last, entries: total!.n });
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verify()).ok).toBe(true);
    expect((await verify(`?headSeq=${head.seq}&headHash=${head.hash}`)).ok).toBe(true);
    const wrong = await verify(`?headSeq=${head.seq}&headHash=${"a".repeat(64)}`);
    expect(wrong.ok).toBe(false);
    expect(wrong.anchorBreaks.map((b: { reason: string }) => b.reason)).toContain("known_head_mismatch");
    expect((await call("GET", "/v1/audit/verify?headSeq=3", { token: auditor.token })).status).toBe(422);
  });

  it("finds the last entries deleted", async () => {
    await userWith(["councillor"]);
    await userWith(["councillor"]);
    const last = (await env.DB.prepare("SELECT max(seq) AS s FROM audit_log").first<{ s: number }>())!.s;
    const report = await tampered(
      { table: "audit_log", where: "seq > ?", binds: [last - 2] },
      () => run("DELETE FROM audit_log WHERE seq > ?", last - 2),
      verify,
    );
    expect(report.ok).toBe(false);
    const reasons = report.anchorBreaks.map((b: { reason: string }) => b.reason);
    expect(reasons).toContain("entries_missing");
    expect(reasons).toContain("head_missing");
    expect((await verify()).ok).toBe(true);
  });

  it("finds an edited entry whose later hashes were nulled, and the next write does not re-seal the forgery", async () => {
    await userWith(["councillor"]);
    await userWith(["councillor"]);
    const last = (await env.DB.prepare("SELECT max(seq) AS s FROM audit_log").first<{ s: number }>())!.s;
    const victim = last - 1;
    const report = await tampered(
      { table: "audit_log", where: "seq >= ?", binds: [victim] },
      async () => {
        await run("UPDATE audit_log SET actor_label = 'forger', prev_hash = NULL, hash = NULL WHERE seq >= ?", victim);
        // The next ordinary write seals only what follows the anchored head, never the nulled entries.
        await userWith(["councillor"]);
      },
      verify,
    );
    expect(report.ok).toBe(false);
    expect(report.firstBrokenLink).toMatchObject({ seq: victim, reason: "unsealed_entry" });
    const nulled = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE hash IS NULL").first<{
      n: number;
    }>();
    expect(nulled!.n).toBe(0);
  });

  it("an unsealed tail after the head is fine for a moment, and tampering once it is old", async () => {
    const last = (await env.DB.prepare("SELECT max(seq) AS s FROM audit_log").first<{ s: number }>())!.s;
    const insert = (at: string) =>
      run(
        "INSERT INTO audit_log (seq, at, actor_label, action, subject_type, subject_id, summary, request_id) VALUES (?, ?, 'x', 'x', 'x', 'x', '{}', 'r')",
        last + 1,
        at,
      );
    const fresh = await tampered(
      { table: "audit_log", where: "seq > ?", binds: [last] },
      () => insert(clock.iso()),
      verify,
    );
    expect(fresh.ok).toBe(true);
    expect(fresh.unsealedTail).toBe(1);
    const old = await tampered(
      { table: "audit_log", where: "seq > ?", binds: [last] },
      () => insert(new Date(clock.ms() - 60_000).toISOString()),
      verify,
    );
    expect(old.ok).toBe(false);
    expect(old.anchorBreaks.map((b: { reason: string }) => b.reason)).toContain("unsealed_too_long");
  });
});

describe("business rows in the chain", () => {
  it("a post's text edited in the database is reported, naming the row", async () => {
    const post = await call("POST", "/v1/posts", {
      token: officer.token,
      body: {
        accountId,
        publishAt: new Date(clock.ms() + 3 * 86_400_000).toISOString(),
        text: "Bins go out on Monday.",
      },
    });
    expect(post.status).toBe(201);
    expect((await verify()).ok).toBe(true);
    const report = await tampered(
      { table: "post_versions", where: "post_id = ?", binds: [post.json.id] },
      () => run("UPDATE post_versions SET text = 'Vote for my party' WHERE post_id = ?", post.json.id),
      verify,
    );
    expect(report.ok).toBe(false);
    expect(report.firstBrokenLink).toBeNull();
    expect(report.rowsDiffering).toContainEqual(
      expect.objectContaining({
        table: "post_versions",
        key: { post_id: post.json.id, version: 1 },
        reason: "changed",
      }),
    );
    expect((await verify()).ok).toBe(true);
  });

  it("a decision's approver and an expense amount edited, or an expense deleted, are reported", async () => {
    const post = await call("POST", "/v1/posts", {
      token: officer.token,
      body: {
        accountId,
        publishAt: new Date(clock.ms() + 3 * 86_400_000).toISOString(),
        text: "Library opening hours.",
      },
    });
    const approved = await call("POST", `/v1/posts/${post.json.id}/decisions`, {
      token: manager.token,
      body: { version: 1, decision: "approve" },
    });
    expect(approved.status).toBe(200);
    const decision = await env.DB.prepare("SELECT id FROM post_decisions WHERE post_id = ?")
      .bind(post.json.id)
      .first<{ id: string }>();
    const forged = await tampered(
      { table: "post_decisions", where: "id = ?", binds: [decision!.id] },
      () => run("UPDATE post_decisions SET approver_id = ? WHERE id = ?", officer.user.id, decision!.id),
      verify,
    );
    expect(forged.rowsDiffering).toContainEqual(
      expect.objectContaining({ table: "post_decisions", key: { id: decision!.id }, reason: "changed" }),
    );

    const item = await expense(12_000);
    expect(item.status).toBe(201);
    const id = (await env.DB.prepare("SELECT id FROM expense_items WHERE candidacy_id = ? AND amount_pence = 12000")
      .bind(candidacyId)
      .first<{ id: string }>())!.id;
    const cheaper = await tampered(
      { table: "expense_items", where: "id = ?", binds: [id] },
      () => run("UPDATE expense_items SET amount_pence = 100 WHERE id = ?", id),
      verify,
    );
    expect(cheaper.rowsDiffering).toContainEqual(
      expect.objectContaining({ table: "expense_items", reason: "changed" }),
    );
    const gone = await tampered(
      { table: "expense_items", where: "id = ?", binds: [id] },
      () => run("DELETE FROM expense_items WHERE id = ?", id),
      verify,
    );
    expect(gone.rowsDiffering).toContainEqual(expect.objectContaining({ table: "expense_items", reason: "deleted" }));
    expect((await verify()).ok).toBe(true);
  });
});

describe("spending returns", () => {
  it("a return submitted while expenses are being added leaves none out of the hashed snapshot", async () => {
    for (let round = 0; round < 3; round++) {
      const adds = Array.from({ length: 12 }, (_, i) => expense(1_000 + round * 100 + i));
      const submit = call("POST", `/v1/candidacies/${candidacyId}/returns`, { token: candidate.token });
      const results = await Promise.all([...adds, submit]);
      const submitted = results.at(-1)!;
      for (const r of results.slice(0, -1)) expect([201, 409]).toContain(r.status);
      const state = await env.DB.prepare("SELECT return_state FROM candidacies WHERE id = ?")
        .bind(candidacyId)
        .first<{ return_state: string }>();
      if (submitted.status === 201) {
        // Every live expense is in the hashed snapshot, and nothing was added after the lock.
        const ret = await call("GET", `/v1/candidacies/${candidacyId}/returns/${submitted.json.version}`, {
          token: candidate.token,
        });
        const live = await env.DB.prepare(
          "SELECT id FROM expense_items WHERE candidacy_id = ? AND deleted_at IS NULL ORDER BY id",
        )
          .bind(candidacyId)
          .all<{ id: string }>();
        const inSnapshot = (ret.json.snapshot.items as { id: string }[]).map((i) => i.id).sort();
        expect(inSnapshot).toEqual(live.results.map((r) => r.id));
        expect(state!.return_state).toBe("submitted");
        const opened = await call("POST", `/v1/candidacies/${candidacyId}/corrections`, {
          token: candidate.token,
          body: { reason: `Round ${round}` },
        });
        expect(opened.status).toBeLessThan(300);
      } else {
        expect(submitted.status).toBe(409);
        expect(state!.return_state).not.toBe("submitted");
      }
    }
  }, 60_000);

  it("a submitted return whose stored snapshot was altered is not served", async () => {
    const sub = await call("POST", `/v1/candidacies/${candidacyId}/returns`, { token: candidate.token });
    expect(sub.status).toBe(201);
    const v = sub.json.version;
    const res = await tampered(
      { table: "spending_returns", where: "candidacy_id = ? AND version = ?", binds: [candidacyId, v] },
      () =>
        run(
          "UPDATE spending_returns SET snapshot = replace(snapshot, 'Leaflet', 'Leaflex') WHERE candidacy_id = ? AND version = ?",
          candidacyId,
          v,
        ),
      () => call("GET", `/v1/candidacies/${candidacyId}/returns/${v}`, { token: candidate.token }),
    );
    expect(res.status).toBe(500);
    expect(res.json.code).toBe("integrity_failed");
    expect((await call("GET", `/v1/candidacies/${candidacyId}/returns/${v}`, { token: candidate.token })).status).toBe(
      200,
    );
  });
});
