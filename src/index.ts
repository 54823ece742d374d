import { createApp } from "./app";
import { sweepPosts } from "./repo/post-workflows";
import { recheckLogoAccounts } from "./repo/councillor-accounts";

export { LogoRequestWorkflow } from "../workflows/logo-request";
export { PostPublicationWorkflow } from "../workflows/post-publication";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(sweepPosts(env));
    // Once a day (the first run after midnight UTC): logo approvals that ended change compliance.
    if (
      new Date(controller.scheduledTime).getUTCHours() === 0 &&
      new Date(controller.scheduledTime).getUTCMinutes() < 5
    )
      ctx.waitUntil(recheckLogoAccounts(env.DB));
  },
} satisfies ExportedHandler<Env>;
