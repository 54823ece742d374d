import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_ACCESS } from "../src/web/router";
import { ROLES, type Role } from "../src/auth/roles";
import { call, userWith } from "./helpers";
import { daysAhead, getPage, sessionFor, visibleText } from "./web-helpers";

// Walks every page for every role, over data of every kind, and fails on machine text: a raw ISO
// timestamp or date, an internal code (snake_case, "post.block_overridden"), an RRULE or "Purdah".
const MACHINE_TEXT: [string, RegExp][] = [
  ["an ISO timestamp", /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/],
  ["an ISO date", /\b\d{4}-\d{2}-\d{2}\b/],
  ["an internal code", /\b[a-z]+(?:_[a-z]+)+\b/],
  ["a dotted internal code", /\b[a-z]+\.[a-z]+(?:_[a-z]+)+\b/],
  ["an RRULE", /\b(?:FREQ|RRULE|BYDAY|BYMONTH)\b/],
  ["jargon", /\bpurdah\b/i],
];

const ids: Record<string, string> = {};
const names: Record<string, string> = {
  comms_officer: "Olive Officer",
  comms_manager: "Mona Manager",
  chief_executive: "Cecil Chief",
  monitoring_officer: "Morgan Monitor",
  democratic_services: "Dora Democratic",
  ict_manager: "Ivan Ict",
  councillor: "Clara Councillor",
  candidate: "Cameron Candidate",
  election_agent: "Agnes Agent",
  auditor: "Audrey Auditor",
  admin: "Adam Admin",
};
const people = {} as Record<Role, Awaited<ReturnType<typeof userWith>>>;
const sessions = {} as Record<Role, { cookie: string; csrf: string }>;

beforeAll(async () => {
  for (const role of ROLES) {
    people[role] = await userWith([role], names[role]);
    sessions[role] = await sessionFor(people[role].user.id);
  }
  const t = (role: Role) => people[role].token;
  const ok = (res: Awaited<ReturnType<typeof call>>) => {
    expect(res.status, res.text).toBeLessThan(300);
    return res.json;
  };
  ok(
    await call("POST", "/v1/areas", {
      token: t("democratic_services"),
      body: { id: "walk-council", name: "Walk Council", kind: "council" },
    }),
  );
  ok(
    await call("POST", "/v1/areas", {
      token: t("democratic_services"),
      body: { id: "walk-ward", name: "Walk Ward", kind: "ward", parentId: "walk-council" },
    }),
  );
  // A by-election whose pre-election period is in force now, and a cycle.
  // A Thursday about three weeks ahead (polls are on working days; by custom, Thursdays).
  let ahead = 20;
  while (new Date(`${daysAhead(ahead)}T12:00:00Z`).getUTCDay() !== 4) ahead += 1;
  const poll = daysAhead(ahead);
  // Beyond the bank holidays held (the clock moved years ahead) a timetable needs the notice's date.
  const body = { kind: "local", pollDate: poll, areaIds: ["walk-ward"], byElection: true };
  let made = await call("POST", "/v1/elections", { token: t("democratic_services"), body });
  if (made.status === 422)
    made = await call("POST", "/v1/elections", {
      token: t("democratic_services"),
      body: { ...body, noticePublishedOn: daysAhead(-3) },
    });
  const election = ok(made);
  ids.election = election.id;
  ok(
    await call("POST", "/v1/cycles", {
      token: t("democratic_services"),
      body: {
        name: "Walk Council elections",
        kind: "local",
        rrule: "FREQ=YEARLY;BYMONTH=5;BYDAY=1TH",
        dtstart: firstThursdayInMay(Number(poll.slice(0, 4)) + 1),
        exdates: [],
        areaIds: ["walk-council"],
      },
    }),
  );
  const account = ok(
    await call("POST", "/v1/corporate-accounts", {
      token: t("comms_manager"),
      body: {
        platform: "x",
        handle: "@WalkCouncil",
        url: "https://x.com/walkcouncil",
        owningService: "Communications",
        ownerId: people.comms_manager.user.id,
        administratorIds: [people.comms_officer.user.id],
        purpose: "News and service updates",
        areaIds: ["walk-ward"],
        status: "active",
        lastReviewedOn: null,
        nextReviewOn: daysAhead(-3),
        purdahBehaviour: "pause",
      },
    }),
  );
  ids.account = account.id;
  const publishAt = new Date(Date.parse(daysAhead(3))).toISOString();
  const pending = ok(
    await call("POST", "/v1/posts", {
      token: t("comms_officer"),
      body: {
        accountId: account.id,
        text: "Bins are collected on Friday this week https://www.example.gov.uk/bins/holiday-collections",
        publishAt,
      },
    }),
  );
  ids.post = pending.id;
  ok(
    await call("POST", "/v1/posts", {
      token: t("comms_officer"),
      body: { accountId: account.id, text: "Vote Labour on Thursday!", publishAt },
    }),
  );
  // Councillors' accounts, exemptions, logo requests, reports, takedowns.
  const cllrAccount = ok(
    await call("POST", "/v1/councillor-accounts", {
      token: t("councillor"),
      body: {
        platform: "facebook",
        handle: "@clarawalk",
        url: "https://facebook.com/clarawalk",
        kind: "personal_profile",
        displayName: "Clara",
        bio: "Local news.",
        usesLogo: true,
      },
    }),
  );
  ok(
    await call("POST", "/v1/security-exemptions", {
      token: t("councillor"),
      body: { reason: "Threats received at home; police aware." },
    }),
  );
  ok(
    await call("POST", "/v1/logo-requests", {
      token: t("councillor"),
      body: {
        targetType: "website",
        siteUrl: "https://www.example.org/ward",
        purpose: "Ward newsletter on council services",
        siteRelation: "councillor_role",
        periodStart: daysAhead(5),
        periodEnd: daysAhead(60),
      },
    }),
  );
  ok(
    await call("POST", "/v1/logo-requests", {
      token: t("councillor"),
      body: {
        targetType: "website",
        siteUrl: "https://www.example.org/party",
        purpose: "Party campaign website for May",
        siteRelation: "political_party",
        periodStart: daysAhead(5),
        periodEnd: daysAhead(60),
      },
    }),
  );
  const abuse = ok(
    await call("POST", "/v1/incident-reports", {
      token: t("councillor"),
      body: {
        kind: "abuse_report",
        summary: "Threats on Facebook",
        details: "Three messages overnight.",
        policeReferral: true,
      },
    }),
  );
  ok(
    await call("POST", `/v1/incident-reports/${abuse.id}/close`, {
      token: t("democratic_services"),
      body: { outcome: "Reported to the platform and the police." },
    }),
  );
  ok(
    await call("POST", "/v1/incident-reports", {
      token: t("comms_officer"),
      body: { kind: "policy_complaint", summary: "Councillor post", details: "A post named an officer." },
    }),
  );
  ok(
    await call("POST", "/v1/takedown-requests", {
      token: t("monitoring_officer"),
      body: {
        targetType: "councillor_account",
        targetId: cllrAccount.id,
        scope: "content",
        contentUrl: "https://facebook.com/clarawalk/posts/1",
        reason: "Names an officer",
        clause: "policy 8.2",
      },
    }),
  );
  ok(
    await call("POST", "/v1/publishing-stops", {
      token: t("comms_manager"),
      body: { accountId: account.id, reason: "Incident in the town centre" },
    }),
  );
  // A candidacy with an expense and a submitted return.
  const cand = await call("POST", "/v1/candidacies", {
    token: t("candidate"),
    body: {
      electionId: election.id,
      areaId: "walk-ward",
      electorate: 8000,
      jointCandidates: 1,
      agentId: people.election_agent.user.id,
      announcedOn: daysAhead(-10),
    },
  });
  if (cand.status === 201) {
    ids.candidacy = cand.json.id;
    await call("POST", `/v1/candidacies/${cand.json.id}/expenses`, {
      token: t("candidate"),
      body: {
        incurredOn: daysAhead(-2),
        paidOn: daysAhead(-1),
        supplier: "Meta Platforms Ireland",
        description: "Boosted post",
        subType: "paid_social_ads",
        platform: "facebook",
        amountPence: 15_000,
        vatPence: 2_500,
        invoiceRef: "INV-1",
        invoiceHeld: true,
      },
    });
    await call("POST", `/v1/candidacies/${cand.json.id}/returns`, { token: t("candidate") });
  }
});

function firstThursdayInMay(year: number): string {
  const d = new Date(Date.UTC(year, 4, 1));
  while (d.getUTCDay() !== 4) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function pathFor(key: string): string | null {
  const path = key.slice(4);
  const fill: Record<string, string | undefined> = {
    "/posts/:id": ids.post,
    "/elections/:id": ids.election,
    "/elections/:id/nominations": ids.election,
    "/corporate-accounts/:id": ids.account,
    "/spending/:id": ids.candidacy,
    "/spending/:id/submit": ids.candidacy,
    "/spending/:id/returns/:version": ids.candidacy,
  };
  if (!path.includes(":")) return path;
  const id = fill[path];
  if (!id) return null;
  return path.replace(":id", encodeURIComponent(id)).replace(":version", "1");
}

describe("every page, for every role, speaks in words", () => {
  const pages = Object.entries(PAGE_ACCESS).filter(
    ([k, a]) => k.startsWith("GET ") && a !== "public" && !k.endsWith("/csv"),
  );
  for (const role of ROLES) {
    it(`as ${role.replaceAll("_", " ")}`, async () => {
      let walked = 0;
      for (const [key, access] of pages) {
        if (access !== "signed-in" && !(access as readonly Role[]).includes(role)) continue;
        const path = pathFor(key);
        if (!path) continue;
        const res = await getPage(path, sessions[role].cookie);
        const html = await res.text();
        if (res.status === 404 || res.status === 409) continue; // not this person's record
        expect(res.status, `${key}: ${visibleText(html).slice(0, 500)}`).toBe(200);
        const text = visibleText(html).replace(/https?:\/\/\S+/g, " ");
        for (const [what, pattern] of MACHINE_TEXT) {
          const hit = pattern.exec(text);
          expect(
            hit?.[0],
            `${key} as ${role} shows ${what}: …${hit ? text.slice(Math.max(0, hit.index - 80), hit.index + 80) : ""}…`,
          ).toBeUndefined();
        }
        walked += 1;
      }
      expect(walked).toBeGreaterThan(1);
    });
  }

  it("the sign-in and 404 pages too", async () => {
    for (const path of ["/sign-in", "/no-such-page"]) {
      const text = visibleText(await (await getPage(path)).text());
      for (const [what, pattern] of MACHINE_TEXT.filter(([w]) => w !== "an internal code"))
        expect(pattern.exec(text)?.[0], `${path}: ${what}`).toBeUndefined();
    }
  });
});
