import type { CompiledLexicon, OwnContacts, Person } from "../domain/screening";
import { ancestorsAndSelf, descendants } from "../domain/areas";
import { windowsAt } from "../domain/purdah";
import { ApiError } from "../lib/problem";
import { TTL_MS } from "./calendar-data";
import { purdahIndex } from "./purdah-index";
import { compiledFor, currentLexicon } from "./lexicons";
import { clock } from "../lib/clock";
import { addDays } from "../domain/dates";
import { londonDate } from "../domain/london-time";
import { electionsNamingCandidatesAt } from "../domain/nominations";

export interface AccountForScreening {
  id: string | null;
  kind: "corporate";
  purdahBehaviour: "gate" | "pause" | "close";
  areaIds: string[];
  status: string;
  handle: string;
}

interface Registers {
  lexicon: CompiledLexicon;
  people: Person[];
  officers: string[];
  accounts: Map<string, AccountForScreening>;
  /** Approval steps per account, where a council has set them (default otherwise). */
  approvalPolicies: Map<string, string>;
  /** The council's own published contacts (council settings), not personal data (policy 8.3). */
  ownContacts: OwnContacts;
  councilName: string | undefined;
  /** Candidates in statements of persons nominated (not withdrawn), by election: users or not. */
  nominees: Map<string, Person[]>;
  /** `people` with the nominees of a set of elections, kept so the rules index each list once. */
  peopleWith: Map<string, Person[]>;
  builtAt: number;
}

const STAFF = [
  "comms_officer",
  "comms_manager",
  "chief_executive",
  "monitoring_officer",
  "democratic_services",
  "ict_manager",
];

async function build(d1: D1Database): Promise<Registers> {
  // A window ends at most a week or so after its poll (declaration); older statements cannot matter.
  const since = addDays(londonDate(clock.now()), -14);
  const [usersRes, handlesRes, accountsRes, areasRes, policiesRes, councilRes, nomineesRes] = await d1.batch([
    d1.prepare(
      "SELECT u.id, u.name, (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) AS roles FROM users u WHERE u.disabled_at IS NULL",
    ),
    d1.prepare("SELECT owner_id, handle, url FROM councillor_accounts WHERE removed_at IS NULL"),
    d1.prepare("SELECT id, handle, status, purdah_behaviour FROM corporate_accounts"),
    d1.prepare("SELECT account_id, area_id FROM corporate_account_areas"),
    d1.prepare("SELECT account_id, steps FROM account_approval_policies"),
    d1.prepare("SELECT name, published_contacts FROM council_settings WHERE id = 1"),
    d1
      .prepare(
        "SELECT n.election_id, n.name FROM nominations n JOIN elections e ON e.id = n.election_id WHERE n.withdrawn_at IS NULL AND e.status = 'scheduled' AND e.poll_date >= ? ORDER BY n.election_id, n.name",
      )
      .bind(since),
  ]);
  const council = (councilRes.results as { name: string; published_contacts: string | null }[])[0];
  let ownContacts: OwnContacts = {};
  try {
    ownContacts = council?.published_contacts ? JSON.parse(council.published_contacts) : {};
  } catch {
    ownContacts = {};
  }
  const lexicon = compiledFor(await currentLexicon(d1));
  const users = usersRes.results as { id: string; name: string; roles: string | null }[];
  const handles = handlesRes.results as { owner_id: string; handle: string; url: string }[];
  const people: Person[] = [];
  const officers: string[] = [];
  for (const u of users) {
    const roles = (u.roles ?? "").split(",");
    const role = roles.includes("councillor") ? "councillor" : roles.includes("candidate") ? "candidate" : null;
    if (role) {
      const own = handles.filter((h) => h.owner_id === u.id);
      people.push({ name: u.name, role, handles: own.map((h) => h.handle), urls: own.map((h) => h.url) });
    } else if (roles.some((r) => STAFF.includes(r))) officers.push(u.name);
  }
  const areas = areasRes.results as { account_id: string; area_id: string }[];
  const accounts = new Map(
    (
      accountsRes.results as {
        id: string;
        handle: string;
        status: string;
        purdah_behaviour: AccountForScreening["purdahBehaviour"];
      }[]
    ).map((a) => [
      a.id,
      {
        id: a.id,
        kind: "corporate" as const,
        purdahBehaviour: a.purdah_behaviour,
        status: a.status,
        handle: a.handle,
        areaIds: areas.filter((x) => x.account_id === a.id).map((x) => x.area_id),
      },
    ]),
  );
  const approvalPolicies = new Map(
    (policiesRes.results as { account_id: string; steps: string }[]).map((p) => [p.account_id, p.steps]),
  );
  const nominees = new Map<string, Person[]>();
  for (const n of nomineesRes.results as { election_id: string; name: string }[]) {
    const list = nominees.get(n.election_id) ?? [];
    list.push({ name: n.name, role: "candidate", handles: [], urls: [] });
    nominees.set(n.election_id, list);
  }
  return {
    lexicon,
    people,
    officers,
    accounts,
    approvalPolicies,
    ownContacts,
    councilName: council?.name,
    nominees,
    peopleWith: new Map(),
    builtAt: clock.ms(),
  };
}

const cache = new WeakMap<D1Database, Promise<Registers>>();

export function invalidateScreening(d1: D1Database): void {
  cache.delete(d1);
}

/** Lexicon and registers for screening: cached per isolate for live feedback, fresh for decisions. */
export async function screeningRegisters(d1: D1Database, opts: { fresh?: boolean } = {}): Promise<Registers> {
  const hit = cache.get(d1);
  if (!opts.fresh && hit) {
    const r = await hit.catch(() => null);
    if (r && clock.ms() - r.builtAt < TTL_MS) return r;
  }
  const pending = build(d1);
  cache.set(d1, pending);
  pending.catch(() => cache.delete(d1));
  return pending;
}

export const WHOLE_COUNCIL: AccountForScreening = {
  id: null,
  kind: "corporate",
  purdahBehaviour: "gate",
  areaIds: [],
  status: "active",
  handle: "(whole council)",
};

/** The account (or the whole council when none is named) and the windows in force at `at` for its areas. */
export async function screeningContext(
  d1: D1Database,
  accountId: string | null | undefined,
  at: Date,
  opts: { fresh?: boolean } = {},
) {
  const registers = await screeningRegisters(d1, opts);
  const account = accountId ? registers.accounts.get(accountId) : WHOLE_COUNCIL;
  if (!account)
    throw new ApiError("validation_failed", `No corporate account with id '${accountId}'.`, {
      errors: [{ in: "body", pointer: "/accountId", detail: "Unknown account.", code: "unknown" }],
    });
  const index = await purdahIndex(d1, opts);
  const relevant = relevantAreas(index, account.areaIds);
  const purdah = windowsAt(index.windows, at).filter((w) => !relevant || w.areaIds.some((a) => relevant!.has(a)));
  const people = peopleAt(registers, electionsNamingCandidatesAt(index.windows, at));
  return { account, purdah, registers: people === registers.people ? registers : { ...registers, people } };
}

type PurdahIndex = Awaited<ReturnType<typeof purdahIndex>>;
/** Per cached index: an account's areas with their ancestors and descendants (worked out once, not per post). */
const relevantCache = new WeakMap<PurdahIndex, Map<string, Set<string>>>();

function relevantAreas(index: PurdahIndex, areaIds: string[]): Set<string> | null {
  if (!areaIds.length) return null;
  let byAreas = relevantCache.get(index);
  if (!byAreas) {
    byAreas = new Map();
    relevantCache.set(index, byAreas);
  }
  const key = areaIds.join("\n");
  let relevant = byAreas.get(key);
  if (!relevant) {
    relevant = new Set(areaIds.flatMap((a) => [...ancestorsAndSelf(index.areas, a), ...descendants(index.areas, a)]));
    byAreas.set(key, relevant);
  }
  return relevant;
}

/**
 * The users who are councillors or candidates, with the nominated candidates of these elections. The
 * same elections give the same list object, so purdah-rules indexes it once (its cache is by list).
 */
function peopleAt(registers: Registers, electionIds: string[]): Person[] {
  const ids = electionIds.filter((id) => registers.nominees.has(id));
  if (!ids.length) return registers.people;
  const key = ids.join("\n");
  let people = registers.peopleWith.get(key);
  if (!people) {
    // Users first: a sitting councillor who stands again is still named as the councillor.
    people = [...registers.people, ...ids.flatMap((id) => registers.nominees.get(id)!)];
    registers.peopleWith.set(key, people);
  }
  return people;
}
