import { and, asc, desc, eq, gt, gte, lt, type SQL } from "drizzle-orm";
import { auditLog } from "../../schema";
import { dbOf } from "../lib/db";
import { findBrokenLink, GENESIS_HASH, type AuditEntry, type BrokenLink } from "../domain/audit-chain";
import { clock } from "../lib/clock";

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

export interface VerifyReport {
  ok: boolean;
  entriesChecked: number;
  head: { seq: number; hash: string } | null;
  firstBrokenLink: BrokenLink | null;
  /** Entries written but not yet sealed (only ever at the end, for a moment). */
  unsealedTail: number;
  checkedAt: string;
}

const PAGE = 1000;

/** Recomputes the whole chain from the first entry, a page at a time, stopping at the first break. */
export async function verifyAudit(d1: D1Database): Promise<VerifyReport> {
  const db = dbOf(d1);
  let prev = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, prev.seq))
      .orderBy(asc(auditLog.seq))
      .limit(PAGE);
    const broken = await findBrokenLink(rows, prev);
    if (broken) {
      return {
        ok: false,
        entriesChecked: checked + rows.findIndex((r) => r.seq === broken.seq),
        head: null,
        firstBrokenLink: broken,
        unsealedTail: 0,
        checkedAt: clock.iso(),
      };
    }
    const sealed = rows.filter((r) => r.hash !== null);
    if (sealed.length < rows.length) {
      // The rest are the unsealed tail (findBrokenLink refuses unsealed entries anywhere else).
      const unsealedTail =
        rows.length -
        sealed.length +
        (await d1
          .prepare("SELECT count(*) AS n FROM audit_log WHERE seq > ?")
          .bind(rows[rows.length - 1].seq)
          .first<{ n: number }>())!.n;
      checked += sealed.length;
      if (sealed.length) prev = { seq: sealed[sealed.length - 1].seq, hash: sealed[sealed.length - 1].hash! };
      return {
        ok: true,
        entriesChecked: checked,
        head: checked ? prev : null,
        firstBrokenLink: null,
        unsealedTail,
        checkedAt: clock.iso(),
      };
    }
    checked += rows.length;
    if (rows.length > 0) prev = { seq: rows[rows.length - 1].seq, hash: rows[rows.length - 1].hash! };
    if (rows.length < PAGE) break;
  }
  return {
    ok: true,
    entriesChecked: checked,
    head: checked ? prev : null,
    firstBrokenLink: null,
    unsealedTail: 0,
    checkedAt: clock.iso(),
  };
}
