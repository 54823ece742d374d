// Loads the demo data into the local database and prints one demo token per role.
// Idempotent: a second run finds everything in place and changes nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHmac, randomBytes } from "node:crypto";
import { ROLES } from "../src/auth/roles";
import { demoUsers } from "../src/demo/users";
import { seedDemoElections } from "../src/demo/elections";
import { seedDemoRegisters } from "../src/demo/registers";
import { seedDemoPosts } from "../src/demo/posts";
import { seedDemoSpending } from "../src/demo/spending";
import { seedDemoDeliveries } from "../src/demo/deliveries";
import { createToken, createUser } from "../src/repo/users";
import { sha256Hex } from "../src/lib/crypto";
import { migrateLocal, withLocalDb } from "./local-db";

// Demo tokens are derived from a secret made on first run and kept beside the local database, so
// they are stable across restarts (and printable: the database holds only their hashes) yet
// unguessable, and vanish with the local state.
const STATE_DIR = process.env.CSG_PERSIST_TO ?? ".wrangler";
const SECRET_FILE = `${STATE_DIR}/demo-token-secret`;
if (!existsSync(SECRET_FILE)) {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(SECRET_FILE, randomBytes(32).toString("hex"), { mode: 0o600 });
}
const secret = readFileSync(SECRET_FILE, "utf8").trim();
const demoToken = (role: string) => `csg_demo_${createHmac("sha256", secret).update(role).digest("base64url")}`;

migrateLocal();
const printed = await withLocalDb(async (db) => {
  const actor = { id: null, label: "demo seed", requestId: "demo-seed" };
  let created = 0;
  const rows: [string, string, string][] = [];
  for (const demo of demoUsers) {
    const exists = await db.prepare("SELECT 1 FROM users WHERE id = ?").bind(demo.id).first();
    if (!exists) {
      await createUser(db, actor, demo);
      created++;
    }
    const token = demoToken(demo.roles[0]);
    const hash = await sha256Hex(token);
    const held = await db.prepare("SELECT 1 FROM api_tokens WHERE token_hash = ?").bind(hash).first();
    if (!held) {
      await createToken(db, actor, demo.id, { name: "demo", expiresInDays: 365, id: `${demo.id}-token`, token });
      created++;
    }
    rows.push([demo.roles[0], demo.name, token]);
  }
  created += await seedDemoElections(db, actor);
  created += await seedDemoRegisters(db, actor);
  created += await seedDemoPosts(db, actor);
  created += await seedDemoSpending(db, actor);
  created += await seedDemoDeliveries(db, actor);
  return { created, rows };
});

const width = Math.max(...ROLES.map((r) => r.length));
process.stdout.write(
  `\nDemo data: ${printed.created === 0 ? "already loaded, nothing changed" : `${printed.created} records added`}.\n`,
);
process.stdout.write("Demo users' tokens (local only; use as 'Authorization: Bearer <token>'):\n");
for (const [role, name, token] of printed.rows) process.stdout.write(`  ${role.padEnd(width)}  ${token}  ${name}\n`);
process.stdout.write("\n");
