import { createRouter, defineRoute, json, z } from "../openapi";
import { listAudit, verifyAudit } from "../../repo/audit-read";
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
    checkedAt: IsoInstant,
  })
  .openapi("AuditVerification");

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
  summary: "Recompute the hash chain and report the first broken link",
  responses: { 200: json(VerifySchema, "The verification result (ok: false when the chain is broken)") },
});

export const auditRouter = createRouter()
  .openapi(list, async (c) => c.json(await listAudit(c.env.DB, c.req.valid("query")), 200))
  .openapi(verify, async (c) => c.json(await verifyAudit(c.env.DB), 200));
