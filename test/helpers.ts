import { env } from "cloudflare:test";
import { createApp } from "../src/app";
import { createToken, createUser } from "../src/repo/users";
import type { Role } from "../src/auth/roles";
import { clock } from "../src/lib/clock";

export const app = createApp();

export const SYSTEM = { id: null, label: "test-setup", requestId: "test-setup" };

/** A Thursday some weeks ahead of the service's clock, clear of Christmas and New Year, so a test holds on any day. */
export function thursdayAhead(weeks: number): string {
  const d = new Date(clock.ms() + weeks * 7 * 86_400_000);
  while (
    d.getUTCDay() !== 4 ||
    (d.getUTCMonth() === 11 && d.getUTCDate() >= 20) ||
    (d.getUTCMonth() === 0 && d.getUTCDate() <= 5)
  )
    d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

let counter = 0;

/** A fresh user holding these roles, and a bearer token for them. */
export async function userWith(roles: Role[], name?: string) {
  counter += 1;
  const user = await createUser(env.DB, SYSTEM, {
    name: name ?? `${roles.join("+") || "no-role"} ${counter}`,
    email: `user${counter}-${crypto.randomUUID().slice(0, 8)}@example.gov.uk`,
    roles,
  });
  const issued = await createToken(env.DB, SYSTEM, user.id, { name: "test", expiresInDays: 30 });
  return { user, token: issued.token, tokenId: issued.id };
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  envOverride?: Partial<Env> & Record<string, unknown>;
}

/** One request through the same app the Worker serves, against the test D1. */
export async function call(method: string, path: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await app.request(path, { method, headers, body }, { ...env, ...opts.envOverride });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}
