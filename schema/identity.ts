import { index, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    // Lower-cased on write; how Cloudflare Access identities are matched to users.
    email: text("email"),
    // "person" or "service" (an integration), fixed at creation: who may issue the user's tokens.
    kind: text("kind").notNull().default("person"),
    createdAt: text("created_at").notNull(),
    disabledAt: text("disabled_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const userRoles = sqliteTable(
  "user_roles",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    // SHA-256 of the whole token, hex. The token itself is shown once and never stored.
    tokenHash: text("token_hash").notNull(),
    // The first characters of the token, so a person can tell their tokens apart.
    prefix: text("prefix").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    lastUsedAt: text("last_used_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_user").on(t.userId)],
);
