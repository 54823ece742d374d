import { eq } from "drizzle-orm";
import { councilSettings } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import type { Nation } from "../domain/election-rules";
import type { PurdahSettings } from "../domain/purdah";
import { commit, type Actor } from "./audit";
import { invalidateCalendars } from "./purdah-index";
import { invalidateScreening } from "./screening-context";
import { clock } from "../lib/clock";

/** The council's own published contacts: screening does not treat them as personal data (policy 8.3). */
export interface PublishedContacts {
  phones: string[];
  /** Addresses, or "@domain" for every address at the council's domain. */
  emails: string[];
  addresses: string[];
}

export interface CouncilSettings extends PurdahSettings {
  name: string;
  slug: string;
  nation: Nation;
  areaId: string | null;
  publishedContacts: PublishedContacts;
  updatedAt: string | null;
}

/** Until democratic services records the council's own settings, these apply. */
export const DEFAULT_SETTINGS: CouncilSettings = {
  name: "The Council",
  slug: "council",
  nation: "england",
  areaId: null,
  purdahEnds: "close_of_poll",
  generalElectionPurdahStarts: "notice",
  publishedContacts: { phones: [], emails: [], addresses: [] },
  updatedAt: null,
};

function contactsOf(json: string | null | undefined): PublishedContacts {
  try {
    const c = JSON.parse(json ?? "{}");
    const list = (x: unknown) => (Array.isArray(x) ? x.filter((v): v is string => typeof v === "string") : []);
    return { phones: list(c.phones), emails: list(c.emails), addresses: list(c.addresses) };
  } catch {
    return { phones: [], emails: [], addresses: [] };
  }
}

export function settingsFromRow(row: typeof councilSettings.$inferSelect | undefined | null): CouncilSettings {
  if (!row) return DEFAULT_SETTINGS;
  return {
    name: row.name,
    slug: row.slug,
    nation: row.nation as Nation,
    areaId: row.areaId,
    purdahEnds: row.purdahEnds as CouncilSettings["purdahEnds"],
    generalElectionPurdahStarts: row.generalElectionPurdahStarts as CouncilSettings["generalElectionPurdahStarts"],
    publishedContacts: contactsOf(row.publishedContacts),
    updatedAt: row.updatedAt,
  };
}

export async function getSettings(d1: D1Database): Promise<CouncilSettings> {
  const [row] = await dbOf(d1).select().from(councilSettings).where(eq(councilSettings.id, 1));
  return settingsFromRow(row);
}

export async function putSettings(
  d1: D1Database,
  actor: Actor,
  input: Omit<CouncilSettings, "updatedAt" | "publishedContacts"> & { publishedContacts?: PublishedContacts },
): Promise<CouncilSettings> {
  const before = await getSettings(d1);
  const publishedContacts = input.publishedContacts ?? before.publishedContacts;
  const after: CouncilSettings = { ...input, publishedContacts, updatedAt: clock.iso() };
  const row = { id: 1, ...input, publishedContacts: JSON.stringify(publishedContacts), updatedAt: after.updatedAt! };
  await commit(
    d1,
    actor,
    [
      toD1(
        d1,
        dbOf(d1).insert(councilSettings).values(row).onConflictDoUpdate({ target: councilSettings.id, set: row }),
      ),
    ],
    [
      {
        action: "council.settings_changed",
        subjectType: "council",
        subjectId: "council",
        before: before.updatedAt ? before : null,
        after,
      },
    ],
  );
  invalidateCalendars(d1);
  invalidateScreening(d1);
  return after;
}
