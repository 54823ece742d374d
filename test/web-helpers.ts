import { env } from "cloudflare:test";
import { clock } from "../src/lib/clock";
import { sha256Hex } from "../src/lib/crypto";
import { app } from "./helpers";

/** A signed-in page session for a user: its cookie and CSRF token. */
export async function sessionFor(userId: string) {
  const token = crypto.randomUUID();
  const csrf = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
  )
    .bind(await sha256Hex(token), userId, csrf, clock.iso(), new Date(clock.ms() + 3_600_000).toISOString())
    .run();
  return { cookie: `csg_session=${token}`, csrf };
}

export const getPage = (path: string, cookie?: string) =>
  app.request(path, { headers: { accept: "text/html", ...(cookie ? { cookie } : {}) }, redirect: "manual" }, env);

export const postForm = (path: string, fields: Record<string, string | string[]>, cookie?: string) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return app.request(
    path,
    {
      method: "POST",
      headers: { ...(cookie ? { cookie } : {}), "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
      redirect: "manual",
    },
    env,
  );
};

/** An ISO date some days from the service's today, and its day/month/year boxes. */
export function daysAhead(days: number): string {
  return new Date(clock.ms() + days * 86_400_000).toISOString().slice(0, 10);
}
export function boxes(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split("-");
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
}

/** The text a person sees: tags, scripts and styles removed, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");
}
