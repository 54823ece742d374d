import { createApp } from "./app";
import { sweepPosts } from "./repo/post-workflows";
import { recheckLogoAccounts } from "./repo/councillor-accounts";
import { handleDeliveryBatch } from "./queue/consumer";
import { dispatchNow } from "./queue/dispatch";
import { sweepReminders } from "./repo/reminders";
import type { DeliveryMessage } from "./repo/outbox";
import { clock } from "./lib/clock";

export { LogoRequestWorkflow } from "../workflows/logo-request";
export { PostPublicationWorkflow } from "../workflows/post-publication";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    // Every minute: reminders due (raised as events), then the outbox onto the delivery queue.
    if (controller.cron === "* * * * *") {
      ctx.waitUntil(sweepReminders(env, clock.now()).then(() => dispatchNow(env)));
      return;
    }
    ctx.waitUntil(sweepPosts(env));
    // Once a day (the first run after midnight UTC): logo approvals that ended change compliance.
    if (
      new Date(controller.scheduledTime).getUTCHours() === 0 &&
      new Date(controller.scheduledTime).getUTCMinutes() < 5
    )
      ctx.waitUntil(recheckLogoAccounts(env.DB));
  },
  // The delivery queue and its dead-letter queue (wrangler.toml).
  async queue(batch, env) {
    await handleDeliveryBatch(batch as MessageBatch<DeliveryMessage>, env);
  },
} satisfies ExportedHandler<Env>;
