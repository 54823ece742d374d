import { createApp } from "./app";

export { LogoRequestWorkflow } from "../workflows/logo-request";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
