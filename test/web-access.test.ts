import { env } from "cloudflare:test";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { clock } from "../src/lib/clock";
import { app, userWith } from "./helpers";

// The pages behind Cloudflare Access, production's only way in: a test key set stands in for the team's.
const TEAM = "pages-council.cloudflareaccess.com";
const AUD = "9a1f0c4e7b2d3a5f6e8d9c0b1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f";
let key: CryptoKey;
let jwks: { keys: JWK[] };

beforeAll(async () => {
  const pair = await generateKeyPair("ES256", { extractable: true });
  key = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: "pages", alg: "ES256", use: "sig" }] };
});

const production = () => ({
  ...env,
  APP_ENV: "production",
  ACCESS_TEAM_DOMAIN: TEAM,
  ACCESS_AUD: AUD,
  ACCESS_JWKS: JSON.stringify(jwks),
});

async function assertionFor(email: string) {
  const now = Math.floor(clock.ms() / 1000);
  return new SignJWT({ email })
    .setProtectedHeader({ alg: "ES256", kid: "pages" })
    .setIssuer(`https://${TEAM}`)
    .setAudience(AUD)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(key);
}

const sessionsOf = async (userId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ?").bind(userId).first<{ n: number }>())!.n;

function request(path: string, init: { assertion?: string; cookie?: string; form?: Record<string, string> } = {}) {
  const headers: Record<string, string> = {};
  if (init.assertion) headers["cf-access-jwt-assertion"] = init.assertion;
  if (init.cookie) headers.cookie = init.cookie;
  if (init.form) headers["content-type"] = "application/x-www-form-urlencoded";
  return app.request(
    path,
    {
      method: init.form ? "POST" : "GET",
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: "manual",
    },
    production(),
  );
}

describe("pages behind Cloudflare Access", () => {
  it("a signed assertion opens the pages with one session, reused after, and forms work with its CSRF token", async () => {
    const { user } = await userWith(["comms_manager"], "Access Page Person");
    const assertion = await assertionFor(user.email!.toUpperCase());

    const first = await request("/", { assertion });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("Access Page Person");
    const cookie = first.headers.get("set-cookie")!.split(";")[0];
    expect(cookie).toMatch(/^csg_session=/);
    expect(await sessionsOf(user.id)).toBe(1);

    // The next pages reuse the session: no new rows, however many pages are opened.
    for (const path of ["/", "/approvals", "/posts", "/publishing-stops"]) {
      const res = await request(path, { assertion, cookie });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    expect(await sessionsOf(user.id)).toBe(1);

    // A form: the emergency stop, with the session's CSRF token from the page.
    const html = await (await request("/publishing-stops", { assertion, cookie })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];
    const stopped = await request("/publishing-stops", {
      assertion,
      cookie,
      form: { _csrf: csrf, reason: "Access journey test", accountId: "" },
    });
    expect(stopped.status).toBe(303);
    const stop = await env.DB.prepare("SELECT id FROM publishing_stops WHERE reason = ? AND created_by = ?")
      .bind("Access journey test", user.id)
      .first<{ id: string }>();
    expect(stop).not.toBeNull();
    await request(`/publishing-stops/${stop!.id}/lift`, { assertion, cookie, form: { _csrf: csrf } });
  });

  it("without a valid assertion there is no page and no session; the development sign-in is off", async () => {
    const { user } = await userWith(["comms_officer"]);
    // Another signature: flip a character well inside it (the last one may carry only padding bits).
    const valid = await assertionFor(user.email!);
    const at = valid.length - 20;
    const forged = valid.slice(0, at) + (valid[at] === "A" ? "B" : "A") + valid.slice(at + 1);
    for (const assertion of [undefined, forged, "not-a-jwt"]) {
      const res = await request("/posts", { assertion });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toMatch(/^\/sign-in/);
    }
    expect(await sessionsOf(user.id)).toBe(0);
    expect((await request("/sign-in")).status).toBe(403);
  });

  it("a session cookie is not used for someone other than the person Access vouches for", async () => {
    const a = (await userWith(["comms_officer"], "Person A")).user;
    const b = (await userWith(["auditor"], "Person B")).user;
    const first = await request("/", { assertion: await assertionFor(a.email!) });
    const cookieOfA = first.headers.get("set-cookie")!.split(";")[0];
    const asB = await request("/", { assertion: await assertionFor(b.email!), cookie: cookieOfA });
    expect(asB.status).toBe(200);
    const page = await asB.text();
    expect(page).toContain("Person B");
    expect(page).not.toContain("Person A");
    expect(await sessionsOf(b.id)).toBe(1);
  });
});
