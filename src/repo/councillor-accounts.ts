import { and, eq, isNull } from "drizzle-orm";
import { councillorAccounts } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { newId } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import { checkCouncillorAccount, type ComplianceResult } from "../domain/councillor-compliance";
import type { Caller } from "../env";
import { commit, type Actor } from "./audit";
import { handleKey } from "./decisions";
import { today } from "./elections";
import type { PLATFORMS } from "./corporate-accounts";
import { invalidateScreening } from "./screening-context";
import { clock } from "../lib/clock";

export const COUNCILLOR_ACCOUNT_KINDS = ["page", "personal_profile", "group", "blog", "channel", "other"] as const;

export interface CouncillorAccountInput {
  platform: (typeof PLATFORMS)[number];
  handle: string;
  url: string;
  kind: (typeof COUNCILLOR_ACCOUNT_KINDS)[number];
  displayName: string | null;
  bio: string;
  usesLogo: boolean;
}

export interface CouncillorAccount extends CouncillorAccountInput {
  id: string;
  ownerId: string;
  ownerName: string;
  compliance: ComplianceResult;
  checkedAt: string;
  createdAt: string;
  updatedAt: string;
  removedAt: string | null;
}

const READ_ALL_ROLES = ["comms_officer", "comms_manager", "monitoring_officer", "ict_manager", "auditor", "admin"];
export const canReadAllCouncillorAccounts = (caller: Caller) => caller.roles.some((r) => READ_ALL_ROLES.includes(r));

async function load(d1: D1Database, filter: { id?: string; ownerId?: string }): Promise<CouncillorAccount[]> {
  const rows = (
    await d1
      .prepare(
        `SELECT a.*, u.name AS owner_name FROM councillor_accounts a JOIN users u ON u.id = a.owner_id
         WHERE (?1 IS NULL OR a.id = ?1) AND (?2 IS NULL OR a.owner_id = ?2) ORDER BY a.platform, a.handle_key`,
      )
      .bind(filter.id ?? null, filter.ownerId ?? null)
      .all<Record<string, any>>()
  ).results;
  return rows.map((r) => ({
    id: r.id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    platform: r.platform,
    handle: r.handle,
    url: r.url,
    kind: r.kind,
    displayName: r.display_name,
    bio: r.bio,
    usesLogo: Boolean(r.uses_logo),
    compliance: JSON.parse(r.compliance),
    checkedAt: r.checked_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    removedAt: r.removed_at,
  }));
}

/** What the compliance check needs beyond the account itself: exemption and logo approvals. */
async function context(d1: D1Database, ownerId: string, accountId: string) {
  const t = today();
  const [exemption, logo, owner] = await d1.batch([
    d1
      .prepare("SELECT 1 FROM security_exemptions WHERE councillor_id = ? AND status = 'approved' LIMIT 1")
      .bind(ownerId),
    d1
      .prepare(
        "SELECT 1 FROM logo_requests WHERE account_id = ? AND status = 'approved' AND period_start <= ? AND period_end >= ? LIMIT 1",
      )
      .bind(accountId, t, t),
    d1.prepare("SELECT name FROM users WHERE id = ?").bind(ownerId),
  ]);
  return {
    securityExemption: exemption.results.length > 0,
    logoApproved: logo.results.length > 0,
    councillorName: (owner.results[0] as { name: string } | undefined)?.name ?? "",
  };
}

async function check(
  d1: D1Database,
  ownerId: string,
  accountId: string,
  input: CouncillorAccountInput,
): Promise<ComplianceResult> {
  return checkCouncillorAccount({ ...input, ...(await context(d1, ownerId, accountId)) });
}

export async function listCouncillorAccounts(
  d1: D1Database,
  caller: Caller,
  q: { ownerId?: string; compliant?: boolean },
) {
  const ownerId = canReadAllCouncillorAccounts(caller) ? q.ownerId : caller.id;
  return (await load(d1, { ownerId })).filter(
    (a) => !a.removedAt && (q.compliant === undefined || a.compliance.compliant === q.compliant),
  );
}

export async function getCouncillorAccount(d1: D1Database, caller: Caller, id: string): Promise<CouncillorAccount> {
  const [account] = await load(d1, { id });
  // Another councillor's account is as good as absent: no hint that it exists.
  if (!account || (account.ownerId !== caller.id && !canReadAllCouncillorAccounts(caller)))
    throw new ApiError("not_found", `No councillor account with id '${id}'.`);
  return account;
}

function handleTaken(err: unknown, input: CouncillorAccountInput): never {
  if (String((err as Error)?.message).includes("councillor_accounts.platform")) {
    throw new ApiError("conflict", `The ${input.platform} handle ${input.handle} is already registered.`, {
      errors: [{ in: "body", pointer: "/handle", detail: "Already registered.", code: "duplicate" }],
    });
  }
  throw err;
}

export async function registerCouncillorAccount(
  d1: D1Database,
  actor: Actor,
  ownerId: string,
  input: CouncillorAccountInput,
) {
  const id = newId();
  const now = clock.iso();
  const compliance = await check(d1, ownerId, id, input);
  const row = {
    ...input,
    id,
    ownerId,
    handleKey: handleKey(input.handle),
    compliance: JSON.stringify(compliance),
    checkedAt: now,
    createdAt: now,
    updatedAt: now,
    removedAt: null,
  };
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(councillorAccounts).values(row))],
    [
      {
        action: "councillor_account.registered",
        subjectType: "councillor_account",
        subjectId: id,
        after: { ...input, ownerId, compliance },
      },
    ],
  ).catch((e) => handleTaken(e, input));
  invalidateScreening(d1);
  return (await load(d1, { id }))[0];
}

function ownOnly(caller: Caller, account: CouncillorAccount) {
  if (account.ownerId !== caller.id)
    throw new ApiError("forbidden", "Only the councillor who registered an account may change it.");
  if (account.removedAt) throw new ApiError("conflict", "This account has been removed from the register.");
}

export async function updateCouncillorAccount(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  id: string,
  patch: Partial<CouncillorAccountInput>,
) {
  const before = await getCouncillorAccount(d1, caller, id);
  ownOnly(caller, before);
  const input: CouncillorAccountInput = {
    platform: before.platform,
    handle: before.handle,
    url: before.url,
    kind: before.kind,
    displayName: before.displayName,
    bio: before.bio,
    usesLogo: before.usesLogo,
    ...patch,
  };
  const compliance = await check(d1, before.ownerId, id, input);
  const now = clock.iso();
  await commit(
    d1,
    actor,
    [
      toD1(
        d1,
        dbOf(d1)
          .update(councillorAccounts)
          .set({
            ...input,
            handleKey: handleKey(input.handle),
            compliance: JSON.stringify(compliance),
            checkedAt: now,
            updatedAt: now,
          })
          .where(eq(councillorAccounts.id, id)),
      ),
    ],
    [
      {
        action: "councillor_account.updated",
        subjectType: "councillor_account",
        subjectId: id,
        before,
        after: { ...input, compliance },
      },
    ],
  ).catch((e) => handleTaken(e, input));
  invalidateScreening(d1);
  return (await load(d1, { id }))[0];
}

export async function removeCouncillorAccount(d1: D1Database, actor: Actor, caller: Caller, id: string) {
  const before = await getCouncillorAccount(d1, caller, id);
  ownOnly(caller, before);
  const now = clock.iso();
  await commit(
    d1,
    actor,
    [
      toD1(
        d1,
        dbOf(d1)
          .update(councillorAccounts)
          .set({ removedAt: now, updatedAt: now })
          .where(and(eq(councillorAccounts.id, id), isNull(councillorAccounts.removedAt))),
      ),
    ],
    [{ action: "councillor_account.removed", subjectType: "councillor_account", subjectId: id, before }],
    { onlyIfChanged: true },
  );
  invalidateScreening(d1);
}

/** Re-runs the check on a councillor's accounts after an exemption or logo decision changes its inputs. */
export async function recheckCouncillor(d1: D1Database, actor: Actor, ownerId: string): Promise<void> {
  for (const account of await load(d1, { ownerId })) {
    if (account.removedAt) continue;
    const compliance = await check(d1, ownerId, account.id, account);
    if (JSON.stringify(compliance) === JSON.stringify(account.compliance)) continue;
    await commit(
      d1,
      actor,
      [
        toD1(
          d1,
          dbOf(d1)
            .update(councillorAccounts)
            .set({ compliance: JSON.stringify(compliance), checkedAt: clock.iso() })
            .where(eq(councillorAccounts.id, account.id)),
        ),
      ],
      [
        {
          action: "councillor_account.rechecked",
          subjectType: "councillor_account",
          subjectId: account.id,
          before: account.compliance,
          after: compliance,
        },
      ],
    );
  }
}

/**
 * Daily: a logo approval ends on its end date (policy 5.3), which changes no record, so the accounts
 * that show the logo are checked again. Returns how many accounts' results changed.
 */
export async function recheckLogoAccounts(d1: D1Database): Promise<number> {
  const owners = (
    await d1
      .prepare("SELECT DISTINCT owner_id FROM councillor_accounts WHERE uses_logo = 1 AND removed_at IS NULL")
      .all<{ owner_id: string }>()
  ).results;
  const before = (await d1
    .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'councillor_account.rechecked'")
    .first<{ n: number }>())!.n;
  for (const o of owners)
    await recheckCouncillor(
      d1,
      { id: null, label: "daily compliance check", requestId: "cron:compliance" },
      o.owner_id,
    );
  return (
    (await d1
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'councillor_account.rechecked'")
      .first<{ n: number }>())!.n - before
  );
}
