import { expirePost } from "./post-decisions";
import { clock } from "../lib/clock";

/**
 * Starts an approved post's publication Workflow. Called after the response has gone (ctx.waitUntil),
 * so the approver never waits on Workflow creation; idempotent (the instance id is fixed per version
 * and decision).
 */
export async function startPostWorkflow(
  env: Env,
  post: { id: string; version: number; publishAt: string; workflowInstance: string | null },
): Promise<void> {
  if (!post.workflowInstance) return;
  try {
    await env.POST_WORKFLOW.create({
      id: post.workflowInstance,
      params: { postId: post.id, version: post.version, publishAt: post.publishAt },
    });
  } catch (err) {
    if (!/already exists/i.test(String((err as Error)?.message))) throw err;
  }
  await env.DB.prepare("UPDATE posts SET workflow_started_at = ? WHERE id = ? AND workflow_instance = ?")
    .bind(clock.iso(), post.id, post.workflowInstance)
    .run();
}

const SWEEP = { id: null, label: "post sweep", requestId: "cron:post-sweep" };

/** Cron: start publication Workflows whose start was lost, and expire posts unapproved past their time. */
export async function sweepPosts(env: Env): Promise<{ started: number; expired: number }> {
  const cutoff = new Date(clock.ms() - 60_000).toISOString();
  const now = clock.iso();
  const unstarted = (
    await env.DB.prepare(
      "SELECT id, version, publish_at, workflow_instance FROM posts WHERE status = 'approved' AND workflow_started_at IS NULL AND workflow_instance IS NOT NULL AND updated_at < ?",
    )
      .bind(cutoff)
      .all<{ id: string; version: number; publish_at: string; workflow_instance: string }>()
  ).results;
  let started = 0;
  for (const p of unstarted) {
    await startPostWorkflow(env, {
      id: p.id,
      version: p.version,
      publishAt: p.publish_at,
      workflowInstance: p.workflow_instance,
    });
    started++;
  }
  const overdue = (
    await env.DB.prepare(
      "SELECT id, version, decision_seq, author_id, account_id, publish_at FROM posts WHERE status IN ('pending_approval', 'blocked') AND publish_at <= ?",
    )
      .bind(now)
      .all<{
        id: string;
        version: number;
        decision_seq: number;
        author_id: string;
        account_id: string;
        publish_at: string;
      }>()
  ).results;
  let expired = 0;
  for (const p of overdue)
    if (
      await expirePost(
        env.DB,
        SWEEP,
        {
          id: p.id,
          version: p.version,
          decisionSeq: p.decision_seq,
          authorId: p.author_id,
          accountId: p.account_id,
          publishAt: p.publish_at,
        },
        "Not approved by the publication time.",
      )
    )
      expired++;
  return { started, expired };
}
