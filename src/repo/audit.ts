import { AsyncLocalStorage } from "node:async_hooks";
import { singleFlight } from "../lib/single-flight";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { canonicalJson } from "../lib/canonical-json";
import { entryHash, GENESIS_HASH, type AuditEntryBody } from "../domain/audit-chain";
import { clock } from "../lib/clock";
import { rowSetSql, rowsSql, type AuditedRow, type AuditedTable } from "./audited-rows";
import { eventInserts, type EventInput } from "./outbox-events";

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  /** The business rows this change wrote: their state, as SQLite reads it in the same batch, joins the chain. */
  rows?: AuditedRow[];
  /** Instead of `rows`, a set of rows of one table by key, of any size (see rowSetSql). */
  rowSet?: { table: AuditedTable; ids: (string | number)[] };
}

export interface Actor {
  id: string | null;
  label: string;
  requestId: string;
}

/** Anything D1 can batch. Drizzle queries are turned into these with `toD1` (src/lib/d1.ts). */
export type Write = D1PreparedStatement;

export interface CommitOptions {
  /**
   * When true, the audit entries are written only if the last write changed a row. That is how a
   * guarded decision (`UPDATE … WHERE status = 'pending'`) stays idempotent: the loser of a race
   * changes nothing and so records nothing.
   */
  onlyIfChanged?: boolean;
  /** Domain events for the outbox (src/repo/outbox.ts), written right after the audit entries under the same guard. */
  events?: EventInput[];
}

export interface CommitResult {
  results: D1Result[];
  /** Whether the writes took effect (always true unless onlyIfChanged and nothing changed). */
  applied: boolean;
  auditSeqs: number[];
}

/**
 * Writes state changes and their audit entries in one D1 batch (one transaction), so a change is
 * never recorded without its entry or the reverse. Entries take their place in the chain from SQLite
 * itself (`seq` is the row id, assigned inside the serialised write transaction), so concurrent
 * writers never contend for a position and never fork; each entry is then sealed — its previous
 * hash and its own hash filled in — by `seal`, which any writer may run for everyone's entries
 * because the hashes follow from the rows alone.
 */
export async function commit(
  db: D1Database,
  actor: Actor,
  writes: Write[],
  audit: AuditInput[],
  opts: CommitOptions = {},
): Promise<CommitResult> {
  if (opts.onlyIfChanged && writes.length === 0) throw new Error("commit: onlyIfChanged needs a guarded write");
  const at = clock.iso();
  // changes() is the row count of the statement just before in the batch: the caller's last write
  // for the first entry, then each entry for the next, so all stand or fall together.
  const guard = opts.onlyIfChanged ? " WHERE changes() > 0" : "";
  const inserts = audit.map((item) => {
    if (item.rowSet && item.rows?.length) throw new Error("commit: an entry records rows or a row set, not both");
    const state = item.rowSet ? rowSetSql(item.rowSet.table, item.rowSet.ids) : rowsSql(item.rows ?? []);
    return db
      .prepare(
        `INSERT INTO audit_log (at, actor_id, actor_label, action, subject_type, subject_id, summary, request_id, rows)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ${state.sql}${guard} RETURNING seq`,
      )
      .bind(
        at,
        actor.id,
        actor.label,
        item.action,
        item.subjectType,
        item.subjectId,
        canonicalJson({ before: item.before ?? null, after: item.after ?? null }),
        actor.requestId,
        ...state.binds,
      );
  });
  const events = eventInserts(db, opts.events ?? [], at, actor.requestId, guard);
  // The anchor counts every entry ever written: a trigger on audit_log bumps it as each entry lands
  // (migration 0019), under the same guard because a guarded entry that is not inserted fires nothing.
  const results = await db.batch([...writes, ...inserts, ...events]);
  const last = results[results.length - 1];
  const applied = !opts.onlyIfChanged || (last.meta.changes ?? 0) > 0;
  const seqs = results
    .slice(writes.length, writes.length + inserts.length)
    .flatMap((r) => (r.results as { seq: number }[]).map((x) => x.seq));
  if (seqs.length) {
    const scope = sealing.getStore();
    if (scope) scope.pending = true;
    else await seal(db);
  }
  return { results: results.slice(0, writes.length), applied, auditSeqs: applied ? seqs : [] };
}

/** A request whose sealing waits until after its response (see sealAfterResponse). */
const sealing = new AsyncLocalStorage<{ pending: boolean }>();

/**
 * On the Worker, a request's entries are sealed right after its response (ctx.waitUntil) rather than
 * inside it, taking the second write transaction out of the request's latency; one seal then covers
 * every entry written meanwhile. Entries stay unsealed for a moment, which verify allows
 * (UNSEALED_GRACE_MS). Where there is no execution context (tests, Workflows, the cron) commit seals
 * at once, as before.
 */
export const sealAfterResponse = createMiddleware<AppEnv>(async (c, next) => {
  let ctx: ExecutionContext | undefined;
  try {
    ctx = c.executionCtx as ExecutionContext;
  } catch {
    return next();
  }
  const scope = { pending: false };
  await sealing.run(scope, next);
  if (scope.pending) {
    ctx.waitUntil(
      sealCoalesced(c.env.DB).catch((err) =>
        console.error(JSON.stringify({ level: "error", message: "audit sealing failed", error: String(err) })),
      ),
    );
  }
});

const SEAL_PAGE = 200;

/**
 * How long a seal after a response waits to gather the entries of the requests that follow it: under a
 * burst one pass then seals dozens of entries in two batches, instead of every request paying for its
 * own. Entries stay unsealed for well under verify's grace (UNSEALED_GRACE_MS, 10 s).
 */
const SEAL_GATHER_MS = 100;

/**
 * One sealer at a time in this isolate: a burst of requests asks for a seal each, and without this
 * every one of them read the same unsealed entries and hashed them again (work growing with the square
 * of the burst). A request arriving while a seal runs asks for one more pass, which covers its entries.
 */
export const sealCoalesced = singleFlight(async (db: D1Database, gatherMs: number = SEAL_GATHER_MS) => {
  if (gatherMs > 0) await new Promise((resolve) => setTimeout(resolve, gatherMs));
  await seal(db);
});

interface Unsealed {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string;
  summary: string;
  request_id: string;
  rows: string | null;
}

/** The next page of entries after the anchor's head, in order. */
export const UNSEALED_PAGE = `SELECT seq, at, actor_id, actor_label, action, subject_type, subject_id, summary,
  request_id, rows FROM audit_log WHERE seq > coalesce((SELECT head_seq FROM audit_anchor WHERE id = 1), 0)
  ORDER BY seq LIMIT ${SEAL_PAGE}`;

/**
 * A page's hashes, [{s: seq, p: prev hash, h: hash}], written where still unsealed. Each page entry finds
 * its row by seq: the unary + keeps SQLite from driving the join from the hash index instead, which
 * tried every unsealed row against every page entry (3.4 ms a page of 100 against 0.2 ms).
 */
export const SEAL_UPDATE = `UPDATE audit_log SET prev_hash = j.p, hash = j.h
  FROM (SELECT value ->> '$.s' AS s, value ->> '$.p' AS p, value ->> '$.h' AS h FROM json_each(?)) AS j
  WHERE audit_log.seq = j.s AND +audit_log.hash IS NULL`;

/**
 * Fills in the hash chain for every entry after the anchor's head, in order, and moves the head on.
 * Idempotent and safe to run concurrently: two sealers compute the same hashes, `WHERE hash IS NULL`
 * lets only the first write each one, and the head only ever moves forward. An entry at or before the
 * head is never sealed again: a hash nulled there stays null, and verify reports it as tampering.
 */
export async function seal(db: D1Database): Promise<number> {
  let sealed = 0;
  for (;;) {
    const [lastRes, pendingRes] = await db.batch([
      db.prepare("SELECT head_seq AS seq, head_hash AS hash FROM audit_anchor WHERE id = 1"),
      db.prepare(UNSEALED_PAGE),
    ]);
    const lastSealed = (lastRes.results[0] as { seq: number; hash: string } | undefined) ?? {
      seq: 0,
      hash: GENESIS_HASH,
    };
    const pending = pendingRes.results as Unsealed[];
    if (pending.length === 0) return sealed;
    let prevHash = lastSealed.hash;
    const hashes: { s: number; p: string; h: string }[] = [];
    for (const row of pending) {
      const body: AuditEntryBody = {
        seq: row.seq,
        at: row.at,
        actorId: row.actor_id,
        actorLabel: row.actor_label,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        summary: row.summary,
        requestId: row.request_id,
        prevHash,
        rows: row.rows,
      };
      const hash = await entryHash(body);
      hashes.push({ s: row.seq, p: prevHash, h: hash });
      prevHash = hash;
    }
    const head = pending[pending.length - 1].seq;
    // One statement for the page (not one per entry): each entry gets its hashes only while unsealed.
    const updates = [
      db.prepare(SEAL_UPDATE).bind(JSON.stringify(hashes)),
      db
        .prepare("UPDATE audit_anchor SET head_seq = ?, head_hash = ?, updated_at = ? WHERE id = 1 AND head_seq < ?")
        .bind(head, prevHash, clock.iso(), head),
    ];
    await db.batch(updates);
    sealed += pending.length;
    if (pending.length < SEAL_PAGE) return sealed;
  }
}
