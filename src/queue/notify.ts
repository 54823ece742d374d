import { SignJWT } from "jose";

/**
 * GOV.UK Notify's REST API, as its documentation describes it: an API key is
 * `{key name}-{service id}-{secret key}` (both ids UUIDs); each request carries a JWT signed HS256 with
 * the secret key, whose `iss` is the service id and `iat` the current time in seconds (Notify refuses
 * tokens more than 30 seconds off its clock).
 */
export function parseNotifyKey(apiKey: string): { serviceId: string; secret: string } {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const secret = apiKey.slice(-36);
  const serviceId = apiKey.slice(-73, -37);
  if (!uuid.test(secret) || !uuid.test(serviceId) || apiKey.at(-37) !== "-")
    throw new Error("NOTIFY_API_KEY is not a GOV.UK Notify API key (name-serviceid-secret).");
  return { serviceId, secret };
}

/** The bearer token for one request. `issuedAt` is the real (system) time: Notify checks it. */
export async function notifyJwt(apiKey: string, issuedAt: Date): Promise<string> {
  const { serviceId, secret } = parseNotifyKey(apiKey);
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(serviceId)
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .sign(new TextEncoder().encode(secret));
}

export interface NotifyEmail {
  emailAddress: string;
  templateId: string;
  personalisation: Record<string, string>;
  /** Our delivery id: Notify returns it on status callbacks, and it identifies the message to support. */
  reference: string;
}

export type NotifyResult =
  | { ok: true; id: string; status: number }
  | { ok: false; status: number | null; error: string };

/** POST /v2/notifications/email. Network errors and non-2xx answers come back as results, not throws. */
export async function sendNotifyEmail(
  baseUrl: string,
  apiKey: string,
  email: NotifyEmail,
  issuedAt: Date,
): Promise<NotifyResult> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl.replace(/\/$/, "")}/v2/notifications/email`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await notifyJwt(apiKey, issuedAt)}`,
        "content-type": "application/json",
        "user-agent": "council-social-governance",
      },
      body: JSON.stringify({
        email_address: email.emailAddress,
        template_id: email.templateId,
        personalisation: email.personalisation,
        reference: email.reference,
      }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    return { ok: false, status: null, error: `Notify unreachable: ${(err as Error).message}` };
  }
  const text = await res.text();
  if (res.ok) {
    let id = "";
    try {
      id = String(JSON.parse(text).id ?? "");
    } catch {
      // A 2xx without JSON: accepted all the same.
    }
    return { ok: true, id, status: res.status };
  }
  // Notify's errors: { status_code, errors: [{ error, message }] }. Only the error names are kept.
  let detail = "";
  try {
    detail = (JSON.parse(text).errors ?? []).map((e: { error?: string }) => e.error).join(", ");
  } catch {
    detail = "";
  }
  return { ok: false, status: res.status, error: `Notify answered ${res.status}${detail ? ` (${detail})` : ""}` };
}
