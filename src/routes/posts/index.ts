import { actorOf, body, callerOf, createRouter, defineRoute, json, problem, z } from "../openapi";
import { IdParam, IsoInstant } from "../schemas";
import { approvalQueue, listPosts, loadPost, postView, resubmitPost, submitPost } from "../../repo/posts";
import { decidePost, markPublished, overrideBlock } from "../../repo/post-decisions";
import type { AiBinding } from "../../domain/screening";
import { startPostWorkflow } from "../../repo/post-workflows";
import { afterResponse } from "../../lib/after-response";
import { FindingSchema, PostContent, ScreeningSchema } from "../screenings/contracts";

const tags = ["Posts"];
const Params = z.object({ postId: IdParam("postId") });
const STATUSES = [
  "pending_approval",
  "blocked",
  "changes_requested",
  "rejected",
  "approved",
  "held",
  "ready",
  "published",
  "expired",
] as const;

const VersionSchema = z.object({
  version: z.number().int(),
  text: z.string(),
  links: z.array(z.string()).optional(),
  media: z.array(z.unknown()).optional(),
  essential: z.object({ reason: z.string() }).nullable().optional(),
  campaignPlannedOn: z.string().nullable().optional(),
  consents: z.array(z.string()).optional(),
  screening: ScreeningSchema,
  createdAt: z.string(),
});
const PostSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    authorId: z.string(),
    status: z.enum(STATUSES),
    version: z.number().int(),
    publishAt: IsoInstant,
    steps: z.array(z.object({ roles: z.array(z.string()), mode: z.enum(["any", "all"]) })),
    currentStep: z
      .object({ index: z.number().int(), roles: z.array(z.string()), mode: z.enum(["any", "all"]) })
      .nullable(),
    statusReason: z.string().nullable(),
    current: VersionSchema,
    versions: z.array(VersionSchema),
    decisions: z.array(
      z.object({
        id: z.string(),
        version: z.number().int(),
        approverId: z.string(),
        role: z.string(),
        decision: z.string(),
        reason: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
  })
  .openapi("Post");

const submit = defineRoute({
  method: "post",
  path: "/v1/posts",
  tags,
  summary: "Submit a post for a corporate account: screened at once, then routed for approval (or blocked)",
  request: {
    body: body(
      z
        .strictObject({ ...PostContent, accountId: z.string().min(1).max(200), publishAt: IsoInstant })
        .openapi("NewPost"),
    ),
  },
  responses: { 201: json(PostSchema, "Submitted (status pending_approval or blocked, with findings)") },
});
const list = defineRoute({
  method: "get",
  path: "/v1/posts",
  tags,
  summary: "Posts, filtered by status, account or author",
  request: {
    query: z.object({
      status: z.enum(STATUSES).optional(),
      accountId: z.string().max(200).optional(),
      authorId: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: {
    200: json(
      z.object({
        posts: z.array(PostSchema.omit({ current: true, versions: true, decisions: true, currentStep: true })),
      }),
      "Posts",
    ),
  },
});
const queue = defineRoute({
  method: "get",
  path: "/v1/posts/queue",
  tags,
  summary: "Posts awaiting a decision you can make",
  responses: { 200: json(z.object({ posts: z.array(PostSchema) }), "Your approval queue") },
});
const read = defineRoute({
  method: "get",
  path: "/v1/posts/{postId}",
  tags,
  summary: "A post with every version, its findings and its decisions",
  request: { params: Params },
  responses: { 200: json(PostSchema, "The post"), 404: problem("No such post") },
});
const resubmit = defineRoute({
  method: "post",
  path: "/v1/posts/{postId}/versions",
  tags,
  summary: "Edit and resubmit after changes were requested or a block (the author); re-screened, approval starts again",
  request: {
    params: Params,
    body: body(
      z.strictObject({ ...PostContent, basedOnVersion: z.number().int().min(1), publishAt: IsoInstant.optional() }),
    ),
  },
  responses: {
    201: json(PostSchema, "The new version"),
    404: problem("No such post"),
    409: problem("Not editable, or changed meanwhile"),
  },
});
const decide = defineRoute({
  method: "post",
  path: "/v1/posts/{postId}/decisions",
  tags,
  summary: "Approve, reject or request changes (never your own post; one decision per race)",
  request: {
    params: Params,
    body: body(
      z
        .strictObject({
          version: z.number().int().min(1),
          decision: z.enum(["approve", "reject", "request_changes"]),
          reason: z.string().trim().min(1).max(4000).nullable().optional(),
        })
        .refine((d) => d.decision === "approve" || Boolean(d.reason), {
          message: "A reason is required to reject or request changes.",
          path: ["reason"],
        }),
    ),
  },
  responses: {
    200: json(PostSchema, "Decided"),
    404: problem("No such post"),
    409: problem("Already decided, changed, or expired"),
  },
});
const override = defineRoute({
  method: "post",
  path: "/v1/posts/{postId}/override",
  tags,
  summary:
    "Override a pre-election block with a recorded justification (monitoring officer; party-political and confidential blocks cannot be overridden)",
  request: {
    params: Params,
    body: body(
      z.strictObject({ version: z.number().int().min(1), justification: z.string().trim().min(10).max(4000) }),
    ),
  },
  responses: {
    200: json(PostSchema, "Overridden: back to approval"),
    404: problem("No such post"),
    409: problem("Not blocked"),
  },
});
const published = defineRoute({
  method: "post",
  path: "/v1/posts/{postId}/published",
  tags,
  summary: "The publishing integration confirms a ready post went out",
  request: {
    params: Params,
    body: body(
      z.strictObject({
        version: z.number().int().min(1),
        url: z.url().max(1000).nullable().optional(),
        eventId: z.string().min(1).max(100).optional().openapi({
          description:
            "The webhook event that told you the post was ready (its webhook-id): recorded, and a repeated call with the same id changes nothing",
        }),
      }),
    ),
  },
  responses: { 200: json(PostSchema, "Published"), 404: problem("No such post"), 409: problem("Not ready") },
});

export const postsRouter = createRouter()
  .openapi(queue, async (c) => c.json({ posts: await approvalQueue(c.env.DB, callerOf(c)) }, 200))
  .openapi(submit, async (c) => {
    return c.json(
      postView(
        await submitPost(c.env.DB, actorOf(c), callerOf(c), c.req.valid("json"), (c.env as { AI?: AiBinding }).AI),
      ),
      201,
    );
  })
  .openapi(list, async (c) => c.json({ posts: await listPosts(c.env.DB, c.req.valid("query")) }, 200))
  .openapi(read, async (c) => c.json(postView(await loadPost(c.env.DB, c.req.valid("param").postId)), 200))
  .openapi(resubmit, async (c) => {
    return c.json(
      postView(await resubmitPost(c.env.DB, actorOf(c), callerOf(c), c.req.valid("param").postId, c.req.valid("json"))),
      201,
    );
  })
  .openapi(decide, async (c) => {
    const loaded = await decidePost(
      c.env.DB,
      actorOf(c),
      callerOf(c),
      c.req.valid("param").postId,
      c.req.valid("json"),
    );
    // Approval starts the publication Workflow, after the response; the cron sweep retries a lost start.
    if (loaded.post.status === "approved") await afterResponse(c, startPostWorkflow(c.env, loaded.post));
    return c.json(postView(loaded), 200);
  })
  .openapi(override, async (c) =>
    c.json(
      postView(
        await overrideBlock(c.env.DB, actorOf(c), callerOf(c), c.req.valid("param").postId, c.req.valid("json")),
      ),
      200,
    ),
  )
  .openapi(published, async (c) =>
    c.json(postView(await markPublished(c.env.DB, actorOf(c), c.req.valid("param").postId, c.req.valid("json"))), 200),
  );

export { FindingSchema };
