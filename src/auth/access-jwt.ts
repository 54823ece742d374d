import { clock } from "../lib/clock";
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";

// Cloudflare Access puts a signed JWT in Cf-Access-Jwt-Assertion on every request it lets through.
// We verify it against the team's published keys (cached per isolate) and trust only its email.
const remoteSets = new Map<string, JWTVerifyGetKey>();

export interface AccessConfig {
  teamDomain: string;
  audience: string;
  /** A JWKS given inline (JSON), used instead of fetching the team's certs: for pinning and tests. */
  jwks?: string;
}

export function accessConfig(env: Env): AccessConfig | null {
  const teamDomain = env.ACCESS_TEAM_DOMAIN?.trim()
    .replace(/^https?:\/\//, "")
    .replace(/\/$/, "");
  const audience = env.ACCESS_AUD?.trim();
  if (!teamDomain || !audience) return null;
  const jwks = (env as unknown as { ACCESS_JWKS?: string }).ACCESS_JWKS;
  return { teamDomain, audience, jwks: jwks || undefined };
}

function keySet(config: AccessConfig): JWTVerifyGetKey {
  if (config.jwks) return createLocalJWKSet(JSON.parse(config.jwks));
  let set = remoteSets.get(config.teamDomain);
  if (!set) {
    set = createRemoteJWKSet(new URL(`https://${config.teamDomain}/cdn-cgi/access/certs`));
    remoteSets.set(config.teamDomain, set);
  }
  return set;
}

/** The verified email, or null when the assertion is not valid for this team and application. */
export async function verifyAccessJwt(assertion: string, config: AccessConfig): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(assertion, keySet(config), {
      issuer: `https://${config.teamDomain}`,
      audience: config.audience,
      algorithms: ["RS256", "ES256"],
      // Access always sets exp; an assertion without one never expires, so refuse it.
      requiredClaims: ["exp"],
      currentDate: clock.now(),
    });
    return typeof payload.email === "string" && payload.email.includes("@") ? payload.email.toLowerCase() : null;
  } catch {
    return null;
  }
}
