import { eq } from "drizzle-orm";
import { incidentReports } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { newId } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import type { Caller } from "../env";
import type { Role } from "../auth/roles";
import { commit, type Actor } from "./audit";
import { decideOnce } from "./decisions";
import { clock } from "../lib/clock";

export type Incident = typeof incidentReports.$inferSelect;

// Policy 7.2: abuse received goes to democratic services (and, if the councillor chooses, the police:
// 11.4). Policy 11.1: complaints of a breach go to the monitoring officer. Reports are sensitive: only
// the reporter and the role that handles that kind see them.
export const HANDLER: Record<"abuse_report" | "policy_complaint", Role> = {
  abuse_report: "democratic_services",
  policy_complaint: "monitoring_officer",
};
export const STAFF_ROLES: Role[] = [
  "comms_officer",
  "comms_manager",
  "chief_executive",
  "monitoring_officer",
  "democratic_services",
  "ict_manager",
];

const CLAUSES = { abuse_report: "policy 7.2; police referral policy 11.4", policy_complaint: "policy 11.1" };

export async function reportIncident(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  input: {
    kind: "abuse_report" | "policy_complaint";
    summary: string;
    details: string;
    url?: string | null;
    subjectUserId?: string | null;
    policeReferral?: boolean;
  },
) {
  if (input.kind === "abuse_report" && !caller.roles.includes("councillor"))
    throw new ApiError("forbidden", "Abuse reports are made by the councillor who received it (policy 7.2).");
  if (input.kind === "policy_complaint" && !caller.roles.some((r) => STAFF_ROLES.includes(r)))
    throw new ApiError("forbidden", "Complaints to the monitoring officer are raised by staff (policy 11.1).");
  if (input.kind === "policy_complaint" && input.policeReferral) {
    throw new ApiError("validation_failed", "Police referral is for abuse reports.", {
      errors: [{ in: "body", pointer: "/policeReferral", detail: "Only for abuse reports.", code: "invalid" }],
    });
  }
  const row: Incident = {
    id: newId(),
    kind: input.kind,
    reporterId: caller.id,
    routedTo: HANDLER[input.kind],
    summary: input.summary,
    details: input.details,
    url: input.url ?? null,
    subjectUserId: input.subjectUserId ?? null,
    policeReferral: input.policeReferral ?? false,
    status: "open",
    outcome: null,
    closedBy: null,
    closedAt: null,
    createdAt: clock.iso(),
  };
  // The audit entry records that a report exists and where it went, not what it says.
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(incidentReports).values(row))],
    [
      {
        action: `incident.${input.kind}`,
        subjectType: "incident_report",
        subjectId: row.id,
        after: { routedTo: row.routedTo, policeReferral: row.policeReferral, clause: CLAUSES[input.kind] },
      },
    ],
    {
      // Who handles it hears that a report exists, never what it says.
      events: [
        {
          type: "incident_report.made",
          subjectType: "incident_report",
          subjectId: row.id,
          data: { reportId: row.id, kind: row.kind },
          audience: { roles: [row.routedTo as Role], excludeUserIds: [caller.id] },
        },
      ],
    },
  );
  return { ...row, clause: CLAUSES[input.kind] };
}

const visible = (caller: Caller, r: Incident) =>
  r.reporterId === caller.id || caller.roles.includes(r.routedTo as Role);

export async function listIncidents(d1: D1Database, caller: Caller) {
  return (await dbOf(d1).select().from(incidentReports))
    .filter((r) => visible(caller, r))
    .map((r) => ({ ...r, clause: CLAUSES[r.kind as Incident["kind"] & keyof typeof CLAUSES] }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function closeIncident(d1: D1Database, actor: Actor, caller: Caller, id: string, outcome: string) {
  const [before] = await dbOf(d1).select().from(incidentReports).where(eq(incidentReports.id, id));
  if (!before || !visible(caller, before)) throw new ApiError("not_found", `No report with id '${id}'.`);
  if (!caller.roles.includes(before.routedTo as Role))
    throw new ApiError("forbidden", `Only ${before.routedTo.replace("_", " ")} closes this report.`);
  if (before.status !== "open") throw new ApiError("already_decided", "This report is already closed.");
  const set = { status: "closed", outcome, closed_by: caller.id, closed_at: clock.iso() };
  await decideOnce(d1, actor, {
    table: "incident_reports",
    id,
    set,
    fromStatus: "open",
    action: "incident.closed",
    subjectType: "incident_report",
    before: { status: "open" },
    after: { status: "closed" },
    events: [
      {
        type: "incident_report.closed",
        subjectType: "incident_report",
        subjectId: id,
        data: { reportId: id },
        audience: { userIds: [before.reporterId] },
      },
    ],
  });
  const [after] = await dbOf(d1).select().from(incidentReports).where(eq(incidentReports.id, id));
  return { ...after, clause: CLAUSES[after.kind as keyof typeof CLAUSES] };
}
