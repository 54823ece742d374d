import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { clock } from "../src/lib/clock";
import { call, userWith } from "./helpers";

// A retried create with the same Idempotency-Key creates nothing new (IETF idempotency-key draft).
type U = Awaited<ReturnType<typeof userWith>>;
let officer: U, manager: U, councillor: U, other: U;
let accountId: string;
const uid = () => crypto.randomUUID().slice(0, 8);
const day = (days: number) => new Date(clock.ms() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  officer = await userWith(["comms_officer"]);
  manager = await userWith(["comms_manager"]);
  councillor = await userWith(["councillor"]);
  other = await userWith(["comms_officer"]);
  const acc = await call("POST", "/v1/corporate-accounts", {
    token: manager.token,
    body: {
      platform: "facebook",
      handle: `idem${uid()}`,
      url: "https://facebook.com/idem",
      owningService: "Comms",
      ownerId: manager.user.id,
      administratorIds: [],
      purpose: "News",
      areaIds: [],
      status: "active",
      lastReviewedOn: null,
      nextReviewOn: day(200),
      purdahBehaviour: "gate",
    },
  });
  accountId = acc.json.id;
  publishAt = new Date(clock.ms() + 3 * 86_400_000).toISOString();
});

const count = async (sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>())!.n;
// One publication time for the file, so a retried request is byte for byte the same.
let publishAt: string;
const post = (u: U, key: string | undefined, text: string) =>
  call("POST", "/v1/posts", {
    token: u.token,
    headers: key === undefined ? {} : { "idempotency-key": key },
    body: { accountId, publishAt, text },
  });

describe("Idempotency-Key", () => {
  it("a retried post submission replays the first response and creates nothing", async () => {
    const key = `post-${uid()}`;
    const first = await post(officer, key, "The library reopens on Monday.");
    expect(first.status).toBe(201);
    const audits = await count("SELECT count(*) AS n FROM audit_log WHERE subject_id = ?", first.json.id);
    const again = await post(officer, key, "The library reopens on Monday.");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect(await count("SELECT count(*) AS n FROM posts WHERE author_id = ?", officer.user.id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE subject_id = ?", first.json.id)).toBe(audits);
  });

  it("many retries at once create one record", async () => {
    const key = `burst-${uid()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => post(other, key, "Road closure on Mill Lane.")));
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.headers.get("retry-after")).toBe("1");
    }
    expect(new Set(created.map((r) => r.json.id)).size).toBe(1);
    expect(await count("SELECT count(*) AS n FROM posts WHERE author_id = ?", other.user.id)).toBe(1);
  });

  it("the same key for a different request is refused; keys are per caller; no key means no replay", async () => {
    const key = `mixed-${uid()}`;
    expect((await post(officer, key, "Bin collections change next week.")).status).toBe(201);
    const different = await post(officer, key, "Something else entirely.");
    expect(different.status).toBe(422);
    expect(different.json.errors[0]).toMatchObject({ in: "header", pointer: "/Idempotency-Key" });
    // Another caller's identical key is their own.
    const theirs = await post(other, key, "Bin collections change next week.");
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    const bad = await post(officer, "", "Anything");
    expect(bad.status).toBe(422);
    const tooLong = await post(officer, "x".repeat(256), "Anything");
    expect(tooLong.status).toBe(422);
  });

  it("a failed create releases its key, so a corrected retry goes through", async () => {
    const key = `retry-${uid()}`;
    const body = {
      targetType: "website",
      siteUrl: "https://example.org/ward-news",
      purpose: "Ward newsletter for residents",
      siteRelation: "councillor_role",
      periodStart: day(10),
      periodEnd: day(5),
    };
    const failed = await call("POST", "/v1/logo-requests", {
      token: councillor.token,
      headers: { "idempotency-key": key },
      body,
    });
    expect(failed.status).toBe(422);
    expect(await count("SELECT count(*) AS n FROM idempotency_keys WHERE key = ?", key)).toBe(0);
    const fixed = { ...body, periodEnd: day(90) };
    const first = await call("POST", "/v1/logo-requests", {
      token: councillor.token,
      headers: { "idempotency-key": key },
      body: fixed,
    });
    expect(first.status).toBe(201);
    const again = await call("POST", "/v1/logo-requests", {
      token: councillor.token,
      headers: { "idempotency-key": key },
      body: fixed,
    });
    expect(again.json.id).toBe(first.json.id);
    expect(await count("SELECT count(*) AS n FROM logo_requests WHERE requester_id = ?", councillor.user.id)).toBe(1);
  });

  it("keys are remembered for a day, then a new request with the old key runs afresh", async () => {
    const key = `old-${uid()}`;
    await env.DB.prepare(
      "INSERT INTO idempotency_keys (scope, key, fingerprint, state, status_code, content_type, body, created_at) VALUES (?, ?, 'x', 'done', 201, 'application/json', '{}', ?)",
    )
      .bind(officer.user.id, key, new Date(clock.ms() - 25 * 3_600_000).toISOString())
      .run();
    const res = await post(officer, key, "Leisure centre timetable.");
    expect(res.status).toBe(201);
    expect(res.headers.get("idempotent-replayed")).toBeNull();
  });
});
