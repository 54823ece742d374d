import type { Actor } from "../repo/audit";
import { dispatchOutbox, getDelivery, markDead, recordAttempt } from "../repo/outbox";

/**
 * The demo's notifications: the seeded posts' events told to the people they concern, and one e-mail
 * that GOV.UK Notify refused until the dead-letter queue gave up, as the consumer records it, so the
 * admin's failed-deliveries page has one to retry (locally, with no Notify key, a retry lands in the
 * e-mail outbox). Idempotent: once a delivery has been dead-lettered, nothing more is done.
 */
export async function seedDemoDeliveries(db: D1Database, _actor: Actor): Promise<number> {
  const done = await db.prepare("SELECT 1 FROM audit_log WHERE action = 'delivery.dead_lettered' LIMIT 1").first();
  if (done) return 0;
  await dispatchOutbox(db, undefined);
  const row = await db
    .prepare(
      `SELECT d.id FROM deliveries d JOIN outbox_events e ON e.id = d.event_id
       WHERE d.channel = 'email' AND d.target_id = 'demo-comms-manager' AND d.status = 'pending' AND e.type = 'post.needs_decision'
       ORDER BY d.created_at LIMIT 1`,
    )
    .first<{ id: string }>();
  const delivery = row ? await getDelivery(db, row.id) : null;
  if (!delivery) return 0;
  await recordAttempt(db, delivery, 1, { ok: false, httpStatus: 500, error: "Notify answered 500" });
  await markDead(db, delivery.id, 1);
  return 1;
}
