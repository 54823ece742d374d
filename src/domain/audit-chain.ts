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
  /** JSON [{table, key, state}] of the business rows the entry wrote, when it records any. */
  rows?: string | null;
}

/** As stored: prevHash and hash are null until the entry is sealed. */
export interface AuditEntry extends Omit<AuditEntryBody, "prevHash"> {
  prevHash: string | null;
  hash: string | null;
}

export function entryHash(body: AuditEntryBody): Promise<string> {
  // Entries that record a business row cover it too; entries without one hash as they always did.
  const rows = body.rows ? { rows: body.rows } : {};
  return sha256Hex(
    canonicalJson({
      ...rows,
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

export type BrokenLinkReason = "sequence_gap" | "previous_hash_mismatch" | "hash_mismatch" | "unsealed_entry";

export interface BrokenLink {
  seq: number;
  reason: BrokenLinkReason;
  expected: string;
  found: string;
}

/**
 * Checks one page of the chain given the last good entry before it (or none at the start).
 * Returns the first broken link, or null when every entry follows from the one before. Entries not
 * yet sealed are allowed only at the end (`unsealedTail` counts them); an unsealed entry followed by a
 * sealed one is a break.
 */
export async function findBrokenLink(
  entries: readonly AuditEntry[],
  before: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): Promise<BrokenLink | null> {
  let prev = before;
  for (const [i, entry] of entries.entries()) {
    if (entry.seq !== prev.seq + 1) {
      return { seq: entry.seq, reason: "sequence_gap", expected: String(prev.seq + 1), found: String(entry.seq) };
    }
    if (entry.hash === null || entry.prevHash === null) {
      if (entries.slice(i + 1).some((e) => e.hash !== null))
        return { seq: entry.seq, reason: "unsealed_entry", expected: "a hash", found: "none" };
      return null; // the unsealed tail: written, about to be sealed
    }
    if (entry.prevHash !== prev.hash) {
      return { seq: entry.seq, reason: "previous_hash_mismatch", expected: prev.hash, found: entry.prevHash };
    }
    const recomputed = await entryHash({ ...entry, prevHash: entry.prevHash });
    if (recomputed !== entry.hash) {
      return { seq: entry.seq, reason: "hash_mismatch", expected: recomputed, found: entry.hash };
    }
    prev = { seq: entry.seq, hash: entry.hash };
  }
  return null;
}
