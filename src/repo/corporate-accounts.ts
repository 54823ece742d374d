import { eq } from "drizzle-orm";
import { corporateAccountAdmins, corporateAccountAreas, corporateAccounts } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { newId } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import { commit, type Actor } from "./audit";
import { handleKey, usersExist } from "./decisions";
import { checkAreas } from "./elections";
import { purdahIndex } from "./purdah-index";
import { today } from "./elections";
import { invalidateScreening } from "./screening-context";
import { clock } from "../lib/clock";

export const PLATFORMS = [
  "facebook",
  "x",
  "instagram",
  "linkedin",
  "youtube",
  "tiktok",
  "threads",
  "bluesky",
  "flickr",
  "blog",
  "other",
] as const;

export interface CorporateAccountInput {
  platform: (typeof PLATFORMS)[number];
  handle: string;
  url: string;
  owningService: string;
  ownerId: string;
  administratorIds: string[];
  purpose: string;
  areaIds: string[];
  status: "active" | "suspended" | "closed";
  lastReviewedOn: string | null;
  nextReviewOn: string;
  purdahBehaviour: "gate" | "pause" | "close";
}

export type CorporateAccount = Omit<CorporateAccountInput, never> & {
  id: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  reviewOverdue: boolean;
};

async function load(d1: D1Database, where?: string): Promise<CorporateAccount[]> {
  const db = dbOf(d1);
  const rows = where
    ? await db.select().from(corporateAccounts).where(eq(corporateAccounts.id, where))
    : await db.select().from(corporateAccounts);
  if (rows.length === 0) return [];
  const [admins, areas] = await Promise.all([
    db.select().from(corporateAccountAdmins),
    db.select().from(corporateAccountAreas),
  ]);
  const t = today();
  return rows.map(({ handleKey: _k, ...r }) => ({
    ...(r as Omit<typeof r, "platform" | "status" | "purdahBehaviour">),
    platform: r.platform as CorporateAccount["platform"],
    status: r.status as CorporateAccount["status"],
    purdahBehaviour: r.purdahBehaviour as CorporateAccount["purdahBehaviour"],
    administratorIds: admins
      .filter((a) => a.accountId === r.id)
      .map((a) => a.userId)
      .sort(),
    areaIds: areas
      .filter((a) => a.accountId === r.id)
      .map((a) => a.areaId)
      .sort(),
    reviewOverdue: r.status !== "closed" && r.nextReviewOn < t,
  }));
}

export async function listCorporateAccounts(
  d1: D1Database,
  q: { overdue?: boolean; status?: string; platform?: string },
) {
  return (await load(d1))
    .filter(
      (a) =>
        (q.overdue ? a.reviewOverdue : true) &&
        (!q.status || a.status === q.status) &&
        (!q.platform || a.platform === q.platform),
    )
    .sort((a, b) =>
      q.overdue
        ? a.nextReviewOn.localeCompare(b.nextReviewOn)
        : a.platform.localeCompare(b.platform) || a.handle.localeCompare(b.handle),
    );
}

export async function getCorporateAccount(d1: D1Database, id: string): Promise<CorporateAccount> {
  const [account] = await load(d1, id);
  if (!account) throw new ApiError("not_found", `No corporate account with id '${id}'.`);
  return account;
}

function handleTaken(err: unknown, platform: string, handle: string): never {
  if (String((err as Error)?.message).includes("corporate_accounts.platform")) {
    throw new ApiError("conflict", `The ${platform} handle ${handle} is already registered to an open account.`, {
      errors: [{ in: "body", pointer: "/handle", detail: "Already registered.", code: "duplicate" }],
    });
  }
  throw err;
}

async function validate(d1: D1Database, input: CorporateAccountInput) {
  await usersExist(d1, [input.ownerId], () => "/ownerId");
  await usersExist(d1, input.administratorIds, (i) => `/administratorIds/${i}`);
  checkAreas(await purdahIndex(d1, { fresh: true }), input.areaIds);
}

function writes(
  d1: D1Database,
  id: string,
  input: CorporateAccountInput,
  stamps: { createdAt: string; updatedAt: string; closedAt: string | null },
  isNew: boolean,
) {
  const db = dbOf(d1);
  const { administratorIds, areaIds, ...fields } = input;
  const row = { ...fields, id, handleKey: handleKey(input.handle), ...stamps };
  return [
    isNew
      ? toD1(d1, db.insert(corporateAccounts).values(row))
      : toD1(d1, db.update(corporateAccounts).set(row).where(eq(corporateAccounts.id, id))),
    ...(isNew
      ? []
      : [
          toD1(d1, db.delete(corporateAccountAdmins).where(eq(corporateAccountAdmins.accountId, id))),
          toD1(d1, db.delete(corporateAccountAreas).where(eq(corporateAccountAreas.accountId, id))),
        ]),
    ...administratorIds.map((userId) => toD1(d1, db.insert(corporateAccountAdmins).values({ accountId: id, userId }))),
    ...areaIds.map((areaId) => toD1(d1, db.insert(corporateAccountAreas).values({ accountId: id, areaId }))),
  ];
}

export async function createCorporateAccount(d1: D1Database, actor: Actor, input: CorporateAccountInput) {
  await validate(d1, input);
  const id = newId();
  const now = clock.iso();
  const stamps = { createdAt: now, updatedAt: now, closedAt: input.status === "closed" ? now : null };
  await commit(d1, actor, writes(d1, id, input, stamps, true), [
    { action: "corporate_account.created", subjectType: "corporate_account", subjectId: id, after: { id, ...input } },
  ]).catch((e) => handleTaken(e, input.platform, input.handle));
  invalidateScreening(d1);
  return getCorporateAccount(d1, id);
}

export async function updateCorporateAccount(
  d1: D1Database,
  actor: Actor,
  id: string,
  patch: Partial<CorporateAccountInput>,
) {
  const before = await getCorporateAccount(d1, id);
  if (before.status === "closed" && patch.status !== "active")
    throw new ApiError("conflict", "This account is closed; reopen it (status: active) to change it.");
  const { id: _id, createdAt, updatedAt: _u, closedAt, reviewOverdue: _r, ...current } = before;
  const input: CorporateAccountInput = { ...current, ...patch };
  await validate(d1, input);
  const now = clock.iso();
  const stamps = { createdAt, updatedAt: now, closedAt: input.status === "closed" ? (closedAt ?? now) : null };
  const action =
    patch.status && patch.status !== before.status
      ? `corporate_account.${patch.status === "closed" ? "closed" : patch.status === "suspended" ? "suspended" : "reopened"}`
      : "corporate_account.updated";
  await commit(d1, actor, writes(d1, id, input, stamps, false), [
    { action, subjectType: "corporate_account", subjectId: id, before, after: { id, ...input } },
  ]).catch((e) => handleTaken(e, input.platform, input.handle));
  invalidateScreening(d1);
  return getCorporateAccount(d1, id);
}
