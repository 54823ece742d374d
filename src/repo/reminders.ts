import { candidacies } from "../../schema";
import { currentStep } from "../domain/approval";
import { ancestorsAndSelf, descendants } from "../domain/areas";
import { addDays } from "../domain/dates";
import { COMMS_TEAM, type EventInput } from "../domain/events";
import { londonDate } from "../domain/london-time";
import type { Role } from "../auth/roles";
import { dbOf } from "../lib/db";
import { commit, type Actor } from "./audit";
import { candidacyView } from "./candidacies";
import { expireLogoRequest, markLogoReminded } from "./logo-requests";
import { approvalsOf, loadPost } from "./posts";
import { purdahIndex } from "./purdah-index";

const ACTOR: Actor = { id: null, label: "reminder sweep", requestId: "cron:reminders" };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Raises one reminder at most once: a row in `reminders_sent` under its key, its audit entry and its
 * event, in one batch guarded on the key being new — two sweeps at once raise it once.
 */
async function raise(d1: D1Database, key: string, event: EventInput, now: Date): Promise<boolean> {
  const result = await commit(
    d1,
    ACTOR,
    [
      d1
        .prepare("INSERT OR IGNORE INTO reminders_sent (key, event_type, sent_at) VALUES (?, ?, ?)")
        .bind(key, event.type, now.toISOString()),
    ],
    [
      {
        action: "reminder.raised",
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        after: { key, type: event.type },
      },
    ],
    { onlyIfChanged: true, events: [event] },
  );
  return result.applied;
}

export interface SweepResult {
  approvalsDue: number;
  logoReminded: number;
  logoExpired: number;
  spendingDeadlines: number;
  purdahSoon: number;
}

/**
 * The cron's reminder sweep, as of `now` (the service clock; tests pass any instant). Every reminder is
 * keyed, so running the sweep every minute raises each one once.
 */
export async function sweepReminders(env: Env, now: Date): Promise<SweepResult> {
  const d1 = env.DB;
  return {
    approvalsDue: await approvalsDue(d1, now),
    ...(await logoRequests(env, now)),
    spendingDeadlines: await spendingDeadlines(d1, now),
    purdahSoon: await purdahStartingSoon(d1, now),
  };
}

/** Posts publishing within 24 hours that still wait for a decision: the approvers of the waiting step. */
async function approvalsDue(d1: D1Database, now: Date): Promise<number> {
  const rows = (
    await d1
      .prepare("SELECT id FROM posts WHERE status = 'pending_approval' AND publish_at > ? AND publish_at <= ?")
      .bind(now.toISOString(), new Date(now.getTime() + DAY).toISOString())
      .all<{ id: string }>()
  ).results;
  let n = 0;
  for (const { id } of rows) {
    const loaded = await loadPost(d1, id);
    const { post } = loaded;
    const step = currentStep(post.steps, approvalsOf(loaded));
    if (!step) continue;
    const raised = await raise(
      d1,
      `approval_due:${post.id}:v${post.version}`,
      {
        type: "post.approval_due",
        subjectType: "post",
        subjectId: post.id,
        data: {
          postId: post.id,
          version: post.version,
          accountId: post.accountId,
          publishAt: post.publishAt,
          roles: step.remainingRoles,
        },
        audience: { roles: step.remainingRoles as Role[], excludeUserIds: [post.authorId] },
      },
      now,
    );
    if (raised) n++;
  }
  return n;
}

/**
 * Logo requests: the Workflow reminds and expires each one on time; the sweep does the same for any
 * whose Workflow step was lost (both writes are guarded, so whichever runs first wins and the other
 * changes nothing).
 */
async function logoRequests(env: Env, now: Date): Promise<{ logoReminded: number; logoExpired: number }> {
  const remindHours = Math.min(Number(env.LOGO_REMIND_AFTER_HOURS) || 72, Number(env.LOGO_EXPIRE_AFTER_HOURS) || 336);
  const rows = (
    await env.DB.prepare(
      "SELECT id, created_at, reminded_at, expires_at FROM logo_requests WHERE status = 'pending'",
    ).all<{
      id: string;
      created_at: string;
      reminded_at: string | null;
      expires_at: string;
    }>()
  ).results;
  let logoReminded = 0;
  let logoExpired = 0;
  for (const r of rows) {
    if (Date.parse(r.expires_at) <= now.getTime()) {
      if (await expireLogoRequest(env.DB, r.id)) logoExpired++;
    } else if (!r.reminded_at && Date.parse(r.created_at) + remindHours * HOUR <= now.getTime()) {
      if (await markLogoReminded(env.DB, r.id)) logoReminded++;
    }
  }
  return { logoReminded, logoExpired };
}

const DEADLINES = [
  { key: "invoicesBy", name: "invoices" },
  { key: "paymentsBy", name: "payment of claims" },
  { key: "returnDue", name: "spending return" },
] as const;

/**
 * Candidates' deadlines (invoices 21 days, payment 28 days, the return 35 days after the declaration,
 * as the spending record computes them): 7 days and 1 day before, to the candidate and their agent.
 * A reminder missed by a sweep that did not run is raised late rather than never, but only before the
 * day itself; the 7-day one is not raised once the 1-day one is due.
 */
async function spendingDeadlines(d1: D1Database, now: Date): Promise<number> {
  const today = londonDate(now);
  let n = 0;
  for (const c of await dbOf(d1).select().from(candidacies)) {
    let view: Awaited<ReturnType<typeof candidacyView>>;
    try {
      view = await candidacyView(d1, c);
    } catch {
      continue; // an election withdrawn or unreadable: nothing to remind about
    }
    const deadlines = view.deadlines;
    if (!deadlines) continue;
    for (const d of DEADLINES) {
      const due = deadlines[d.key];
      if (!due || today >= due) continue;
      if (d.key === "returnDue" && c.returnState === "submitted") continue;
      const daysBefore = today >= addDays(due, -1) ? 1 : today >= addDays(due, -7) ? 7 : null;
      if (!daysBefore) continue;
      const raised = await raise(
        d1,
        `spending:${c.id}:${d.key}:${due}:${daysBefore}`,
        {
          type: "spending.deadline_due",
          subjectType: "candidacy",
          subjectId: c.id,
          data: { candidacyId: c.id, deadline: d.name, dueOn: due, daysBefore },
          audience: { userIds: [c.candidateId, ...(c.agentId ? [c.agentId] : [])] },
        },
        now,
      );
      if (raised) n++;
    }
  }
  return n;
}

/**
 * "A pre-election period starts in 7 days", to the comms team, listing every approved or pending post
 * that falls inside it for an account in the election's areas (enclosing or enclosed): each will be
 * re-screened at publication, so the team can act before the period begins. Keyed by the window's
 * start, so a period that moves is announced again.
 */
async function purdahStartingSoon(d1: D1Database, now: Date): Promise<number> {
  const index = await purdahIndex(d1, { fresh: true });
  const soon = index.windows.filter(
    (w) => Date.parse(w.start) > now.getTime() && Date.parse(w.start) <= now.getTime() + 7 * DAY,
  );
  let n = 0;
  for (const w of soon) {
    const related = new Set<string>();
    for (const a of w.areaIds) {
      for (const x of ancestorsAndSelf(index.areas, a)) related.add(x);
      for (const x of descendants(index.areas, a)) related.add(x);
    }
    const posts = (
      await d1
        .prepare(
          `SELECT p.id, p.status, p.publish_at, p.account_id, group_concat(a.area_id) AS areas FROM posts p
           LEFT JOIN corporate_account_areas a ON a.account_id = p.account_id
           WHERE p.status IN ('pending_approval', 'approved', 'held') AND p.publish_at >= ? AND p.publish_at < ?
           GROUP BY p.id ORDER BY p.publish_at`,
        )
        .bind(w.start, w.end)
        .all<{ id: string; status: string; publish_at: string; account_id: string; areas: string | null }>()
    ).results.filter((p) => (p.areas ?? "").split(",").some((a) => related.has(a)));
    const raised = await raise(
      d1,
      `purdah_soon:${w.electionId}:${w.start}`,
      {
        type: "purdah.starting_soon",
        subjectType: "election",
        subjectId: w.electionId,
        data: {
          electionId: w.electionId,
          electionName: w.title,
          startsAt: w.start,
          endsAt: w.end,
          areaIds: w.areaIds,
          posts: posts.map((p) => ({ id: p.id, status: p.status, publishAt: p.publish_at, accountId: p.account_id })),
        },
        audience: { roles: COMMS_TEAM },
      },
      now,
    );
    if (raised) n++;
  }
  return n;
}

/** Test and admin aid: whether a reminder key was raised. */
export async function reminderRaised(d1: D1Database, key: string): Promise<boolean> {
  return Boolean(await d1.prepare("SELECT 1 FROM reminders_sent WHERE key = ?").bind(key).first());
}
