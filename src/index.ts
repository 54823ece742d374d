import { createApp } from "./app";
import { sweepPosts } from "./repo/post-workflows";

export { LogoRequestWorkflow } from "../workflows/logo-request";
export { PostPublicationWorkflow } from "../workflows/post-publication";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepPosts(env));
  },
} satisfies ExportedHandler<Env>;
