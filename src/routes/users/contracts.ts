import { z } from "@hono/zod-openapi";
import { ROLES } from "../../auth/roles";
import { IdParam, IsoInstant } from "../schemas";
import { MAX_TOKEN_DAYS } from "../../repo/users";

const RoleSchema = z.enum(ROLES).openapi("Role");
const Roles = z
  .array(RoleSchema)
  .min(1)
  .refine((r) => new Set(r).size === r.length, "Roles must not repeat.");

export const UserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    kind: z.enum(["person", "service"]),
    roles: z.array(RoleSchema),
    createdAt: IsoInstant,
    disabledAt: IsoInstant.nullable(),
  })
  .openapi("User");

export const NewUserSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254).nullable().optional().openapi({ description: "Matches the Cloudflare Access identity" }),
    kind: z.enum(["person", "service"]).default("person").openapi({
      description: "A person signs in and makes their own tokens; a service account (an integration) has no email",
    }),
    roles: Roles,
  })
  .refine((u) => u.kind === "person" || !u.email, {
    path: ["email"],
    message: "A service account has no email: it cannot sign in as a person.",
  })
  .openapi("NewUser");

export const UserPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(254).nullable().optional(),
    roles: Roles.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, "Give at least one field to change.")
  .openapi("UserPatch");

export const UserListQuery = z.object({
  role: RoleSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().max(200).optional().openapi({ description: "Cursor: the last id of the previous page" }),
});

export const TokenSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The token's first characters, for telling tokens apart" }),
    createdAt: IsoInstant,
    expiresAt: IsoInstant,
    revokedAt: IsoInstant.nullable(),
    lastUsedAt: IsoInstant.nullable(),
  })
  .openapi("ApiToken");

export const NewTokenSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(90),
  })
  .openapi("NewApiToken");

export const IssuedTokenSchema = TokenSchema.extend({
  token: z.string().openapi({ description: "Shown once; only its SHA-256 is stored" }),
}).openapi("IssuedApiToken");

export const UserIdParams = z.object({ userId: IdParam("userId") });
export const TokenIdParams = z.object({ tokenId: IdParam("tokenId") });
