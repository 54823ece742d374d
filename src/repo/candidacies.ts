import { and, asc, eq, isNull } from "drizzle-orm";
import { candidacies, digitalImprints, expenseItems, spendingReturns } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { newId } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import type { Caller } from "../env";
import { addDays, type IsoDate } from "../domain/dates";
import { londonDate } from "../domain/london-time";
import { DomainError } from "../domain/errors";
import {
  candidacyDate,
  checkImprint,
  claimDeadlines,
  countedValue,
  spendingLimit,
  spendingWarnings,
} from "../domain/spending";
import { computeTimetable } from "../domain/timetable";
import { commit, type Actor } from "./audit";
import { holidayData } from "./calendar-data";
import { purdahIndex } from "./purdah-index";
import { limitRows } from "./spending-limits";
import { today } from "./elections";
import { clock } from "../lib/clock";

type CandidacyRow = typeof candidacies.$inferSelect;
type ExpenseRow = typeof expenseItems.$inferSelect;

const invalid = (pointer: string, detail: string) =>
  new ApiError("validation_failed", detail, { errors: [{ in: "body", pointer, detail, code: "invalid" }] });

/** A candidate sees their own; an agent, the candidates who appointed them; democratic services, all. */
export function canSee(caller: Caller, c: CandidacyRow): boolean {
  return c.candidateId === caller.id || c.agentId === caller.id || caller.roles.includes("democratic_services");
}

/** Candidate or their agent: the people who keep the ledger and submit the return. */
function canAct(caller: Caller, c: CandidacyRow): boolean {
  return c.candidateId === caller.id || c.agentId === caller.id;
}

export async function getCandidacyRow(
  d1: D1Database,
  caller: Caller,
  id: string,
  opts: { act?: boolean } = {},
): Promise<CandidacyRow> {
  const [row] = await dbOf(d1).select().from(candidacies).where(eq(candidacies.id, id));
  // Someone else's candidacy is as good as absent.
  if (!row || !canSee(caller, row)) throw new ApiError("not_found", `No candidacy with id '${id}'.`);
  if (opts.act && !canAct(caller, row))
    throw new ApiError("forbidden", "Only the candidate or their agent keeps the spending record.");
  return row;
}

async function electionOf(d1: D1Database, electionId: string) {
  const found = (await purdahIndex(d1, { fresh: true })).elections.find((e) => e.election.id === electionId);
  if (!found) throw invalid("/electionId", `No election with id '${electionId}'.`);
  return found;
}

export interface CandidacyInput {
  electionId: string;
  areaId: string;
  electorate: number;
  jointCandidates: number;
  constituencyType?: "borough" | "county" | null;
  agentId?: string | null;
  announcedOn?: IsoDate | null;
  nominatedOn?: IsoDate | null;
}

async function checkInput(d1: D1Database, input: CandidacyInput) {
  const { election } = await electionOf(d1, input.electionId);
  if (!election.areaIds.includes(input.areaId))
    throw invalid("/areaId", `The election ${election.id} is for ${election.areaIds.join(", ")}.`);
  if (input.agentId) {
    const agent = await d1
      .prepare(
        "SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.user_id = ? AND r.role = 'election_agent' AND u.disabled_at IS NULL",
      )
      .bind(input.agentId)
      .first();
    if (!agent) throw invalid("/agentId", "The agent must be a user holding the election_agent role.");
  }
  for (const f of ["announcedOn", "nominatedOn"] as const) {
    if (input[f] && input[f]! > election.pollDate) throw invalid(`/${f}`, "This date falls after the poll.");
  }
  return election;
}

export async function createCandidacy(d1: D1Database, actor: Actor, caller: Caller, input: CandidacyInput) {
  await checkInput(d1, input);
  const now = clock.iso();
  const row: CandidacyRow = {
    id: newId(),
    candidateId: caller.id,
    ...input,
    constituencyType: input.constituencyType ?? null,
    agentId: input.agentId ?? null,
    announcedOn: input.announcedOn ?? null,
    nominatedOn: input.nominatedOn ?? null,
    returnState: "open",
    correctionReason: null,
    createdAt: now,
    updatedAt: now,
  };
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(candidacies).values(row))],
    [{ action: "candidacy.created", subjectType: "candidacy", subjectId: row.id, after: row }],
  ).catch((err) => {
    if (String(err?.message).includes("candidacies.candidate_id"))
      throw new ApiError("conflict", "You already have a candidacy in this election.", {
        errors: [{ in: "body", pointer: "/electionId", detail: "Already standing.", code: "duplicate" }],
      });
    throw err;
  });
  return candidacyView(d1, row);
}

export async function updateCandidacy(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  id: string,
  patch: Partial<Omit<CandidacyInput, "electionId">>,
) {
  const before = await getCandidacyRow(d1, caller, id);
  if (before.candidateId !== caller.id) throw new ApiError("forbidden", "Only the candidate changes their candidacy.");
  if (before.returnState === "submitted")
    throw new ApiError("conflict", "The return is submitted; open a correction first.");
  const after = { ...before, ...patch, updatedAt: clock.iso() };
  await checkInput(d1, after as CandidacyInput);
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).update(candidacies).set(after).where(eq(candidacies.id, id)))],
    [{ action: "candidacy.updated", subjectType: "candidacy", subjectId: id, before, after }],
  );
  return candidacyView(d1, after);
}

export async function listCandidacies(d1: D1Database, caller: Caller) {
  const rows = await dbOf(d1).select().from(candidacies).orderBy(asc(candidacies.createdAt));
  return Promise.all(rows.filter((r) => canSee(caller, r)).map((r) => candidacyView(d1, r)));
}

/** Everything a candidate needs on one page: limit, regulated period, items, totals, warnings, deadlines. */
export async function candidacyView(d1: D1Database, c: CandidacyRow) {
  const db = dbOf(d1);
  const { election } = await electionOf(d1, c.electionId);
  const data = await holidayData(d1);
  const [items, imprints, returns] = await Promise.all([
    db
      .select()
      .from(expenseItems)
      .where(and(eq(expenseItems.candidacyId, c.id), isNull(expenseItems.deletedAt)))
      .orderBy(asc(expenseItems.incurredOn)),
    db
      .select()
      .from(digitalImprints)
      .where(eq(digitalImprints.candidacyId, c.id))
      .orderBy(asc(digitalImprints.createdAt)),
    db
      .select({
        version: spendingReturns.version,
        sha256: spendingReturns.sha256,
        submittedAt: spendingReturns.submittedAt,
        submittedBy: spendingReturns.submittedBy,
        correctionReason: spendingReturns.correctionReason,
        receivedOn: spendingReturns.receivedOn,
      })
      .from(spendingReturns)
      .where(eq(spendingReturns.candidacyId, c.id))
      .orderBy(asc(spendingReturns.version)),
  ]);
  let limit = null;
  let limitProblem: string | null = null;
  try {
    limit = spendingLimit(await limitRows(d1), {
      kind: election.kind,
      nation: election.nation,
      poll: election.pollDate,
      electorate: c.electorate,
      jointCandidates: c.jointCandidates,
      constituencyType: c.constituencyType as "borough" | "county" | null,
    });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    limitProblem = err.message;
  }
  const declaredOn = election.declarationAt ? londonDate(new Date(election.declarationAt)) : null;
  let timetable = null;
  try {
    timetable = computeTimetable(
      {
        kind: election.kind,
        nation: election.nation,
        poll: election.pollDate,
        byElection: election.byElection,
        declared: declaredOn ?? undefined,
      },
      data,
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
  }
  const becameCandidate = timetable?.candidateFrom
    ? candidacyDate(timetable.candidateFrom, c.announcedOn, c.nominatedOn)
    : null;
  const expenses = items.map((i) => ({
    ...itemView(i),
    ...countedValue({
      amountPence: i.amountPence,
      notional: i.marketValuePence != null ? { marketValuePence: i.marketValuePence } : null,
      apportionedPence: i.apportionedPence,
    }),
  }));
  const totalPence = expenses.reduce((s, e) => s + e.countedPence, 0);
  return {
    id: c.id,
    candidateId: c.candidateId,
    agentId: c.agentId,
    election: {
      id: election.id,
      title: election.title,
      kind: election.kind,
      nation: election.nation,
      pollDate: election.pollDate,
      declaredOn,
    },
    areaId: c.areaId,
    electorate: c.electorate,
    jointCandidates: c.jointCandidates,
    constituencyType: c.constituencyType,
    announcedOn: c.announcedOn,
    nominatedOn: c.nominatedOn,
    regulatedPeriod: becameCandidate
      ? {
          becameCandidateOn: becameCandidate,
          from: addDays(becameCandidate, 1),
          to: election.pollDate,
          source:
            "RULES.md §3: candidacy from the last day for the notice (at a UK general election, dissolution) if already announced, else from announcement or nomination; spending counts from the day after",
        }
      : null,
    spendingLimitPence: limit?.limitPence ?? null,
    limit: limit ? { explanation: limit.explanation, source: limit.row.source, note: limit.row.note } : null,
    limitProblem,
    totalPence,
    percentOfLimit: limit ? Math.floor((totalPence * 100) / Math.max(1, limit.limitPence)) : null,
    warnings: spendingWarnings({
      kind: election.kind,
      limitPence: limit?.limitPence ?? null,
      items: expenses.map((e) => ({
        id: e.id,
        countedPence: e.countedPence,
        amountPence: e.amountPence,
        invoiceHeld: e.invoiceHeld,
        paidOn: e.paidOn,
      })),
      declaredOn,
      pollDate: election.pollDate,
      today: today(),
    }),
    deadlines:
      declaredOn && timetable?.spendingReturnDue
        ? {
            declaredOn,
            ...claimDeadlines(election.kind, election.pollDate, declaredOn),
            returnDue: timetable.spendingReturnDue,
            source: `${claimDeadlines(election.kind, election.pollDate, declaredOn).source}; return: ${timetable.sources.spendingReturnDue}`,
          }
        : null,
    expenses,
    imprints: imprints.map((i) => ({ ...i, check: JSON.parse(i.check) })),
    returnState: c.returnState,
    returns,
  };
}

function itemView(i: ExpenseRow) {
  const { deletedAt: _d, ...rest } = i;
  return rest;
}

export interface ExpenseInput {
  incurredOn: IsoDate;
  paidOn?: IsoDate | null;
  supplier: string;
  description: string;
  subType: "paid_social_ads" | "website" | "video" | "design" | "other";
  platform?: string | null;
  amountPence: number;
  vatPence: number;
  invoiceRef?: string | null;
  invoiceHeld: boolean;
  marketValuePence?: number | null;
  apportionedPence?: number | null;
}

async function checkExpense(d1: D1Database, c: CandidacyRow, e: ExpenseInput) {
  const view = await candidacyView(d1, c);
  const poll = view.election.pollDate;
  if (e.incurredOn > poll) throw invalid("/incurredOn", `Spending is incurred by polling day (${poll}).`);
  if (e.incurredOn > today())
    throw invalid("/incurredOn", "Record spending once it is incurred: this date is in the future.");
  if (e.incurredOn < addDays(poll, -366))
    throw invalid("/incurredOn", "More than a year before the poll: not spending for this election.");
  if (e.paidOn && e.paidOn < e.incurredOn) throw invalid("/paidOn", "Paid before it was incurred.");
  if (e.paidOn && e.paidOn > today()) throw invalid("/paidOn", "A payment date in the future.");
  if (e.marketValuePence != null && e.marketValuePence < e.amountPence)
    throw invalid("/marketValuePence", "The market value is at least what was paid.");
  if (e.apportionedPence != null && e.apportionedPence > e.amountPence)
    throw invalid("/apportionedPence", "The apportioned value is at most what was paid.");
  const from = view.regulatedPeriod?.from;
  if (from && e.incurredOn < from && e.apportionedPence == null) {
    throw invalid(
      "/apportionedPence",
      `Incurred before the regulated period (from ${from}): if it is used during the period, record the value apportioned to it.`,
    );
  }
}

const LOCKED = "The return is submitted and locked; open a correction to change it.";

function openLedger(c: CandidacyRow) {
  if (c.returnState === "submitted") throw new ApiError("conflict", LOCKED);
}

/** The database's own lock (a trigger, migration 0012) for a return submitted in the same instant. */
function lockedLedger(err: unknown): never {
  if (String((err as Error)?.message).includes("ledger_locked")) throw new ApiError("conflict", LOCKED);
  throw err;
}

export async function addExpense(d1: D1Database, actor: Actor, caller: Caller, candidacyId: string, e: ExpenseInput) {
  const c = await getCandidacyRow(d1, caller, candidacyId, { act: true });
  openLedger(c);
  await checkExpense(d1, c, e);
  const now = clock.iso();
  const row: ExpenseRow = {
    id: newId(),
    candidacyId,
    ...e,
    category: "advertising",
    paidOn: e.paidOn ?? null,
    platform: e.platform ?? null,
    invoiceRef: e.invoiceRef ?? null,
    marketValuePence: e.marketValuePence ?? null,
    apportionedPence: e.apportionedPence ?? null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(expenseItems).values(row))],
    [
      {
        action: "expense.recorded",
        subjectType: "candidacy",
        subjectId: candidacyId,
        after: itemView(row),
        rows: [{ table: "expense_items", key: { id: row.id } }],
      },
    ],
  ).catch(lockedLedger);
  return candidacyView(d1, c);
}

async function expenseOf(d1: D1Database, candidacyId: string, expenseId: string): Promise<ExpenseRow> {
  const [row] = await dbOf(d1)
    .select()
    .from(expenseItems)
    .where(
      and(eq(expenseItems.id, expenseId), eq(expenseItems.candidacyId, candidacyId), isNull(expenseItems.deletedAt)),
    );
  if (!row) throw new ApiError("not_found", `No expense with id '${expenseId}'.`);
  return row;
}

export async function updateExpense(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  candidacyId: string,
  expenseId: string,
  patch: Partial<ExpenseInput>,
) {
  const c = await getCandidacyRow(d1, caller, candidacyId, { act: true });
  openLedger(c);
  const before = await expenseOf(d1, candidacyId, expenseId);
  const after = { ...before, ...patch, updatedAt: clock.iso() };
  await checkExpense(d1, c, after as ExpenseInput);
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).update(expenseItems).set(after).where(eq(expenseItems.id, expenseId)))],
    [
      {
        action: "expense.changed",
        subjectType: "candidacy",
        subjectId: candidacyId,
        rows: [{ table: "expense_items", key: { id: expenseId } }],
        before: itemView(before),
        after: itemView(after),
      },
    ],
  ).catch(lockedLedger);
  return candidacyView(d1, c);
}

export async function deleteExpense(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  candidacyId: string,
  expenseId: string,
) {
  const c = await getCandidacyRow(d1, caller, candidacyId, { act: true });
  openLedger(c);
  const before = await expenseOf(d1, candidacyId, expenseId);
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).update(expenseItems).set({ deletedAt: clock.iso() }).where(eq(expenseItems.id, expenseId)))],
    [
      {
        action: "expense.removed",
        subjectType: "candidacy",
        subjectId: candidacyId,
        before: itemView(before),
        rows: [{ table: "expense_items", key: { id: expenseId } }],
      },
    ],
  ).catch(lockedLedger);
}

export async function addImprint(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  candidacyId: string,
  input: { material: string; location: string; text: string },
) {
  const c = await getCandidacyRow(d1, caller, candidacyId, { act: true });
  const candidate = await d1
    .prepare("SELECT name FROM users WHERE id = ?")
    .bind(c.candidateId)
    .first<{ name: string }>();
  const check = checkImprint(input.text, candidate?.name ?? "");
  const row = { id: newId(), candidacyId, ...input, check: JSON.stringify(check), createdAt: clock.iso() };
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(digitalImprints).values(row))],
    [
      {
        action: "imprint.recorded",
        subjectType: "candidacy",
        subjectId: candidacyId,
        after: { ...input, ok: check.ok },
      },
    ],
  );
  return { ...row, check };
}
