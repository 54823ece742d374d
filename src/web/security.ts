import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../env";

/**
 * Security headers on every response the Worker makes (Hono's secure-headers): a Content Security
 * Policy with no 'unsafe-inline' (every script is a file under public/), no framing, no referrer to
 * other sites, no MIME sniffing, and HSTS when the request came over HTTPS. The API reference at /docs
 * sets its own, narrower exception (see docsPolicy).
 */
const standard = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: "same-origin",
  xFrameOptions: "DENY",
  strictTransportSecurity: "max-age=31536000; includeSubDomains",
  crossOriginResourcePolicy: "same-origin",
  overwrite: false,
});

export const securityHeaders: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
  await standard(c, async () => {
    await next();
  });
  // HSTS means something only over HTTPS; plain-HTTP development answers without it.
  if (new URL(c.req.url).protocol !== "https:") c.res.headers.delete("strict-transport-security");
  // Pages, downloads and API answers carry personal data: never kept by a shared cache or the
  // browser, unless the route says otherwise (the public calendar feeds do).
  if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
});

/**
 * The API reference (Scalar) is a single-page app loaded from a pinned version on jsDelivr: its own
 * policy allows that one script host and the inline start-up script by nonce, and nothing may frame it.
 */
export function docsPolicy(c: Context, nonce: string) {
  c.header(
    "content-security-policy",
    [
      "default-src 'self'",
      `script-src 'nonce-${nonce}' https://cdn.jsdelivr.net`,
      "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net",
      "img-src 'self' data: https:",
      "font-src 'self' data: https://cdn.jsdelivr.net https://fonts.scalar.com",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
}
