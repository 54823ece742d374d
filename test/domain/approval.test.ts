import { describe, expect, it } from "vitest";
import { actingRole, currentStep, stepsFor, type ApprovalStep } from "../../src/domain/approval";
import type { Finding } from "../../src/domain/screening";

const finding = (rule: string, severity: "review" | "block" = "review") =>
  ({ rule, clause: "policy 9.1", severity, message: "", excerpt: "", start: 0, end: 0 }) as unknown as Finding;

describe("the monitoring officer's step for sensitive findings (policy 11.1)", () => {
  const sensitive = [finding("pre_election_period")];

  it("is added to the default policy, and not for ordinary review findings", () => {
    expect(stepsFor([], sensitive)).toEqual([
      { roles: ["comms_manager"], mode: "any" },
      { roles: ["monitoring_officer"], mode: "any" },
    ]);
    expect(stepsFor([], [finding("copyright")])).toEqual([{ roles: ["comms_manager"], mode: "any" }]);
  });

  it("cannot be routed round by an any-of step that lists the monitoring officer beside others", () => {
    const policy: ApprovalStep[] = [{ roles: ["comms_manager", "monitoring_officer"], mode: "any" }];
    const steps = stepsFor(policy, sensitive);
    expect(steps).toEqual([
      { roles: ["comms_manager"], mode: "any" },
      { roles: ["monitoring_officer"], mode: "any" },
    ]);
    // A comms manager's approval alone no longer finishes the post.
    const afterManager = currentStep(steps, [{ approverId: "m", role: "comms_manager" }]);
    expect(afterManager?.remainingRoles).toEqual(["monitoring_officer"]);
    expect(actingRole(["comms_manager"], steps, [{ approverId: "m", role: "comms_manager" }], "m2")).toBeNull();
    expect(actingRole(["monitoring_officer"], steps, [{ approverId: "m", role: "comms_manager" }], "mo")).toBe(
      "monitoring_officer",
    );
  });

  it("is kept as the account set it when the policy already requires the monitoring officer", () => {
    const own: ApprovalStep[] = [
      { roles: ["comms_manager"], mode: "any" },
      { roles: ["monitoring_officer"], mode: "any" },
    ];
    expect(stepsFor(own, sensitive)).toEqual(own);
    const all: ApprovalStep[] = [{ roles: ["comms_manager", "monitoring_officer"], mode: "all" }];
    expect(stepsFor(all, sensitive)).toEqual(all);
    const onlyMo: ApprovalStep[] = [{ roles: ["monitoring_officer", "chief_executive"], mode: "any" }];
    expect(stepsFor(onlyMo, sensitive)).toEqual([
      { roles: ["chief_executive"], mode: "any" },
      { roles: ["monitoring_officer"], mode: "any" },
    ]);
  });
});
