import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { expireUnapproved, POST_DECISION_EVENT, prePublicationCheck, RESUMED_EVENT } from "../src/repo/post-decisions";

export interface PostPublicationParams {
  postId: string;
  version: number;
  publishAt: string;
}

/** How long a held post waits for the emergency stop to be lifted before each re-check. */
const HOLD_RECHECK = "1 day";
const MAX_HOLDS = 30;

/**
 * One instance per version entering approval. Decisions are made (race-safely) by the API and sent
 * here as events; this workflow owns time: it expires a post nobody approved by its publication time,
 * sleeps until that time once approved, re-screens the post at that moment against the calendar as it
 * then stands (a pre-election period announced after approval must stop it), and holds it while an
 * emergency stop is in force. Every step's write is guarded on the post's state, so a replay changes
 * nothing twice.
 */
export class PostPublicationWorkflow extends WorkflowEntrypoint<Env, PostPublicationParams> {
  async run(event: Readonly<WorkflowEvent<PostPublicationParams>>, step: WorkflowStep) {
    const { postId, version, publishAt } = event.payload;
    const waitSeconds = Math.max(1, Math.ceil((Date.parse(publishAt) - Date.now()) / 1000));
    let decision: string;
    try {
      const received = await step.waitForEvent<{ decision: string }>("await approval", { type: POST_DECISION_EVENT, timeout: `${waitSeconds} seconds` });
      decision = received.payload.decision;
    } catch {
      const expired = await step.do("expire unapproved post", async () => expireUnapproved(this.env.DB, postId, version));
      return { outcome: expired ? "expired" : "decided" };
    }
    if (decision !== "approved") return { outcome: decision };

    await step.sleepUntil("until publication time", new Date(publishAt));
    for (let attempt = 1; attempt <= MAX_HOLDS; attempt++) {
      const result = await step.do(`pre-publication check ${attempt}`, async () => prePublicationCheck(this.env.DB, postId, version));
      if (result !== "held") return { outcome: result };
      try {
        await step.waitForEvent(`await resumption ${attempt}`, { type: RESUMED_EVENT, timeout: HOLD_RECHECK });
      } catch {
        // No word yet: look again.
      }
    }
    return { outcome: "held" };
  }
}
