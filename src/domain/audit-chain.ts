import { canonicalJson } from "../lib/canonical-json";
import { sha256Hex } from "../lib/crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The fields an audit entry's hash covers: everything but the hash itself. */
export interface AuditEntryBody {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string;
  summary: string;
  requestId: string;
  prevHash: string;
}

export interface AuditEntry extends AuditEntryBody {
  hash: string;
}

export function entryHash(body: AuditEntryBody): Promise<string> {
  return sha256Hex(
    canonicalJson({
      seq: body.seq,
      at: body.at,
      actorId: body.actorId,
      actorLabel: body.actorLabel,
      action: body.action,
      subjectType: body.subjectType,
      subjectId: body.subjectId,
      summary: body.summary,
      requestId: body.requestId,
      prevHash: body.prevHash,
    }),
  );
}

export type BrokenLinkReason = "sequence_gap" | "previous_hash_mismatch" | "hash_mismatch";

export interface BrokenLink {
  seq: number;
  reason: BrokenLinkReason;
  expected: string;
  found: string;
}

/**
 * Checks one page of the chain given the last good entry before it (or none at the start).
 * Returns the first broken link, or null when every entry follows from the one before.
 */
export async function findBrokenLink(
  entries: readonly AuditEntry[],
  before: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): Promise<BrokenLink | null> {
  let prev = before;
  for (const entry of entries) {
    if (entry.seq !== prev.seq + 1) {
      return { seq: entry.seq, reason: "sequence_gap", expected: String(prev.seq + 1), found: String(entry.seq) };
    }
    if (entry.prevHash !== prev.hash) {
      return { seq: entry.seq, reason: "previous_hash_mismatch", expected: prev.hash, found: entry.prevHash };
    }
    const recomputed = await entryHash(entry);
    if (recomputed !== entry.hash) {
      return { seq: entry.seq, reason: "hash_mismatch", expected: recomputed, found: entry.hash };
    }
    prev = { seq: entry.seq, hash: entry.hash };
  }
  return null;
}
