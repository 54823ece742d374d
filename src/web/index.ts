import { Hono } from "hono";
import type { AppEnv } from "../env";
import { miscPages } from "./pages/misc";
import { postPages } from "./pages/posts";
import { logoPages } from "./pages/logo";
import { spendingPages } from "./pages/spending";

/** The web pages (GOV.UK Design System), served by the same Worker as the API. */
export function createWebRouter() {
  const web = new Hono<AppEnv>();
  miscPages(web);
  postPages(web);
  logoPages(web);
  spendingPages(web);
  return web;
}
