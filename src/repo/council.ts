import { eq } from "drizzle-orm";
import { councilSettings } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import type { Nation } from "../domain/election-rules";
import type { PurdahSettings } from "../domain/purdah";
import { commit, type Actor } from "./audit";
import { invalidateCalendars } from "./purdah-index";
import { clock } from "../lib/clock";

export interface CouncilSettings extends PurdahSettings {
  name: string;
  slug: string;
  nation: Nation;
  areaId: string | null;
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
  updatedAt: null,
};

export function settingsFromRow(row: typeof councilSettings.$inferSelect | undefined | null): CouncilSettings {
  if (!row) return DEFAULT_SETTINGS;
  return {
    name: row.name,
    slug: row.slug,
    nation: row.nation as Nation,
    areaId: row.areaId,
    purdahEnds: row.purdahEnds as CouncilSettings["purdahEnds"],
    generalElectionPurdahStarts: row.generalElectionPurdahStarts as CouncilSettings["generalElectionPurdahStarts"],
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
  input: Omit<CouncilSettings, "updatedAt">,
): Promise<CouncilSettings> {
  const before = await getSettings(d1);
  const after: CouncilSettings = { ...input, updatedAt: clock.iso() };
  const row = { id: 1, ...input, updatedAt: after.updatedAt! };
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
  return after;
}
