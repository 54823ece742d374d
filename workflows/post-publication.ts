import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { clock } from "../src/lib/clock";
import { prePublicationCheck, RESUMED_EVENT } from "../src/repo/post-decisions";

export interface PostPublicationParams {
  postId: string;
  version: number;
  publishAt: string;
}

/** How long a held post waits for word that the emergency stop is lifted before looking again. */
const HOLD_RECHECK = "1 day";
const MAX_HOLDS = 30;

/**
 * Started when a post is approved (the decision itself is made, race-safely, by the API in D1). It
 * owns time: sleeps until the publication time, re-screens the post at that moment against the
 * calendar as it then stands (a pre-election period announced after approval must stop it), and holds
 * it while an emergency stop is in force, re-checking when the stop is lifted. Each step's write is
 * guarded on the post's state, so a replayed step changes nothing twice.
 */
export class PostPublicationWorkflow extends WorkflowEntrypoint<Env, PostPublicationParams> {
  async run(event: Readonly<WorkflowEvent<PostPublicationParams>>, step: WorkflowStep) {
    const { postId, version, publishAt } = event.payload;
    await step.sleepUntil("until publication time", clock.systemTimeOf(new Date(publishAt)));
    for (let attempt = 1; attempt <= MAX_HOLDS; attempt++) {
      const result = await step.do(`pre-publication check ${attempt}`, async () =>
        prePublicationCheck(this.env.DB, postId, version),
      );
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
