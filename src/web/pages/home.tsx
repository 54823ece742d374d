import type { Hono } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../../env";
import type { Role } from "../../auth/roles";
import { Layout } from "../layout";
import { page } from "../router";
import { approvalQueue, listPosts } from "../../repo/posts";
import { listLogoRequests } from "../../repo/logo-requests";
import { listExemptions } from "../../repo/exemptions";
import { listIncidents } from "../../repo/incidents";
import { listTakedowns } from "../../repo/takedowns";
import { listCouncillorAccounts } from "../../repo/councillor-accounts";
import { listCorporateAccounts } from "../../repo/corporate-accounts";
import { listElections } from "../../repo/elections";
import { listCandidacies } from "../../repo/candidacies";
import { addDays } from "../../domain/dates";
import { clock } from "../../lib/clock";
import { londonDate } from "../../domain/london-time";
import { inWords, ukDate } from "../components/time";

interface Item {
  href: string;
  text: string;
  detail?: Child;
}

const has = (roles: readonly Role[], ...wanted: Role[]) => roles.some((r) => wanted.includes(r));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Home: the things waiting for this person, each a link to where they do it. */
export function homePages(app: Hono<AppEnv>) {
  page(app, "GET", "/", async (c, s) => {
    const db = c.env.DB;
    const roles = s.caller.roles;
    const today = londonDate(clock.now());
    const weekEnd = addDays(today, 7);
    const items: Item[] = [];

    if (has(roles, "comms_manager", "monitoring_officer", "chief_executive")) {
      const queue = await approvalQueue(db, s.caller);
      if (queue.length)
        items.push({ href: "/approvals", text: plural(queue.length, "post to approve", "posts to approve") });
    }
    if (has(roles, "comms_officer", "comms_manager")) {
      const mine = await listPosts(db, { authorId: s.caller.id, limit: 200 });
      for (const p of mine.filter((x) => x.status === "changes_requested" || x.status === "blocked"))
        items.push({
          href: `/posts/${p.id}`,
          text:
            p.status === "blocked"
              ? "Your post was blocked by the policy check"
              : "Changes were requested to your post",
          detail: p.statusReason ? inWords(p.statusReason) : undefined,
        });
    }
    if (has(roles, "chief_executive")) {
      const pending = (await listLogoRequests(db, s.caller, { status: "pending" })).filter(
        (r) => r.requesterId !== s.caller.id,
      );
      if (pending.length)
        items.push({
          href: "/logo-requests",
          text: plural(pending.length, "logo request to decide", "logo requests to decide"),
        });
    }
    if (
      has(
        roles,
        "councillor",
        "comms_officer",
        "comms_manager",
        "democratic_services",
        "monitoring_officer",
        "ict_manager",
      )
    ) {
      const recent = (await listLogoRequests(db, s.caller, {})).filter(
        (r) => r.requesterId === s.caller.id && r.decidedAt && r.decidedAt.slice(0, 10) >= addDays(today, -14),
      );
      for (const r of recent)
        items.push({
          href: "/logo-requests",
          text: `A decision on your logo request for ${r.siteUrl}: ${r.status === "approved" ? "approved" : "not approved"}`,
        });
    }
    if (has(roles, "ict_manager")) {
      const pending = (await listExemptions(db, s.caller)).filter((x) => x.status === "pending");
      if (pending.length)
        items.push({
          href: "/exemptions",
          text: plural(pending.length, "security exemption to decide", "security exemptions to decide"),
        });
    }
    if (has(roles, "councillor")) {
      const failing = (await listCouncillorAccounts(db, s.caller, {})).filter((a) => !a.compliance.compliant);
      for (const a of failing)
        items.push({ href: "/my-accounts", text: `Your account ${a.handle} does not yet meet the policy` });
    }
    if (has(roles, "councillor", "comms_manager")) {
      const open = (await listTakedowns(db, s.caller)).filter(
        (t) => t.outcome === "pending" && t.requestedBy !== s.caller.id,
      );
      if (open.length)
        items.push({
          href: "/takedowns",
          text: plural(open.length, "takedown request to answer", "takedown requests to answer"),
        });
    }
    if (has(roles, "democratic_services", "monitoring_officer")) {
      const open = (await listIncidents(db, s.caller)).filter(
        (r) => r.status === "open" && r.reporterId !== s.caller.id,
      );
      if (open.length)
        items.push({ href: "/reports", text: plural(open.length, "report to deal with", "reports to deal with") });
    }
    if (has(roles, "councillor")) {
      const closed = (await listIncidents(db, s.caller)).filter(
        (r) =>
          r.reporterId === s.caller.id &&
          r.status === "closed" &&
          (r.closedAt ?? "").slice(0, 10) >= addDays(today, -14),
      );
      for (const r of closed) items.push({ href: "/reports", text: `An outcome on your report “${r.summary}”` });
    }
    if (has(roles, "comms_manager")) {
      const overdue = (await listCorporateAccounts(db, {})).filter((a) => a.reviewOverdue);
      if (overdue.length)
        items.push({
          href: "/registers",
          text: plural(overdue.length, "account review is overdue", "account reviews are overdue"),
        });
    }
    if (has(roles, "democratic_services", "comms_officer", "comms_manager", "monitoring_officer", "chief_executive")) {
      for (const e of await listElections(db, { from: today, to: addDays(today, 60) })) {
        const t = e.timetable;
        if (e.pollDate <= weekEnd)
          items.push({
            href: `/elections/${encodeURIComponent(e.id)}`,
            text: `Polling day for ${inWords(e.title)} is ${ukDate(e.pollDate)}`,
          });
        else if (t && t.noticeOfElectionBy >= today && t.noticeOfElectionBy <= weekEnd)
          items.push({
            href: `/elections/${encodeURIComponent(e.id)}`,
            text: `The notice of election for ${inWords(e.title)} must be published by ${ukDate(t.noticeOfElectionBy)}`,
          });
        else if (
          e.preElectionPeriod &&
          e.preElectionPeriod.startDate >= today &&
          e.preElectionPeriod.startDate <= weekEnd
        )
          items.push({
            href: "/elections",
            text: `The pre-election period for ${inWords(e.title)} starts on ${ukDate(e.preElectionPeriod.startDate)}`,
          });
      }
    }
    if (has(roles, "candidate", "election_agent")) {
      for (const v of await listCandidacies(db, s.caller)) {
        if (
          v.returnState !== "submitted" &&
          v.deadlines &&
          v.deadlines.returnDue <= weekEnd &&
          v.deadlines.returnDue >= today
        )
          items.push({
            href: `/spending/${v.id}`,
            text: `Your spending return for ${inWords(v.election.title)} is due by ${ukDate(v.deadlines.returnDue)}`,
          });
      }
    }

    return c.html(
      <Layout title="Home" s={s}>
        <h1 class="govuk-heading-l">Waiting for you</h1>
        {items.length === 0 ? (
          <p class="govuk-body">Nothing is waiting for you at the moment.</p>
        ) : (
          <ul class="govuk-list govuk-list--spaced" id="waiting">
            {items.map((i) => (
              <li>
                <a class="govuk-link" href={i.href}>
                  {i.text}
                </a>
                {i.detail && (
                  <>
                    <br />
                    <span class="govuk-body-s">{i.detail}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });
}
