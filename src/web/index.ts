import { Hono } from "hono";
import type { AppEnv } from "../env";
import { signInPages } from "./pages/sign-in";
import { homePages } from "./pages/home";
import { postPages } from "./pages/posts";
import { stopPages } from "./pages/stops";
import { checkPages } from "./pages/check-a-post";
import { logoPages } from "./pages/logo";
import { registerPages } from "./pages/registers";
import { councillorPages } from "./pages/councillors";
import { reportPages } from "./pages/reports";
import { wordListPages } from "./pages/word-lists";
import { electionPages } from "./pages/elections";
import { nominationPages } from "./pages/nominations";
import { spendingPages } from "./pages/spending";
import { auditPages } from "./pages/audit";
import { notificationPages } from "./pages/notifications";
import { deliveryPages } from "./pages/deliveries";
import { webhookPages } from "./pages/webhooks";

/** The web pages (GOV.UK Design System), served by the same Worker as the API: one file per job. */
export function createWebRouter() {
  const web = new Hono<AppEnv>();
  signInPages(web);
  homePages(web);
  postPages(web);
  stopPages(web);
  checkPages(web);
  logoPages(web);
  registerPages(web);
  councillorPages(web);
  reportPages(web);
  wordListPages(web);
  electionPages(web);
  nominationPages(web);
  spendingPages(web);
  auditPages(web);
  notificationPages(web);
  deliveryPages(web);
  webhookPages(web);
  return web;
}
