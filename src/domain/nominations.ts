import type { PurdahWindow } from "./purdah";

/** One line of a statement of persons nominated, as democratic services records it. */
export interface Nomination {
  areaId: string;
  name: string;
  /** The ballot-paper description: a party's registered description, or "Independent". */
  description: string | null;
  withdrawnAt: string | null;
}

/**
 * The lines whose area is not one of the election's: a candidate is nominated for a ward or division
 * the election covers, so any other area is a mistake in the list.
 */
export function nominationsOutsideElection(
  electionAreaIds: readonly string[],
  nominations: readonly Pick<Nomination, "areaId">[],
): { index: number; areaId: string }[] {
  const areas = new Set(electionAreaIds);
  return nominations.flatMap((n, index) => (areas.has(n.areaId) ? [] : [{ index, areaId: n.areaId }]));
}

/**
 * The elections whose nominated candidates screening recognises at `at`: those whose pre-election
 * window is in force or still to come. A name only matters inside a window (the rules run only then),
 * and an election whose window has ended no longer makes its candidates candidates for this purpose.
 */
export function electionsNamingCandidatesAt(windows: readonly PurdahWindow[], at: Date): string[] {
  const t = at.toISOString();
  return [...new Set(windows.filter((w) => t < w.end).map((w) => w.electionId))].sort();
}
