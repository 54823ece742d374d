import { createRouter, defineRoute, json, z } from "../openapi";
import { auditHead, listAudit, verifyAudit } from "../../repo/audit-read";
import { IsoInstant } from "../schemas";

const EntrySchema = z
  .object({
    seq: z.number().int(),
    at: IsoInstant,
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    summary: z.object({ before: z.unknown(), after: z.unknown() }),
    requestId: z.string(),
    prevHash: z
      .string()
      .nullable()
      .openapi({ description: "Null only until the entry is sealed, a moment after it is written" }),
    hash: z.string().nullable(),
  })
  .openapi("AuditEntry");

const AuditQuery = z
  .object({
    subjectType: z.string().max(100).optional(),
    subjectId: z.string().max(200).optional(),
    actorId: z.string().max(200).optional(),
    action: z.string().max(100).optional(),
    from: IsoInstant.optional().openapi({ description: "Entries at or after this instant" }),
    to: IsoInstant.optional().openapi({ description: "Entries before this instant" }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.coerce.number().int().min(1).optional().openapi({ description: "nextCursor from the previous page" }),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: "'from' must be before 'to'.",
    path: ["to"],
  });

const VerifySchema = z
  .object({
    ok: z.boolean(),
    entriesChecked: z.number().int(),
    head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
    firstBrokenLink: z
      .object({
        seq: z.number().int(),
        reason: z.enum(["sequence_gap", "previous_hash_mismatch", "hash_mismatch", "unsealed_entry"]),
        expected: z.string(),
        found: z.string(),
      })
      .nullable(),
    unsealedTail: z.number().int(),
    anchor: z.object({ entries: z.number().int(), headSeq: z.number().int(), headHash: z.string() }),
    anchorBreaks: z.array(
      z.object({
        reason: z.enum([
          "entries_missing",
          "head_missing",
          "head_mismatch",
          "known_head_mismatch",
          "unsealed_before_head",
          "unsealed_too_long",
        ]),
        detail: z.string(),
      }),
    ),
    rowsChecked: z.number().int(),
    rowsDiffering: z.array(
      z.object({
        table: z.string(),
        key: z.unknown(),
        seq: z.number().int(),
        reason: z.enum(["changed", "deleted"]),
      }),
    ),
    checkedAt: IsoInstant,
  })
  .openapi("AuditVerification");

const HeadSchema = z
  .object({
    seq: z.number().int(),
    hash: z.string(),
    entries: z.number().int(),
    updatedAt: IsoInstant.nullable(),
  })
  .openapi("AuditHead");

const VerifyQuery = z
  .object({
    headSeq: z.coerce.number().int().min(1).optional().openapi({ description: "A head you recorded earlier: its seq" }),
    headHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "A SHA-256 in lower-case hex.")
      .optional()
      .openapi({ description: "…and its hash; verify reports a break if the chain no longer has it" }),
  })
  .refine((q) => (q.headSeq === undefined) === (q.headHash === undefined), {
    message: "Give headSeq and headHash together.",
    path: ["headHash"],
  });

const list = defineRoute({
  method: "get",
  path: "/v1/audit",
  tags: ["Audit"],
  summary: "The audit log, newest first",
  request: { query: AuditQuery },
  responses: {
    200: json(
      z.object({ entries: z.array(EntrySchema), nextCursor: z.number().int().nullable() }),
      "A page of entries",
    ),
  },
});

const verify = defineRoute({
  method: "get",
  path: "/v1/audit/verify",
  tags: ["Audit"],
  summary: "Recompute the hash chain, check it against its anchor and the live rows, and report any break",
  request: { query: VerifyQuery },
  responses: { 200: json(VerifySchema, "The verification result (ok: false when the chain is broken)") },
});

const head = defineRoute({
  method: "get",
  path: "/v1/audit/head",
  tags: ["Audit"],
  summary: "The chain's current head and entry count, for an auditor to record (a head that goes back is a break)",
  responses: { 200: json(HeadSchema, "The head") },
});

export const auditRouter = createRouter()
  .openapi(list, async (c) => c.json(await listAudit(c.env.DB, c.req.valid("query")), 200))
  .openapi(verify, async (c) => {
    const q = c.req.valid("query");
    const known = q.headSeq !== undefined && q.headHash ? { seq: q.headSeq, hash: q.headHash } : undefined;
    return c.json(await verifyAudit(c.env.DB, known), 200);
  })
  .openapi(head, async (c) => c.json(await auditHead(c.env.DB), 200));
