import { clock } from "../src/lib/clock";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { call, userWith } from "./helpers";

const TEAM = "demo-council.cloudflareaccess.com";
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";

let privateKey: CryptoKey;
let otherKey: CryptoKey;
let jwks: { keys: JWK[] };
let email: string;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair("RS256")).privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" }] };
  email = (await userWith(["comms_manager"], "Access Person")).user.email!;
});

afterEach(() => vi.restoreAllMocks());

const accessEnv = () => ({ ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD, ACCESS_JWKS: JSON.stringify(jwks) });

function assertion(
  claims: Record<string, unknown>,
  opts: { key?: CryptoKey; aud?: string; iss?: string; exp?: number | null } = {},
) {
  // Signed at the service's clock, so the suite passes with the clock moved (test/setup).
  const now = Math.floor(clock.ms() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(opts.iss ?? `https://${TEAM}`)
    .setAudience(opts.aud ?? AUD)
    .setIssuedAt(now);
  if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now + 600);
  return jwt.sign(opts.key ?? privateKey);
}

describe("Cloudflare Access identities", () => {
  it("recognises a valid assertion and maps it to the user by email (any case)", async () => {
    const jwt = await assertion({ email: email.toUpperCase() });
    const res = await call("GET", "/v1/me", { headers: { "cf-access-jwt-assertion": jwt }, envOverride: accessEnv() });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: "Access Person", roles: ["comms_manager"], authenticatedBy: "access" });
  });

  it("refuses an assertion for another application, another team, signed by another key, expired, or without exp", async () => {
    const bad = [
      await assertion({ email }, { aud: "someone-elses-app" }),
      await assertion({ email }, { iss: "https://evil.cloudflareaccess.com" }),
      await assertion({ email }, { key: otherKey }),
      await assertion({ email }, { exp: Math.floor(clock.ms() / 1000) - 60 }),
      await assertion({ email }, { exp: null }),
      "not.a.jwt",
    ];
    for (const jwt of bad) {
      const res = await call("GET", "/v1/me", {
        headers: { "cf-access-jwt-assertion": jwt },
        envOverride: accessEnv(),
      });
      expect(res.status).toBe(401);
      expect(res.json.code).toBe("invalid_token");
    }
  });

  it("refuses a valid identity with no user record", async () => {
    const res = await call("GET", "/v1/me", {
      headers: { "cf-access-jwt-assertion": await assertion({ email: "stranger@example.com" }) },
      envOverride: accessEnv(),
    });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe("unknown_user");
  });

  it("ignores the header entirely when Access is not configured", async () => {
    const res = await call("GET", "/v1/me", { headers: { "cf-access-jwt-assertion": await assertion({ email }) } });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe("unauthenticated");
  });

  it("fetches the team's published keys when none are pinned", async () => {
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
      expect(String(input instanceof Request ? input.url : input)).toBe(`https://${TEAM}/cdn-cgi/access/certs`);
      return new Response(JSON.stringify(jwks), { headers: { "content-type": "application/json" } });
    });
    const res = await call("GET", "/v1/me", {
      headers: { "cf-access-jwt-assertion": await assertion({ email }) },
      envOverride: { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD },
    });
    expect(res.status).toBe(200);
    expect(spy).toHaveBeenCalled();
  });
});
