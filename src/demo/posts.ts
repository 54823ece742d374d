import type { Actor } from "../repo/audit";
import { submitPost } from "../repo/posts";
import { clock } from "../lib/clock";

/** Two posts from the demo comms officer: one awaiting approval, one blocked. Idempotent. */
export async function seedDemoPosts(db: D1Database, actor: Actor): Promise<number> {
  const existing = await db.prepare("SELECT count(*) AS n FROM posts").first<{ n: number }>();
  if (existing?.n) return 0;
  const account = await db
    .prepare("SELECT id FROM corporate_accounts WHERE handle = '@DemoBorough'")
    .first<{ id: string }>();
  if (!account) return 0;
  const author = {
    id: "demo-comms-officer",
    name: "Priya Shah",
    email: "priya.shah@demo.gov.uk",
    roles: ["comms_officer" as const],
    authenticatedBy: "token" as const,
    tokenId: null,
  };
  const publishAt = new Date(clock.ms() + 3 * 86_400_000).toISOString();
  const as = { ...actor, id: author.id, label: `${author.name} <${author.email}>` };
  await submitPost(db, as, author, {
    accountId: account.id,
    publishAt,
    text: "Bin collections move to Tuesday after the bank holiday. Check your day: https://demo.gov.uk/bins",
  });
  await submitPost(db, as, author, {
    accountId: account.id,
    publishAt,
    text: "Thanks to the Labour group for the new play park! #VoteLabour",
  });
  return 2;
}
