// Who must approve a post, and whether they have. Steps run in order; a step is `any` (one approval
// by a holder of any of its roles) or `all` (an approval for each of its roles).
import type { Role } from "../auth/roles";
import type { Finding } from "./screening";

export interface ApprovalStep {
  roles: Role[];
  mode: "any" | "all";
}

export interface Approval {
  approverId: string;
  role: Role;
}

export const DEFAULT_STEPS: ApprovalStep[] = [{ roles: ["comms_manager"], mode: "any" }];

/** Rules whose review findings also need the monitoring officer (political, purdah, named people). */
const SENSITIVE = new Set(["party_political", "pre_election_period", "named_third_party"]);

/**
 * The steps for a version: the account's policy, plus — when a review finding is sensitive — a step
 * only the monitoring officer can satisfy. An account's policy cannot route round it: an any-of step
 * that merely lists the monitoring officer beside other roles does not count (someone else could
 * approve it), and within such a step the monitoring officer's approval is kept for their own step.
 */
export function stepsFor(policy: ApprovalStep[], findings: readonly Finding[]): ApprovalStep[] {
  const steps = policy.length ? policy : DEFAULT_STEPS;
  const sensitive = findings.some((f) => f.severity === "review" && SENSITIVE.has(f.rule));
  if (!sensitive) return steps;
  const mo: Role = "monitoring_officer";
  const requiresMo = (s: ApprovalStep) => s.roles.includes(mo) && (s.mode === "all" || s.roles.length === 1);
  if (steps.some(requiresMo)) return steps;
  const others = steps.map((s) => (s.roles.includes(mo) ? { ...s, roles: s.roles.filter((r) => r !== mo) } : s));
  return [...others.filter((s) => s.roles.length > 0), { roles: [mo], mode: "any" }];
}

function satisfied(step: ApprovalStep, approvals: Approval[]): boolean {
  if (step.mode === "any") return approvals.some((a) => step.roles.includes(a.role));
  return step.roles.every((r) => approvals.some((a) => a.role === r));
}

/**
 * The first step not yet satisfied (null when all are), consuming approvals step by step: one
 * approval counts towards one step only, so a single person cannot satisfy two steps.
 */
export function currentStep(
  steps: ApprovalStep[],
  approvals: Approval[],
): { index: number; step: ApprovalStep; remainingRoles: Role[] } | null {
  const unused = [...approvals];
  for (const [index, step] of steps.entries()) {
    const used: Approval[] = [];
    for (const role of step.mode === "any" ? step.roles : step.roles) {
      const i = unused.findIndex((a) => a.role === role && !used.some((u) => u.approverId === a.approverId));
      if (i >= 0) {
        used.push(unused[i]);
        unused.splice(i, 1);
        if (step.mode === "any") break;
      }
    }
    if (!satisfied(step, used)) {
      return {
        index,
        step,
        remainingRoles: step.mode === "any" ? step.roles : step.roles.filter((r) => !used.some((u) => u.role === r)),
      };
    }
  }
  return null;
}

/** The role an approver acts in for the current step, or null if they hold none that is still needed. */
export function actingRole(
  callerRoles: Role[],
  steps: ApprovalStep[],
  approvals: Approval[],
  approverId: string,
): Role | null {
  const cur = currentStep(steps, approvals);
  if (!cur) return null;
  if (approvals.some((a) => a.approverId === approverId)) return null; // one approval per person per version
  return cur.remainingRoles.find((r) => callerRoles.includes(r)) ?? null;
}
