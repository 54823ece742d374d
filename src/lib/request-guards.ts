import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "./problem";

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;.*)?$/i;
const DEFAULT_MAX_BODY = 262_144;

/**
 * Runs before every route: gives the request an id (kept from X-Request-Id when it is sane), and
 * refuses API bodies that are too large or not JSON before any handler reads them.
 */
export const requestGuards = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", requestId);
  c.set("caller", null);

  if (c.req.path.startsWith("/v1/") && c.req.method !== "GET" && c.req.method !== "HEAD") {
    const max = Number(c.env?.MAX_BODY_BYTES) || DEFAULT_MAX_BODY;
    const declared = c.req.header("content-length");
    const hasBody = c.req.raw.body !== null && declared !== "0";
    if (hasBody) {
      const type = c.req.header("content-type") ?? "";
      if (!JSON_TYPE.test(type)) {
        throw new ApiError(
          "unsupported_media_type",
          `Send the body as application/json (got '${type || "no content type"}').`,
        );
      }
      if (declared !== undefined && Number(declared) > max) {
        throw new ApiError("payload_too_large", `The body is ${declared} bytes; the limit is ${max}.`);
      }
      if (declared === undefined) {
        // A chunked body has no declared length: measure a copy against the limit before use.
        const buf = await c.req.raw.clone().arrayBuffer();
        if (buf.byteLength > max)
          throw new ApiError("payload_too_large", `The body is over the limit of ${max} bytes.`);
      }
    }
  }
  await next();
  c.header("x-request-id", requestId);
});
