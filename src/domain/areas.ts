// Areas nest: a council contains wards or divisions (and parishes). An election for an area covers
// every area inside it, so the windows that matter for an area are those of elections in it or in any
// area that encloses it; with `intersecting`, those in any area inside it too.
export interface AreaNode {
  id: string;
  parentId: string | null;
}

export function ancestorsAndSelf(areas: ReadonlyMap<string, AreaNode>, id: string): string[] {
  const out: string[] = [];
  let current: string | null = id;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    seen.add(current);
    out.push(current);
    current = areas.get(current)?.parentId ?? null;
  }
  return out;
}

export function descendants(areas: ReadonlyMap<string, AreaNode>, id: string): string[] {
  const children = new Map<string, string[]>();
  for (const a of areas.values()) if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
  const out: string[] = [];
  const stack = [...(children.get(id) ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (out.includes(next)) continue;
    out.push(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}

/** Would making `parentId` the parent of `id` put `id` inside itself? */
export function wouldCycle(areas: ReadonlyMap<string, AreaNode>, id: string, parentId: string): boolean {
  return ancestorsAndSelf(areas, parentId).includes(id);
}
