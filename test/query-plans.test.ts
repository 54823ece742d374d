// The statements that run after every burst of writes (sealing the audit chain, dispatching the
// outbox) must find their rows through an index: a plan that scans a table, or drives a join from the
// wrong side, costs time that grows with the table or with the burst, and under load it is charged to
// every request waiting behind it. Each plan is SQLite's own (EXPLAIN QUERY PLAN) on the migrated D1.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SEAL_UPDATE, UNSEALED_PAGE } from "../src/repo/audit";
import { MARK_DISPATCHED, MARK_QUEUED, UNDISPATCHED_PAGE, UNQUEUED_PAGE } from "../src/repo/outbox";

async function plan(sql: string, ...binds: unknown[]): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...binds)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

describe("query plans of the background passes", () => {
  it("sealing reads the page after the head by seq", async () => {
    const steps = await plan(UNSEALED_PAGE);
    expect(steps.join(" | ")).toMatch(/SEARCH audit_log USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(steps.join(" | ")).not.toMatch(/SCAN audit_log/);
  });

  it("sealing writes each page entry's hashes by seq, not by trying every unsealed entry", async () => {
    const steps = await plan(SEAL_UPDATE, "[]");
    const text = steps.join(" | ");
    expect(text).toMatch(/SEARCH audit_log USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    // The page drives the join: audit_log is looked up once per page entry, after the page is read.
    expect(steps.findIndex((s) => /json_each/.test(s))).toBeLessThan(steps.findIndex((s) => /audit_log/.test(s)));
    expect(text).not.toMatch(/audit_log_hash_unique|SCAN audit_log/);
  });

  it("dispatch reads undispatched events through their partial index, in order", async () => {
    const text = (await plan(UNDISPATCHED_PAGE)).join(" | ");
    expect(text).toMatch(/outbox_events USING INDEX outbox_events_undispatched/);
    expect(text).not.toMatch(/TEMP B-TREE/);
  });

  it("dispatch marks a page of events and a page of deliveries by primary key", async () => {
    expect((await plan(MARK_DISPATCHED, "any instant", "[]")).join(" | ")).toMatch(
      /SEARCH outbox_events USING INDEX sqlite_autoindex_outbox_events_1 \(id=\?\)/,
    );
    expect((await plan(MARK_QUEUED, "any instant", "[]")).join(" | ")).toMatch(
      /SEARCH deliveries USING INDEX sqlite_autoindex_deliveries_1 \(id=\?\)/,
    );
  });

  it("dispatch finds unqueued deliveries through the status index, not a scan", async () => {
    const text = (await plan(UNQUEUED_PAGE)).join(" | ");
    expect(text).toMatch(/SEARCH deliveries USING INDEX/);
    expect(text).not.toMatch(/SCAN deliveries/);
  });
});
