import { env } from "cloudflare:test";
import { clock } from "../src/lib/clock";
import type { DeliveryMessage, DeliverySender } from "../src/repo/outbox";
import { call, userWith } from "./helpers";

export type U = Awaited<ReturnType<typeof userWith>>;
export const uid = () => crypto.randomUUID().slice(0, 8);
export const inHours = (h: number) => new Date(clock.ms() + h * 3_600_000).toISOString();

/** A comms team and an active corporate account to post to. */
export async function commsTeam() {
  const officer = await userWith(["comms_officer"]);
  const manager = await userWith(["comms_manager"]);
  const ds = await userWith(["democratic_services"]);
  const admin = await userWith(["admin"]);
  const area = `notify-${uid()}`;
  await call("POST", "/v1/areas", { token: ds.token, body: { id: area, name: "Notify Council", kind: "council" } });
  const acc = await call("POST", "/v1/corporate-accounts", {
    token: manager.token,
    body: {
      platform: "x",
      handle: `@N${uid()}`,
      url: "https://x.com/n",
      owningService: "Comms",
      ownerId: manager.user.id,
      administratorIds: [],
      purpose: "News",
      areaIds: [area],
      status: "active",
      lastReviewedOn: null,
      nextReviewOn: "2099-06-01",
      purdahBehaviour: "gate",
    },
  });
  if (acc.status !== 201) throw new Error(acc.text);
  return { officer, manager, ds, admin, area, accountId: acc.json.id as string };
}

/**
 * The Queue producer as the dispatcher sees it, recording what was sent so a test can hand the
 * messages to the Worker's own `queue()` handler (createMessageBatch) and play the platform's part:
 * redelivery with the delay the handler asked for, and the dead-letter queue after max_retries.
 */
export function recordingQueue() {
  const sent: DeliveryMessage[] = [];
  const queue: DeliverySender = {
    async sendBatch(messages) {
      for (const m of messages) sent.push(m.body);
    },
  };
  return { queue, sent };
}

export const events = async (subjectId: string) =>
  (
    await env.DB.prepare(
      "SELECT id, type, data, audience, request_id FROM outbox_events WHERE subject_id = ? ORDER BY occurred_at, rowid",
    )
      .bind(subjectId)
      .all<{ id: string; type: string; data: string; audience: string; request_id: string }>()
  ).results;
