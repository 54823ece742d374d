import { Webhook } from "standardwebhooks";
import { WEBHOOK_EVENT_TYPES } from "../domain/events";
import { clock } from "../lib/clock";
import { newId } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import { commit, type Actor } from "./audit";

/**
 * Webhook endpoints: a URL, the event types it wants, and a signing secret. The secret must be kept in
 * a form that can sign (a hash cannot), so it is encrypted at rest with AES-GCM under a key held as a
 * Worker secret (WEBHOOK_ENCRYPTION_KEY): a copy of the database alone signs nothing. It is shown once,
 * when made or rotated. Rotation keeps the previous secret signing too until `previousSecretUntil`, so
 * the receiver can switch over without missing a message (Standard Webhooks: one signature per secret
 * in `webhook-signature`, separated by spaces).
 */
export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  previousSecretUntil: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  disabledAt: string | null;
}

interface EndpointRow {
  id: string;
  url: string;
  description: string;
  event_types: string;
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_until: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
}

const view = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  description: r.description,
  eventTypes: JSON.parse(r.event_types),
  previousSecretUntil: r.previous_secret_until,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  disabledAt: r.disabled_at,
});

// Development only (`npm start`, tests): production refuses to store a secret without the Worker secret.
const DEVELOPMENT_KEY = "ZGV2ZWxvcG1lbnQtb25seS13ZWJob29rLWtleS0wMDA=";

async function encryptionKey(env: Env): Promise<CryptoKey> {
  const b64 = env.WEBHOOK_ENCRYPTION_KEY || (env.APP_ENV === "development" ? DEVELOPMENT_KEY : "");
  if (!b64) throw new Error("WEBHOOK_ENCRYPTION_KEY is not set: `wrangler secret put WEBHOOK_ENCRYPTION_KEY`.");
  const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  if (raw.length !== 32) throw new Error("WEBHOOK_ENCRYPTION_KEY must be 32 bytes, base64-encoded.");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function encrypt(env: Env, plain: string, endpointId: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    // The endpoint id is bound in as associated data: a ciphertext moved to another row will not open.
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(endpointId) },
    await encryptionKey(env),
    new TextEncoder().encode(plain),
  );
  return `v1.${b64(iv)}.${b64(new Uint8Array(data))}`;
}

async function decrypt(env: Env, sealed: string, endpointId: string): Promise<string> {
  const [v, iv, data] = sealed.split(".");
  if (v !== "v1") throw new Error("Unknown secret format.");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: unb64(iv), additionalData: new TextEncoder().encode(endpointId) },
    await encryptionKey(env),
    unb64(data),
  );
  return new TextDecoder().decode(plain);
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes, base64. */
export function newSecret(): string {
  return `whsec_${b64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

function checkUrl(env: Env, url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalid("/url", "Not a URL.");
  }
  const local = env.APP_ENV === "development";
  if (u.protocol !== "https:" && !(local && u.protocol === "http:"))
    throw invalid("/url", "Webhooks are sent over HTTPS only.");
  if (u.username || u.password) throw invalid("/url", "Put no credentials in the URL; receivers verify the signature.");
}

function checkTypes(types: string[]): void {
  for (const [i, t] of types.entries())
    if (t !== "*" && !(WEBHOOK_EVENT_TYPES as string[]).includes(t))
      throw invalid(
        `/eventTypes/${i}`,
        `Not an event type webhooks carry. Choose from: ${WEBHOOK_EVENT_TYPES.join(", ")}, or "*".`,
      );
}

const invalid = (pointer: string, detail: string) =>
  new ApiError("validation_failed", detail, { errors: [{ in: "body", pointer, detail, code: "invalid" }] });

async function row(d1: D1Database, id: string): Promise<EndpointRow> {
  const r = await d1.prepare("SELECT * FROM webhook_endpoints WHERE id = ?").bind(id).first<EndpointRow>();
  if (!r) throw new ApiError("not_found", `No webhook endpoint with id '${id}'.`);
  return r;
}

export async function listEndpoints(d1: D1Database): Promise<WebhookEndpoint[]> {
  return (await d1.prepare("SELECT * FROM webhook_endpoints ORDER BY created_at").all<EndpointRow>()).results.map(view);
}

export async function getEndpoint(d1: D1Database, id: string): Promise<WebhookEndpoint> {
  return view(await row(d1, id));
}

export async function createEndpoint(
  d1: D1Database,
  env: Env,
  actor: Actor,
  input: { url: string; description: string; eventTypes: string[] },
): Promise<WebhookEndpoint & { secret: string }> {
  checkUrl(env, input.url);
  checkTypes(input.eventTypes);
  const id = newId();
  const secret = newSecret();
  const now = clock.iso();
  await commit(
    d1,
    actor,
    [
      d1
        .prepare(
          `INSERT INTO webhook_endpoints (id, url, description, event_types, secret_enc, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(
          id,
          input.url,
          input.description,
          JSON.stringify(input.eventTypes),
          await encrypt(env, secret, id),
          actor.id ?? actor.label,
          now,
          now,
        ),
    ],
    [
      {
        action: "webhook_endpoint.created",
        subjectType: "webhook_endpoint",
        subjectId: id,
        after: { url: input.url, eventTypes: input.eventTypes },
      },
    ],
  );
  return { ...(await getEndpoint(d1, id)), secret };
}

export async function updateEndpoint(
  d1: D1Database,
  env: Env,
  actor: Actor,
  id: string,
  patch: { url?: string; description?: string; eventTypes?: string[]; disabled?: boolean },
): Promise<WebhookEndpoint> {
  const before = await getEndpoint(d1, id);
  if (patch.url !== undefined) checkUrl(env, patch.url);
  if (patch.eventTypes !== undefined) checkTypes(patch.eventTypes);
  const after = {
    url: patch.url ?? before.url,
    description: patch.description ?? before.description,
    eventTypes: patch.eventTypes ?? before.eventTypes,
    disabledAt:
      patch.disabled === undefined ? before.disabledAt : patch.disabled ? (before.disabledAt ?? clock.iso()) : null,
  };
  await commit(
    d1,
    actor,
    [
      d1
        .prepare(
          "UPDATE webhook_endpoints SET url = ?, description = ?, event_types = ?, disabled_at = ?, updated_at = ? WHERE id = ?",
        )
        .bind(after.url, after.description, JSON.stringify(after.eventTypes), after.disabledAt, clock.iso(), id),
    ],
    [
      {
        action: "webhook_endpoint.changed",
        subjectType: "webhook_endpoint",
        subjectId: id,
        before: { url: before.url, eventTypes: before.eventTypes, disabledAt: before.disabledAt },
        after: { url: after.url, eventTypes: after.eventTypes, disabledAt: after.disabledAt },
      },
    ],
  );
  return getEndpoint(d1, id);
}

/** A new secret, shown once; the previous one keeps signing alongside it for `overlapHours`. */
export async function rotateSecret(
  d1: D1Database,
  env: Env,
  actor: Actor,
  id: string,
  overlapHours: number,
): Promise<WebhookEndpoint & { secret: string }> {
  const before = await row(d1, id);
  const secret = newSecret();
  const until = new Date(clock.ms() + overlapHours * 3_600_000).toISOString();
  const result = await commit(
    d1,
    actor,
    [
      d1
        .prepare(
          "UPDATE webhook_endpoints SET secret_enc = ?, previous_secret_enc = ?, previous_secret_until = ?, updated_at = ? WHERE id = ? AND secret_enc = ?",
        )
        .bind(
          await encrypt(env, secret, id),
          overlapHours > 0 ? before.secret_enc : null,
          overlapHours > 0 ? until : null,
          clock.iso(),
          id,
          before.secret_enc,
        ),
    ],
    [
      {
        action: "webhook_endpoint.secret_rotated",
        subjectType: "webhook_endpoint",
        subjectId: id,
        after: { previousSecretUntil: overlapHours > 0 ? until : null },
      },
    ],
    { onlyIfChanged: true },
  );
  if (!result.applied) throw new ApiError("conflict", "The secret was rotated at the same moment; rotate again.");
  return { ...(await getEndpoint(d1, id)), secret };
}

export interface SigningEndpoint {
  id: string;
  url: string;
  disabled: boolean;
  secrets: string[];
}

/** The endpoint as the consumer needs it: its URL and every secret that signs at `now`. */
export async function signingEndpoint(
  d1: D1Database,
  env: Env,
  id: string,
  now: Date,
): Promise<SigningEndpoint | null> {
  const r = await d1.prepare("SELECT * FROM webhook_endpoints WHERE id = ?").bind(id).first<EndpointRow>();
  if (!r) return null;
  const secrets = [await decrypt(env, r.secret_enc, id)];
  if (r.previous_secret_enc && r.previous_secret_until && Date.parse(r.previous_secret_until) > now.getTime())
    secrets.push(await decrypt(env, r.previous_secret_enc, id));
  return { id, url: r.url, disabled: r.disabled_at !== null, secrets };
}

/**
 * The Standard Webhooks headers for one message, signed by the `standardwebhooks` library with each
 * secret; `webhook-id` is the event id, the same on every retry, so receivers can de-duplicate.
 */
export function signedHeaders(
  secrets: string[],
  eventId: string,
  sentAt: Date,
  payload: string,
): Record<string, string> {
  const signature = secrets.map((s) => new Webhook(s).sign(eventId, sentAt, payload)).join(" ");
  return {
    "webhook-id": eventId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": signature,
  };
}
