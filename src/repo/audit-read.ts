import { and, asc, desc, eq, gt, gte, lt, type SQL } from "drizzle-orm";
import { auditLog } from "../../schema";
import { dbOf } from "../lib/db";
import { findBrokenLink, GENESIS_HASH, type AuditEntry, type BrokenLink } from "../domain/audit-chain";
import { clock } from "../lib/clock";
import { auditedTables, liveRowsSql } from "./audited-rows";

export interface AuditQuery {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: number;
}

export interface AuditView extends Omit<AuditEntry, "summary"> {
  summary: { before: unknown; after: unknown };
}

function view(row: typeof auditLog.$inferSelect): AuditView {
  return { ...row, summary: JSON.parse(row.summary) };
}

/** Newest first; `cursor` is the lowest seq of the previous page. */
export async function listAudit(
  d1: D1Database,
  q: AuditQuery,
): Promise<{ entries: AuditView[]; nextCursor: number | null }> {
  const conds: (SQL | undefined)[] = [
    q.subjectType ? eq(auditLog.subjectType, q.subjectType) : undefined,
    q.subjectId ? eq(auditLog.subjectId, q.subjectId) : undefined,
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from).toISOString()) : undefined,
    q.to ? lt(auditLog.at, new Date(q.to).toISOString()) : undefined,
    q.cursor ? lt(auditLog.seq, q.cursor) : undefined,
  ];
  const rows = await dbOf(d1)
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.seq))
    .limit(q.limit);
  return { entries: rows.map(view), nextCursor: rows.length === q.limit ? rows[rows.length - 1].seq : null };
}

export type ChainBreakReason =
  | "entries_missing"
  | "head_missing"
  | "head_mismatch"
  | "known_head_mismatch"
  | "unsealed_before_head"
  | "unsealed_too_long";

export interface RowDifference {
  table: string;
  key: unknown;
  /** The newest entry that recorded this row. */
  seq: number;
  reason: "changed" | "deleted";
}

export interface VerifyReport {
  ok: boolean;
  entriesChecked: number;
  head: { seq: number; hash: string } | null;
  firstBrokenLink: BrokenLink | null;
  /** Entries written but not yet sealed (only ever at the end, for a moment). */
  unsealedTail: number;
  /** The anchor kept outside the rows: entries ever written and the newest sealed head. */
  anchor: { entries: number; headSeq: number; headHash: string };
  /** Breaks the anchor shows that the links alone cannot (entries removed from the end, re-sealing). */
  anchorBreaks: { reason: ChainBreakReason; detail: string }[];
  rowsChecked: number;
  /** Business rows whose live state is not the newest state the chain recorded (at most 100). */
  rowsDiffering: RowDifference[];
  checkedAt: string;
}

/** How long an entry may stay unsealed (sealing follows its write at once) before it counts as tampering. */
export const UNSEALED_GRACE_MS = 10_000;
const PAGE = 1000;
const MAX_ROW_DIFFERENCES = 100;

/**
 * Recomputes the whole chain from the first entry, a page at a time, stopping at the first broken link;
 * checks it against the anchor (and against a head an auditor recorded earlier, when given); and
 * compares the live business rows with the newest state the chain holds for each.
 */
export async function verifyAudit(d1: D1Database, knownHead?: { seq: number; hash: string }): Promise<VerifyReport> {
  const db = dbOf(d1);
  const now = clock.ms();
  const anchorRow = await d1
    .prepare("SELECT entries, head_seq, head_hash FROM audit_anchor WHERE id = 1")
    .first<{ entries: number; head_seq: number; head_hash: string }>();
  const anchor = {
    entries: anchorRow?.entries ?? 0,
    headSeq: anchorRow?.head_seq ?? 0,
    headHash: anchorRow?.head_hash ?? GENESIS_HASH,
  };
  const breaks: VerifyReport["anchorBreaks"] = [];
  let prev = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  let unsealedTail = 0;
  let firstBrokenLink: BrokenLink | null = null;
  let total = 0;
  const hashAt = new Map<number, string>();
  const wanted = new Set([anchor.headSeq, knownHead?.seq ?? -1]);
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, prev.seq))
      .orderBy(asc(auditLog.seq))
      .limit(PAGE);
    total += rows.length;
    const broken = await findBrokenLink(rows, prev);
    if (broken) {
      firstBrokenLink = broken;
      checked += rows.findIndex((r) => r.seq === broken.seq);
      break;
    }
    const sealed = rows.filter((r) => r.hash !== null);
    for (const r of sealed) if (wanted.has(r.seq)) hashAt.set(r.seq, r.hash!);
    checked += sealed.length;
    if (sealed.length) prev = { seq: sealed[sealed.length - 1].seq, hash: sealed[sealed.length - 1].hash! };
    if (sealed.length < rows.length) {
      // The rest are the unsealed tail (findBrokenLink refuses unsealed entries anywhere else).
      const tail = rows.slice(sealed.length);
      const more = await d1
        .prepare("SELECT count(*) AS n, min(seq) AS first, min(at) AS oldest FROM audit_log WHERE seq > ?")
        .bind(rows[rows.length - 1].seq)
        .first<{ n: number; first: number | null; oldest: string | null }>();
      unsealedTail = tail.length + (more?.n ?? 0);
      total += more?.n ?? 0;
      if (tail[0].seq <= anchor.headSeq) {
        breaks.push({
          reason: "unsealed_before_head",
          detail: `Entry ${tail[0].seq} has no hash, but the chain was sealed up to entry ${anchor.headSeq}: its hashes were removed.`,
        });
      }
      const oldest = [tail[0].at, more?.oldest].filter(Boolean).sort()[0]!;
      if (now - Date.parse(oldest) > UNSEALED_GRACE_MS) {
        breaks.push({
          reason: "unsealed_too_long",
          detail: `Entry ${tail[0].seq} has stayed unsealed since ${oldest}; sealing follows a write at once.`,
        });
      }
      break;
    }
    if (rows.length < PAGE) break;
  }
  if (!firstBrokenLink) {
    if (total < anchor.entries) {
      breaks.push({
        reason: "entries_missing",
        detail: `The anchor counts ${anchor.entries} entries written; ${total} remain.`,
      });
    }
    if (anchor.headSeq > 0 && !hashAt.has(anchor.headSeq) && prev.seq < anchor.headSeq) {
      breaks.push({
        reason: "head_missing",
        detail: `The chain was sealed up to entry ${anchor.headSeq}; it now ends at ${prev.seq}.`,
      });
    } else if (hashAt.has(anchor.headSeq) && hashAt.get(anchor.headSeq) !== anchor.headHash) {
      breaks.push({ reason: "head_mismatch", detail: `Entry ${anchor.headSeq} no longer has the anchored hash.` });
    }
    if (knownHead && hashAt.get(knownHead.seq) !== knownHead.hash) {
      breaks.push({
        reason: "known_head_mismatch",
        detail: `Entry ${knownHead.seq} does not have the hash you recorded (${knownHead.hash}).`,
      });
    }
  }
  const rows = await compareRows(d1);
  return {
    ok: !firstBrokenLink && breaks.length === 0 && rows.differing.length === 0,
    entriesChecked: checked,
    head: firstBrokenLink || checked === 0 ? null : prev,
    firstBrokenLink,
    unsealedTail,
    anchor,
    anchorBreaks: breaks,
    rowsChecked: rows.checked,
    rowsDiffering: rows.differing,
    checkedAt: clock.iso(),
  };
}

/** The anchor as an auditor records it: compare a later head with it, and a head that went back is a break. */
export async function auditHead(d1: D1Database) {
  const row = await d1
    .prepare("SELECT entries, head_seq, head_hash, updated_at FROM audit_anchor WHERE id = 1")
    .first<{ entries: number; head_seq: number; head_hash: string; updated_at: string }>();
  return {
    seq: row?.head_seq ?? 0,
    hash: row?.head_hash ?? GENESIS_HASH,
    entries: row?.entries ?? 0,
    updatedAt: row?.updated_at ?? null,
  };
}

/** Every business row the chain recorded, live state against the newest recorded state. */
async function compareRows(d1: D1Database): Promise<{ checked: number; differing: RowDifference[] }> {
  const recorded = await d1
    .prepare(
      `SELECT a.seq, json_extract(j.value, '$.table') AS tbl, json_extract(j.value, '$.key') AS row_key,
         json_extract(j.value, '$.state') AS row_state
       FROM audit_log a, json_each(a.rows) j WHERE a.rows IS NOT NULL ORDER BY a.seq`,
    )
    .all<{ seq: number; tbl: string; row_key: string; row_state: string | null }>();
  // The newest recorded state of each row.
  const newest = new Map<string, Map<string, { seq: number; state: string | null }>>();
  for (const r of recorded.results) {
    let byKey = newest.get(r.tbl);
    if (!byKey) {
      byKey = new Map();
      newest.set(r.tbl, byKey);
    }
    byKey.set(r.row_key, { seq: r.seq, state: r.row_state });
  }
  const differing: RowDifference[] = [];
  let checked = 0;
  const known = new Set(auditedTables());
  for (const [table, byKey] of newest) {
    if (!known.has(table)) continue;
    const live = await d1.prepare(liveRowsSql(table)).all<{ row_key: string; row_state: string }>();
    const liveByKey = new Map(live.results.map((r) => [r.row_key, r.row_state]));
    for (const [key, rec] of byKey) {
      checked += 1;
      const now = liveByKey.get(key) ?? null;
      if (now === rec.state) continue;
      if (differing.length < MAX_ROW_DIFFERENCES) {
        differing.push({ table, key: JSON.parse(key), seq: rec.seq, reason: now === null ? "deleted" : "changed" });
      }
    }
  }
  return { checked, differing };
}
