import { canonicalJson } from "../lib/canonical-json";
import { ApiError } from "../lib/problem";
import { entryHash, GENESIS_HASH, type AuditEntryBody } from "../domain/audit-chain";

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

export interface Actor {
  id: string | null;
  label: string;
  requestId: string;
}

/** Anything D1 can batch. Drizzle queries are turned into these with `toD1` below. */
export type Write = D1PreparedStatement;

export interface CommitOptions {
  /**
   * When true, the audit entries are written only if the last write changed a row. That is how a
   * guarded decision (`UPDATE … WHERE status = 'pending'`) stays idempotent: the loser of a race
   * changes nothing and so records nothing.
   */
  onlyIfChanged?: boolean;
}

export interface CommitResult {
  results: D1Result[];
  /** Whether the writes took effect (always true unless onlyIfChanged and nothing changed). */
  applied: boolean;
  auditSeqs: number[];
}

const MAX_ATTEMPTS = 60;

function isChainCollision(err: unknown): boolean {
  const message = String((err as Error)?.message ?? err);
  return message.includes("audit_log.seq") || message.includes("audit_log.hash");
}

/**
 * Writes state changes and their audit entries in one D1 batch (one transaction), so a change is
 * never recorded without its entry or the reverse. The chain position is read first and claimed by
 * the insert's primary key; a writer that loses the race retries from the new head, so concurrent
 * writers serialise rather than fork the chain.
 */
export async function commit(db: D1Database, actor: Actor, writes: Write[], audit: AuditInput[], opts: CommitOptions = {}): Promise<CommitResult> {
  if (opts.onlyIfChanged && writes.length === 0) throw new Error("commit: onlyIfChanged needs a guarded write");
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const head = await db
      .prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
      .first<{ seq: number; hash: string }>();
    let prev = head ?? { seq: 0, hash: GENESIS_HASH };
    const at = new Date().toISOString();
    const inserts: D1PreparedStatement[] = [];
    const seqs: number[] = [];
    for (const item of audit) {
      const body: AuditEntryBody = {
        seq: prev.seq + 1,
        at,
        actorId: actor.id,
        actorLabel: actor.label,
        action: item.action,
        subjectType: item.subjectType,
        subjectId: item.subjectId,
        summary: canonicalJson({ before: item.before ?? null, after: item.after ?? null }),
        requestId: actor.requestId,
        prevHash: prev.hash,
      };
      const hash = await entryHash(body);
      // changes() is the row count of the statement just before in the batch: the caller's last
      // write for the first entry, then each entry for the next, so all stand or fall together.
      const guard = opts.onlyIfChanged ? " WHERE changes() > 0" : "";
      inserts.push(
        db
          .prepare(
            `INSERT INTO audit_log (seq, at, actor_id, actor_label, action, subject_type, subject_id, summary, request_id, prev_hash, hash)
             SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?${guard}`,
          )
          .bind(body.seq, body.at, body.actorId, body.actorLabel, body.action, body.subjectType, body.subjectId, body.summary, body.requestId, body.prevHash, hash),
      );
      seqs.push(body.seq);
      prev = { seq: body.seq, hash };
    }
    try {
      const results = await db.batch([...writes, ...inserts]);
      const last = results[results.length - 1];
      const applied = !opts.onlyIfChanged || (last.meta.changes ?? 0) > 0;
      return { results: results.slice(0, writes.length), applied, auditSeqs: applied ? seqs : [] };
    } catch (err) {
      if (!isChainCollision(err)) throw err;
      // Another writer took this position. Back off a little, with jitter, and retry from the new head.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
    }
  }
  throw new ApiError("busy", "The audit log is under heavy concurrent write load; try again.");
}
