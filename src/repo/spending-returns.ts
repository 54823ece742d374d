import { londonDate } from "../domain/london-time";
import { and, eq } from "drizzle-orm";
import { spendingReturns } from "../../schema";
import { dbOf } from "../lib/db";
import { canonicalJson } from "../lib/canonical-json";
import { sha256Hex } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import type { Caller } from "../env";
import { commit, type Actor } from "./audit";
import { candidacyView, getCandidacyRow } from "./candidacies";
import { clock } from "../lib/clock";

/**
 * Submits the return: the candidacy's record as it stands is frozen into a snapshot, hashed, and that
 * hash goes into the audit chain with the submission. The ledger is then locked; a correction opens it
 * and the next submission is a new version, never an edit.
 */
export async function submitReturn(d1: D1Database, actor: Actor, caller: Caller, candidacyId: string) {
  const c = await getCandidacyRow(d1, caller, candidacyId, { act: true });
  if (c.returnState === "submitted")
    throw new ApiError(
      "already_decided",
      "The return is already submitted; open a correction to submit a new version.",
    );
  const previous = await dbOf(d1)
    .select({ version: spendingReturns.version, reason: spendingReturns.correctionReason })
    .from(spendingReturns)
    .where(eq(spendingReturns.candidacyId, candidacyId));
  const version = previous.length + 1;
  const reason = c.returnState === "correcting" ? c.correctionReason : null;
  // The ledger as it stands before the snapshot is read: the submission lands only if the ledger is
  // still exactly this, in the same transaction, so the hashed return never leaves out an expense.
  const ledger = await d1.prepare(`SELECT ${LEDGER_SQL} AS ledger`).bind(candidacyId).first<{ ledger: string }>();
  const view = await candidacyView(d1, c);
  const submittedAt = clock.iso();
  const snapshot = {
    ...view,
    returns: undefined,
    returnState: undefined,
    version,
    submittedAt,
    submittedBy: caller.id,
  };
  const canonical = canonicalJson(snapshot);
  const sha256 = await sha256Hex(canonical);
  const writes = [
    d1
      .prepare(
        `UPDATE candidacies SET return_state = 'submitted', correction_reason = NULL, updated_at = ?
         WHERE id = ? AND return_state = ? AND ${LEDGER_SQL} = ?`,
      )
      .bind(submittedAt, candidacyId, c.returnState, candidacyId, ledger!.ledger),
    d1
      .prepare(
        "INSERT INTO spending_returns (candidacy_id, version, snapshot, sha256, submitted_by, submitted_at, correction_reason) SELECT ?, ?, ?, ?, ?, ?, ? WHERE changes() > 0",
      )
      .bind(candidacyId, version, canonical, sha256, caller.id, submittedAt, reason),
  ];
  const result = await commit(
    d1,
    actor,
    writes,
    [
      {
        action: "spending_return.submitted",
        subjectType: "candidacy",
        subjectId: candidacyId,
        rows: [
          { table: "candidacies", key: { id: candidacyId } },
          { table: "spending_returns", key: { candidacy_id: candidacyId, version } },
        ],
        after: {
          version,
          sha256,
          totalPence: view.totalPence,
          spendingLimitPence: view.spendingLimitPence,
          correctionReason: reason,
        },
      },
    ],
    { onlyIfChanged: true },
  );
  if (!result.applied) {
    const now = await getCandidacyRow(d1, caller, candidacyId);
    if (now.returnState === "submitted")
      throw new ApiError(
        "already_decided",
        "The return was submitted at the same moment by someone else; nothing was changed.",
      );
    throw new ApiError(
      "conflict",
      "The spending changed while the return was being submitted; check it and submit again.",
    );
  }
  return { version, sha256, submittedAt };
}

/** The whole ledger of a candidacy (bind its id), as one JSON text: equal only if nothing changed. */
const LEDGER_SQL = `(SELECT json_group_array(json_array(id, updated_at, deleted_at, amount_pence, vat_pence,
  market_value_pence, apportioned_pence, incurred_on, paid_on, supplier, description, sub_type, platform, invoice_ref,
  invoice_held)) FROM (SELECT * FROM expense_items WHERE candidacy_id = ? ORDER BY id))`;

export async function openCorrection(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  candidacyId: string,
  reason: string,
) {
  const c = await getCandidacyRow(d1, caller, candidacyId, { act: true });
  if (c.returnState !== "submitted") throw new ApiError("conflict", "There is no submitted return to correct.");
  const result = await commit(
    d1,
    actor,
    [
      d1
        .prepare(
          "UPDATE candidacies SET return_state = 'correcting', correction_reason = ?, updated_at = ? WHERE id = ? AND return_state = 'submitted'",
        )
        .bind(reason, clock.iso(), candidacyId),
    ],
    [
      {
        action: "spending_return.correction_opened",
        subjectType: "candidacy",
        subjectId: candidacyId,
        after: { reason },
      },
    ],
    { onlyIfChanged: true },
  );
  if (!result.applied) throw new ApiError("already_decided", "A correction is already open.");
}

export async function getReturn(d1: D1Database, caller: Caller, candidacyId: string, version: number) {
  await getCandidacyRow(d1, caller, candidacyId);
  const [row] = await dbOf(d1)
    .select()
    .from(spendingReturns)
    .where(and(eq(spendingReturns.candidacyId, candidacyId), eq(spendingReturns.version, version)));
  if (!row) throw new ApiError("not_found", `No return version ${version} for this candidacy.`);
  // Served only as it was submitted: the snapshot must still hash to the SHA-256 in the audit chain.
  if ((await sha256Hex(row.snapshot)) !== row.sha256) {
    throw new ApiError(
      "integrity_failed",
      `Return version ${version} has been altered since it was submitted: it no longer matches its SHA-256. Tell the monitoring officer; the audit record holds the submitted hash.`,
    );
  }
  return {
    ...row,
    snapshot: JSON.parse(row.snapshot) as Awaited<ReturnType<typeof candidacyView>> & {
      version: number;
      submittedAt: string;
    },
  };
}

export async function markReceived(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  candidacyId: string,
  version: number,
  receivedOn: string,
) {
  const r = await getReturn(d1, caller, candidacyId, version);
  const received = (detail: string) =>
    new ApiError("validation_failed", detail, {
      errors: [{ in: "body", pointer: "/receivedOn", detail, code: "invalid" }],
    });
  if (receivedOn < londonDate(new Date(r.submittedAt)))
    throw received("The return cannot be received before it was submitted.");
  if (receivedOn > londonDate(clock.now())) throw received("The day received cannot be in the future.");
  const result = await commit(
    d1,
    actor,
    [
      d1
        .prepare(
          "UPDATE spending_returns SET received_on = ?, received_by = ? WHERE candidacy_id = ? AND version = ? AND received_on IS NULL",
        )
        .bind(receivedOn, caller.id, candidacyId, version),
    ],
    [
      {
        action: "spending_return.received",
        subjectType: "candidacy",
        subjectId: candidacyId,
        after: { version, receivedOn },
      },
    ],
    { onlyIfChanged: true },
  );
  if (!result.applied) throw new ApiError("already_decided", "Already recorded as received.");
  return getReturn(d1, caller, candidacyId, version);
}
