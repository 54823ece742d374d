// Candidates' election spending (Electoral Commission guidance; RPA 1983 ss.73, 76, 78, 81; RULES.md
// §3). Plain functions over integer pence.
import { addDays, type IsoDate } from "./dates";
import { DomainError } from "./errors";
import type { ElectionKind, Nation } from "./election-rules";

export interface LimitRow {
  id: string;
  kinds: ElectionKind[];
  nations: Nation[];
  fixedPence: number;
  /** Per elector; parliamentary limits differ for borough and county constituencies. */
  perElectorPence: Record<string, number>;
  effectiveFrom: IsoDate;
  source: string;
  note: string;
}

export interface SpendingLimit {
  limitPence: number;
  basePence: number;
  jointReduction: "none" | "a quarter" | "a third";
  row: LimitRow;
  explanation: string;
}

/**
 * The limit for one candidate: fixed amount plus pence per elector (the electorate on the last day for
 * publishing the notice of election), reduced by a quarter for two joint candidates and a third for
 * three or more. The row is the latest whose effective date is on or before the poll, so a new order
 * applies only to elections after it takes effect.
 */
export function spendingLimit(
  rows: readonly LimitRow[],
  q: {
    kind: ElectionKind;
    nation: Nation;
    poll: IsoDate;
    electorate: number;
    jointCandidates: number;
    constituencyType?: "borough" | "county" | null;
  },
): SpendingLimit {
  if (!Number.isInteger(q.electorate) || q.electorate < 0)
    throw new DomainError("invalid", "electorate", "The electorate is a whole number of electors.");
  if (!Number.isInteger(q.jointCandidates) || q.jointCandidates < 1)
    throw new DomainError(
      "invalid",
      "jointCandidates",
      "Joint candidates counts the candidate too: 1 when standing alone.",
    );
  const row = rows
    .filter((r) => r.kinds.includes(q.kind) && r.nations.includes(q.nation) && r.effectiveFrom <= q.poll)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  if (!row)
    throw new DomainError(
      "unsupported",
      "kind",
      `No spending limit is recorded for ${q.kind} elections in ${q.nation} on ${q.poll}; democratic services can add the limit row with its source.`,
    );
  const perElector = row.perElectorPence[q.constituencyType ?? "default"] ?? row.perElectorPence.default;
  if (perElector === undefined)
    throw new DomainError(
      "invalid",
      "constituencyType",
      `This limit differs for ${Object.keys(row.perElectorPence).join(" and ")} constituencies: say which.`,
    );
  const basePence = row.fixedPence + perElector * q.electorate;
  const jointReduction = q.jointCandidates === 1 ? "none" : q.jointCandidates === 2 ? "a quarter" : "a third";
  const limitPence =
    q.jointCandidates === 1
      ? basePence
      : q.jointCandidates === 2
        ? Math.floor((basePence * 3) / 4)
        : Math.floor((basePence * 2) / 3);
  const pounds = (p: number) => `£${(p / 100).toFixed(2)}`;
  return {
    limitPence,
    basePence,
    jointReduction,
    row,
    explanation: `${pounds(row.fixedPence)} + ${perElector}p × ${q.electorate} electors = ${pounds(basePence)}${jointReduction === "none" ? "" : `, reduced by ${jointReduction} for ${q.jointCandidates} joint candidates`} (${row.source}).`,
  };
}

/**
 * The day a person becomes a candidate (RULES.md §3): the day the timetable gives for a person already
 * announced — the last day for publishing the notice of election, or at a UK general election the
 * dissolution of Parliament (Electoral Commission, "When do candidate spending laws apply": 30 May 2024
 * for the 4 July 2024 poll) — if announced by then, otherwise the day they were announced or
 * nominated, whichever is first. Spending counts from the day after.
 */
export function candidacyDate(
  announcedCandidateFrom: IsoDate,
  announcedOn: IsoDate | null,
  nominatedOn: IsoDate | null,
): IsoDate | null {
  if (announcedOn && announcedOn <= announcedCandidateFrom) return announcedCandidateFrom;
  const dates = [announcedOn, nominatedOn].filter((d): d is IsoDate => Boolean(d)).sort();
  return dates[0] ?? null;
}

export interface ClaimDeadlines {
  invoicesBy: IsoDate;
  paymentsBy: IsoDate;
  source: string;
}

/**
 * When invoices must be in and claims paid (RPA 1983 s.78): 21 and 28 days after the declaration; at
 * parish and community council elections 14 and 21 days after the poll (RULES.md §3).
 */
export function claimDeadlines(kind: ElectionKind, pollDate: IsoDate, declaredOn: IsoDate): ClaimDeadlines {
  if (kind === "parish")
    return {
      invoicesBy: addDays(pollDate, 14),
      paymentsBy: addDays(pollDate, 21),
      source:
        "RPA 1983 s.78 as it applies to parish and community elections: invoices within 14 days and payment within 21 days of the poll",
    };
  return {
    invoicesBy: addDays(declaredOn, 21),
    paymentsBy: addDays(declaredOn, 28),
    source: "RPA 1983 s.78: invoices within 21 days and payment within 28 days of the declaration",
  };
}

export interface Expense {
  amountPence: number;
  notional?: { marketValuePence: number } | null;
  /** Bought before the regulated period but used during it: the value apportioned to the period. */
  apportionedPence?: number | null;
}

export interface Counted {
  countedPence: number;
  notionalPence: number;
  reason: string;
}

/**
 * What an item counts towards the limit. Notional spending (an item given free or discounted) counts
 * when the discount is more than 10% of its market value and more than £50 (RULES.md §3); an item
 * bought before the period but used in it counts at its apportioned value.
 */
export function countedValue(e: Expense): Counted {
  if (e.apportionedPence != null)
    return {
      countedPence: e.apportionedPence,
      notionalPence: 0,
      reason: "Bought before the regulated period and used during it: the apportioned value counts.",
    };
  if (e.notional) {
    const discount = e.notional.marketValuePence - e.amountPence;
    if (discount > 5000 && discount * 10 > e.notional.marketValuePence) {
      return {
        countedPence: e.notional.marketValuePence,
        notionalPence: discount,
        reason: "Discount over 10% and over £50: the market value counts (notional spending).",
      };
    }
    return {
      countedPence: e.amountPence,
      notionalPence: 0,
      reason: "Discount of 10% or less, or £50 or less: only what was paid counts.",
    };
  }
  return { countedPence: e.amountPence, notionalPence: 0, reason: "Amount paid." };
}

/** Parish elections: receipts from £10; others from £20 (RPA 1983 s.73(2); RULES.md §3). */
export function receiptThresholdPence(kind: ElectionKind): number {
  return kind === "parish" ? 1000 : 2000;
}

export interface ItemState {
  id: string;
  countedPence: number;
  amountPence: number;
  invoiceHeld: boolean;
  paidOn: IsoDate | null;
}

export interface Warning {
  code: string;
  message: string;
  source: string;
  itemId?: string;
}

/** Warnings on the running total and on each item, as of `today`. */
export function spendingWarnings(q: {
  kind: ElectionKind;
  limitPence: number | null;
  items: ItemState[];
  declaredOn: IsoDate | null;
  /** Needed for parish elections, whose claim deadlines run from the poll. */
  pollDate?: IsoDate;
  today: IsoDate;
}): Warning[] {
  const out: Warning[] = [];
  const total = q.items.reduce((s, i) => s + i.countedPence, 0);
  if (q.limitPence !== null) {
    if (total > q.limitPence)
      out.push({
        code: "over_limit",
        message: `Spending of £${(total / 100).toFixed(2)} is over the limit of £${(q.limitPence / 100).toFixed(2)}.`,
        source: "RPA 1983 s.76",
      });
    else if (total * 100 >= q.limitPence * 80)
      out.push({
        code: "near_limit",
        message: `Spending has reached ${Math.floor((total * 100) / q.limitPence)}% of the limit.`,
        source: "RPA 1983 s.76",
      });
  }
  const threshold = receiptThresholdPence(q.kind);
  const claims = q.declaredOn ? claimDeadlines(q.kind, q.pollDate ?? q.declaredOn, q.declaredOn) : null;
  const after = q.kind === "parish" ? "the poll" : "the declaration";
  for (const i of q.items) {
    if (i.amountPence >= threshold && !i.invoiceHeld)
      out.push({
        code: "invoice_missing",
        itemId: i.id,
        message: `A payment of £${(i.amountPence / 100).toFixed(2)} needs an invoice or receipt.`,
        source: "RPA 1983 s.73(2)",
      });
    if (claims && !i.invoiceHeld && q.today > claims.invoicesBy)
      out.push({
        code: "invoice_late",
        itemId: i.id,
        message: `The invoice had to be received by ${claims.invoicesBy}, ${q.kind === "parish" ? 14 : 21} days after ${after}.`,
        source: claims.source,
      });
    if (claims && !i.paidOn && q.today > claims.paymentsBy)
      out.push({
        code: "unpaid_late",
        itemId: i.id,
        message: `Claims had to be paid by ${claims.paymentsBy}, ${q.kind === "parish" ? 21 : 28} days after ${after}.`,
        source: claims.source,
      });
  }
  return out;
}

export interface ImprintFinding {
  ok: boolean;
  message: string;
  source: string;
}

const IMPRINT_SOURCE = "Elections Act 2022 Part 6 (digital imprints), in force November 2023";
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/i;
const ADDRESS_WORDS =
  /\b\d+[a-z]?\s+[\w' -]+\b(street|st|road|rd|lane|ln|avenue|ave|close|way|drive|place|square|crescent|court|gardens|terrace|row|hill|grove|park|house)\b/i;

/**
 * Checks a digital imprint: "Promoted by <promoter>[ on behalf of <candidate>], [both] of <address>".
 * The promoter's name and address are always needed; "on behalf of" naming the candidate is needed when
 * someone else (the agent) promotes the material.
 */
export function checkImprint(text: string, candidateName: string): { ok: boolean; findings: ImprintFinding[] } {
  const t = text.replace(/\s+/g, " ").trim();
  const findings: ImprintFinding[] = [];
  const m =
    /promoted\s+by\s+(.+?)(?:\s+on\s+behalf\s+of\s+(.+?))?(?:,\s*(?:both\s+)?(?:of\s+)?|\s+(?:both\s+)?of\s+)(.+)$/i.exec(
      t,
    );
  if (!/promoted\s+by/i.test(t)) {
    findings.push({
      ok: false,
      message: "The imprint must say who promoted the material: 'Promoted by <name>'.",
      source: IMPRINT_SOURCE,
    });
    return { ok: false, findings };
  }
  const promoter = m?.[1]?.trim() ?? "";
  const onBehalf = m?.[2]?.trim() ?? null;
  const address = m?.[3]?.trim() ?? "";
  findings.push(
    promoter
      ? { ok: true, message: `Names the promoter (${promoter}).`, source: IMPRINT_SOURCE }
      : { ok: false, message: "Name the promoter after 'Promoted by'.", source: IMPRINT_SOURCE },
  );
  const hasAddress = POSTCODE.test(address) || ADDRESS_WORDS.test(address);
  findings.push(
    hasAddress
      ? { ok: true, message: "Gives the promoter's address.", source: IMPRINT_SOURCE }
      : {
          ok: false,
          message:
            "Give the promoter's address (a street address or postcode), e.g. 'Promoted by A. Agent, 1 High Street, Demotown DT1 1AA'.",
          source: IMPRINT_SOURCE,
        },
  );
  const surname = candidateName.trim().split(/\s+/).at(-1)?.toLowerCase() ?? "";
  const candidateIsPromoter = surname !== "" && promoter.toLowerCase().includes(surname);
  if (!candidateIsPromoter) {
    findings.push(
      onBehalf?.toLowerCase().includes(surname)
        ? { ok: true, message: `Says on whose behalf it is published (${onBehalf}).`, source: IMPRINT_SOURCE }
        : {
            ok: false,
            message: `The promoter is not the candidate: add 'on behalf of ${candidateName}'.`,
            source: IMPRINT_SOURCE,
          },
    );
  }
  return { ok: findings.every((f) => f.ok), findings };
}
