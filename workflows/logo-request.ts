import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { expireLogoRequest, markLogoReminded } from "../src/repo/logo-requests";

export interface LogoRequestParams {
  requestId: string;
  remindAfterSeconds: number;
  expireAfterSeconds: number;
}

export const LOGO_DECISION_EVENT = "logo-decision";

/**
 * Policy 5.3: a logo-use request waits for the chief executive. The decision itself is recorded by the
 * API (race-safe, in D1) and sent here as an event; this workflow only waits, reminds once after
 * `remindAfterSeconds`, and expires the request at `expireAfterSeconds` if nobody decided. Each step's
 * write is guarded on the request still being pending, so a replayed step changes nothing twice.
 */
export class LogoRequestWorkflow extends WorkflowEntrypoint<Env, LogoRequestParams> {
  async run(event: Readonly<WorkflowEvent<LogoRequestParams>>, step: WorkflowStep) {
    const { requestId, remindAfterSeconds, expireAfterSeconds } = event.payload;
    const first = await this.decision(step, "await decision", remindAfterSeconds);
    if (first) return { outcome: first };
    await step.do("remind the chief executive", async () => markLogoReminded(this.env.DB, requestId));
    const second = await this.decision(
      step,
      "await decision after reminder",
      Math.max(1, expireAfterSeconds - remindAfterSeconds),
    );
    if (second) return { outcome: second };
    const expired = await step.do("expire the request", async () => expireLogoRequest(this.env.DB, requestId));
    return { outcome: expired ? "expired" : "decided" };
  }

  private async decision(step: WorkflowStep, name: string, seconds: number): Promise<string | null> {
    try {
      const received = await step.waitForEvent<{ decision: string }>(name, {
        type: LOGO_DECISION_EVENT,
        timeout: `${seconds} seconds`,
      });
      return received.payload.decision;
    } catch {
      return null; // timed out
    }
  }
}
