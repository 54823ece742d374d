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
        "UPDATE candidacies SET return_state = 'submitted', correction_reason = NULL, updated_at = ? WHERE id = ? AND return_state = ?",
      )
      .bind(submittedAt, candidacyId, c.returnState),
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
  if (!result.applied)
    throw new ApiError(
      "already_decided",
      "The return was submitted at the same moment by someone else; nothing was changed.",
    );
  return { version, sha256, submittedAt };
}

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
