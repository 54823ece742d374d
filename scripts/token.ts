// npm run token -- --role <role> [--role <role>…] [--name <name>] [--days <n>]
// Creates a user holding those roles in the local database and prints only their new token.
import { parseArgs } from "node:util";
import { isRole, ROLES, type Role } from "../src/auth/roles";
import { createToken, createUser, MAX_TOKEN_DAYS } from "../src/repo/users";
import { migrateLocal, withLocalDb } from "./local-db";

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: { role: { type: "string", multiple: true }, name: { type: "string" }, days: { type: "string" } },
});
const roles = (values.role ?? [])
  .flatMap((r) => r.split(","))
  .map((r) => r.trim())
  .filter(Boolean);
if (roles.length === 0) fail(`give --role (one of ${ROLES.join(", ")})`);
const unknown = roles.filter((r) => !isRole(r));
if (unknown.length) fail(`unknown role(s) ${unknown.join(", ")}; roles are ${ROLES.join(", ")}`);
const days = values.days === undefined ? 90 : Number(values.days);
if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS)
  fail(`--days must be a whole number from 1 to ${MAX_TOKEN_DAYS}`);

migrateLocal(true);
const token = await withLocalDb(async (db) => {
  const actor = { id: null, label: "npm run token", requestId: `cli-${crypto.randomUUID()}` };
  const user = await createUser(db, actor, {
    name: values.name ?? `${roles.join(" + ")} (cli)`,
    roles: roles as Role[],
  });
  return (await createToken(db, actor, user.id, { name: "cli", expiresInDays: days })).token;
});
process.stdout.write(`${token}\n`);
