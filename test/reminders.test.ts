import { env, introspectWorkflow } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../src/domain/dates";
import { londonDate } from "../src/domain/london-time";
import { clock } from "../src/lib/clock";
import { dispatchOutbox } from "../src/repo/outbox";
import { purdahIndex } from "../src/repo/purdah-index";
import { sweepReminders } from "../src/repo/reminders";
import { call, userWith } from "./helpers";
import { bankHolidaysUntil, commsTeam, events, inHours, recordingQueue, uid, type U } from "./outbox-fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let team: Awaited<ReturnType<typeof commsTeam>>;
beforeAll(async () => {
  team = await commsTeam();
});

/** Runs the sweep twice at `now`, as two cron minutes (or two isolates) would. */
async function sweepTwice(now: Date) {
  const first = await sweepReminders(env, now);
  const second = await sweepReminders(env, now);
  return { first, second };
}

const ofType = async (subjectId: string, type: string) =>
  (await events(subjectId)).filter((e) => e.type === type).map((e) => ({ ...e, data: JSON.parse(e.data) }));

/** Who was told about an event, once the dispatcher has run. */
async function told(eventId: string) {
  await dispatchOutbox(env.DB, recordingQueue().queue);
  return (
    await env.DB.prepare("SELECT user_id FROM notifications WHERE event_id = ?")
      .bind(eventId)
      .all<{ user_id: string }>()
  ).results.map((r) => r.user_id);
}

/** A Thursday at least `days` days after today (London), as a poll date. */
function thursdayAfter(days: number): string {
  let d = addDays(londonDate(clock.now()), days);
  while (new Date(`${d}T12:00:00Z`).getUTCDay() !== 4) d = addDays(d, 1);
  return d;
}

async function area(ds: U, kind: "council" | "ward", parentId: string | null = null) {
  const id = `rem-${kind}-${uid()}`;
  const res = await call("POST", "/v1/areas", { token: ds.token, body: { id, name: `Area ${id}`, kind, parentId } });
  expect(res.status, res.text).toBe(201);
  return id;
}

async function account(areaId: string) {
  const res = await call("POST", "/v1/corporate-accounts", {
    token: team.manager.token,
    body: {
      platform: "x",
      handle: `@R${uid()}`,
      url: "https://x.com/r",
      owningService: "Comms",
      ownerId: team.manager.user.id,
      administratorIds: [],
      purpose: "News",
      areaIds: [areaId],
      status: "active",
      lastReviewedOn: null,
      nextReviewOn: "2099-06-01",
      purdahBehaviour: "gate",
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

async function submit(accountId: string, publishAt: string, text: string) {
  const res = await call("POST", "/v1/posts", { token: team.officer.token, body: { accountId, publishAt, text } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; status: string };
}

async function byElection(ds: U, areaId: string, pollDate: string) {
  await bankHolidaysUntil(team.admin.token, pollDate);
  const res = await call("POST", "/v1/elections", {
    token: ds.token,
    body: { kind: "local", pollDate, areaIds: [areaId], byElection: true },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

describe("approvals undecided 24 hours before publication", () => {
  it("asks the waiting step's approvers once, not the author, and not for a decided post", async () => {
    const publishAt = inHours(48);
    const waiting = await submit(team.accountId, publishAt, "Library opening hours change in March.");
    const decided = await submit(team.accountId, publishAt, "Bin collections move to Tuesdays.");
    const approve = await call("POST", `/v1/posts/${decided.id}/decisions`, {
      token: team.manager.token,
      body: { version: 1, decision: "approve" },
    });
    expect(approve.status, approve.text).toBe(200);

    // 25 hours before publication: too early.
    await sweepTwice(new Date(Date.parse(publishAt) - 25 * HOUR));
    expect(await ofType(waiting.id, "post.approval_due")).toHaveLength(0);

    // 23 hours before: raised once, however often the sweep runs.
    const { first, second } = await sweepTwice(new Date(Date.parse(publishAt) - 23 * HOUR));
    expect(first.approvalsDue).toBeGreaterThanOrEqual(1);
    expect(second.approvalsDue).toBe(0);
    await sweepReminders(env, new Date(Date.parse(publishAt) - HOUR));
    const due = await ofType(waiting.id, "post.approval_due");
    expect(due).toHaveLength(1);
    expect(due[0].data).toMatchObject({ postId: waiting.id, version: 1, publishAt, roles: ["comms_manager"] });
    expect(await ofType(decided.id, "post.approval_due")).toHaveLength(0);

    const people = await told(due[0].id);
    expect(people).toContain(team.manager.user.id);
    expect(people).not.toContain(team.officer.user.id);

    // After publication time it is no longer "due" (the post expires instead): nothing more.
    await sweepReminders(env, new Date(Date.parse(publishAt) + HOUR));
    expect(await ofType(waiting.id, "post.approval_due")).toHaveLength(1);
  });
});

describe("logo-use requests", () => {
  it("the sweep reminds the chief executive once after the reminder time, and expires the request at its expiry, if the Workflow's step was lost", async () => {
    // The Workflow sleeps (real time) and never reaches its steps here: the sweep alone acts.
    await using _wf = await introspectWorkflow(env.LOGO_REQUEST_WORKFLOW);
    const councillor = await userWith(["councillor"]);
    const chief = await userWith(["chief_executive"]);
    const acc = await call("POST", "/v1/councillor-accounts", {
      token: councillor.token,
      body: {
        platform: "facebook",
        handle: `remind${uid()}`,
        url: "https://facebook.com/remind",
        kind: "page",
        displayName: "Cllr Remind",
        bio: "Councillor for Castle ward. Views my own.",
        usesLogo: true,
      },
    });
    expect(acc.status, acc.text).toBe(201);
    const today = londonDate(clock.now());
    const req = await call("POST", "/v1/logo-requests", {
      token: councillor.token,
      body: {
        targetType: "councillor_account",
        accountId: acc.json.id,
        siteUrl: "https://facebook.com/remind",
        purpose: "Ward newsletter page for Castle ward residents",
        siteRelation: "councillor_role",
        periodStart: today,
        periodEnd: addDays(today, 300),
      },
    });
    expect(req.status, req.text).toBe(201);
    const row = await env.DB.prepare("SELECT created_at, expires_at FROM logo_requests WHERE id = ?")
      .bind(req.json.id)
      .first<{ created_at: string; expires_at: string }>();
    const created = Date.parse(row!.created_at);
    const remindAfter = (Number(env.LOGO_REMIND_AFTER_HOURS) || 72) * HOUR;

    await sweepTwice(new Date(created + remindAfter - HOUR));
    expect(await ofType(req.json.id, "logo_request.reminder")).toHaveLength(0);

    await sweepTwice(new Date(created + remindAfter + HOUR));
    await sweepReminders(env, new Date(created + remindAfter + 2 * HOUR));
    const reminders = await ofType(req.json.id, "logo_request.reminder");
    expect(reminders).toHaveLength(1);
    expect(await told(reminders[0].id)).toContain(chief.user.id);
    const read = await call("GET", `/v1/logo-requests/${req.json.id}`, { token: chief.token });
    expect(read.json).toMatchObject({ status: "pending", remindedAt: expect.any(String) });

    const { first, second } = await sweepTwice(new Date(Date.parse(row!.expires_at) + HOUR));
    expect(first.logoExpired).toBeGreaterThanOrEqual(1);
    expect(second.logoExpired).toBe(0);
    expect(await ofType(req.json.id, "logo_request.expired")).toHaveLength(1);
    expect((await call("GET", `/v1/logo-requests/${req.json.id}`, { token: chief.token })).json.status).toBe("expired");
  });
});

describe("candidates' spending deadlines", () => {
  it("invoices, payment and the return: 7 days and 1 day before each, once, to the candidate and agent", async () => {
    const ds = await userWith(["democratic_services"]);
    const candidate = await userWith(["candidate"]);
    const agent = await userWith(["election_agent"]);
    const rival = await userWith(["candidate"]);
    const ward = await area(ds, "ward");
    const poll = thursdayAfter(120);
    const electionId = await byElection(ds, ward, poll);
    const stood = await call("POST", "/v1/candidacies", {
      token: candidate.token,
      body: {
        electionId,
        areaId: ward,
        electorate: 8000,
        jointCandidates: 1,
        announcedOn: londonDate(clock.now()),
        agentId: agent.user.id,
      },
    });
    expect(stood.status, stood.text).toBe(201);
    const id = stood.json.id as string;
    const declared = await call("PATCH", `/v1/elections/${electionId}`, {
      token: ds.token,
      body: { declarationAt: `${addDays(poll, 1)}T03:00:00Z` },
    });
    expect(declared.status, declared.text).toBe(200);
    const { deadlines } = (await call("GET", `/v1/candidacies/${id}`, { token: candidate.token })).json;
    expect(deadlines).toMatchObject({ declaredOn: addDays(poll, 1) });
    const expected: Record<string, string> = {
      invoices: deadlines.invoicesBy,
      "payment of claims": deadlines.paymentsBy,
      "spending return": deadlines.returnDue,
    };
    expect(deadlines.invoicesBy).toBe(addDays(poll, 22));
    expect(deadlines.paymentsBy).toBe(addDays(poll, 29));

    // Every day from the declaration to after the return is due, at noon, the sweep runs twice.
    const raisedOn: { day: string; deadline: string; dueOn: string; daysBefore: number }[] = [];
    let seen = 0;
    for (let day = deadlines.declaredOn; day <= addDays(deadlines.returnDue, 1); day = addDays(day, 1)) {
      await sweepTwice(new Date(`${day}T12:00:00Z`));
      const now = await ofType(id, "spending.deadline_due");
      for (const e of now.slice(seen)) raisedOn.push({ day, ...e.data });
      seen = now.length;
    }
    const want = Object.entries(expected).flatMap(([deadline, dueOn]) =>
      [7, 1].map((daysBefore) => ({ day: addDays(dueOn, -daysBefore), deadline, dueOn, daysBefore })),
    );
    const key = (r: { day: string; deadline: string }) => `${r.day} ${r.deadline}`;
    expect(
      raisedOn.map((r) => ({ day: r.day, deadline: r.deadline, dueOn: r.dueOn, daysBefore: r.daysBefore })),
    ).toEqual(want.sort((a, b) => key(a).localeCompare(key(b))));

    const [first] = await ofType(id, "spending.deadline_due");
    const people = await told(first.id);
    expect(people.sort()).toEqual([candidate.user.id, agent.user.id].sort());
    expect(people).not.toContain(rival.user.id);
    const mine = await call("GET", "/v1/me/notifications", { token: agent.token });
    expect(mine.json.notifications.map((n: { body: string }) => n.body)).toContain(
      `The invoices deadline for your candidacy is ${deadlines.invoicesBy} (in 7 days).`,
    );
  }, 90_000);

  it("a reminder missed because the sweep did not run is raised late, but the 7-day one is not once the 1-day one is due", async () => {
    const ds = await userWith(["democratic_services"]);
    const candidate = await userWith(["candidate"]);
    const ward = await area(ds, "ward");
    const poll = thursdayAfter(180);
    const electionId = await byElection(ds, ward, poll);
    const stood = await call("POST", "/v1/candidacies", {
      token: candidate.token,
      body: { electionId, areaId: ward, electorate: 5000, jointCandidates: 1, announcedOn: londonDate(clock.now()) },
    });
    expect(stood.status, stood.text).toBe(201);
    await call("PATCH", `/v1/elections/${electionId}`, {
      token: ds.token,
      body: { declarationAt: `${addDays(poll, 1)}T03:00:00Z` },
    });
    const { deadlines } = (await call("GET", `/v1/candidacies/${stood.json.id}`, { token: candidate.token })).json;
    // The sweep first runs 5 days before invoices are due (the 7-day reminder is late, not lost)…
    await sweepTwice(new Date(`${addDays(deadlines.invoicesBy, -5)}T12:00:00Z`));
    // …then not again until the day before the payment deadline: its 7-day reminder is skipped.
    await sweepTwice(new Date(`${addDays(deadlines.paymentsBy, -1)}T12:00:00Z`));
    const raised = (await ofType(stood.json.id, "spending.deadline_due")).map(
      (e) => `${e.data.deadline}:${e.data.daysBefore}`,
    );
    expect(raised).toEqual(["invoices:7", "payment of claims:1"]);
  });
});

describe("a pre-election period starts in 7 days", () => {
  it("tells the comms team once, listing every approved or pending post inside it for accounts in the election's areas", async () => {
    const council = await area(team.ds, "council");
    const wardA = await area(team.ds, "ward", council);
    const wardB = await area(team.ds, "ward", council);
    const councilAccount = await account(council);
    const wardBAccount = await account(wardB);
    const poll = thursdayAfter(70);

    // The posts are written before the election is announced, so their screening knows nothing of it.
    const afterPoll = `${addDays(poll, 3)}T10:00:00.000Z`;
    const beforePoll = `${addDays(poll, -5)}T10:00:00.000Z`;
    const pending = await submit(councilAccount, beforePoll, "Consultation on the new library opens.");
    const approved = await submit(councilAccount, `${addDays(poll, -4)}T10:00:00.000Z`, "Parks open late in summer.");
    const rejected = await submit(councilAccount, `${addDays(poll, -3)}T10:00:00.000Z`, "Leisure centre news.");
    const later = await submit(councilAccount, afterPoll, "Results of the road survey.");
    const elsewhere = await submit(wardBAccount, beforePoll, "Ward B litter pick on Saturday.");
    for (const [post, decision] of [
      [approved, "approve"],
      [rejected, "reject"],
    ] as const) {
      const res = await call("POST", `/v1/posts/${post.id}/decisions`, {
        token: team.manager.token,
        body: { version: 1, decision, ...(decision === "reject" ? { reason: "Not now" } : {}) },
      });
      expect(res.status, res.text).toBe(200);
    }

    const electionId = await byElection(team.ds, wardA, poll);
    const window = (await purdahIndex(env.DB, { fresh: true })).windows.find((w) => w.electionId === electionId)!;
    expect(window).toBeTruthy();
    const start = Date.parse(window.start);
    expect(Date.parse(beforePoll)).toBeGreaterThan(start);
    expect(Date.parse(afterPoll)).toBeGreaterThanOrEqual(Date.parse(window.end));

    await sweepTwice(new Date(start - 8 * DAY));
    expect(await ofType(electionId, "purdah.starting_soon")).toHaveLength(0);

    await sweepTwice(new Date(start - 7 * DAY + HOUR));
    await sweepTwice(new Date(start - DAY));
    const soon = await ofType(electionId, "purdah.starting_soon");
    expect(soon).toHaveLength(1);
    expect(soon[0].data).toMatchObject({ electionId, startsAt: window.start, endsAt: window.end, areaIds: [wardA] });
    const listed = (soon[0].data.posts as { id: string; status: string }[]).map((p) => [p.id, p.status]);
    expect(listed).toEqual([
      [pending.id, "pending_approval"],
      [approved.id, "approved"],
    ]);
    for (const p of [rejected, later, elsewhere]) expect(listed.map(([id]) => id)).not.toContain(p.id);

    const people = await told(soon[0].id);
    expect(people).toEqual(expect.arrayContaining([team.officer.user.id, team.manager.user.id]));
    expect(people).not.toContain(team.ds.user.id);
    const mine = await call("GET", "/v1/me/notifications", { token: team.officer.token });
    const note = mine.json.notifications.find((n: { eventId: string }) => n.eventId === soon[0].id);
    expect(note.body).toContain("2 approved or pending posts fall inside it and will be re-screened");
    expect(note.body).toContain(`/posts/${pending.id}`);
  });
});
