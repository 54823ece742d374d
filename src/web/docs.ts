import type { Context } from "hono";
import { docsPolicy } from "./security";

// The API reference (Scalar), pinned to one published version; its own CSP (src/web/security.ts).
export const SCALAR_VERSION = "1.72.1";
const SCALAR_URL = `https://cdn.jsdelivr.net/npm/@scalar/api-reference@${SCALAR_VERSION}/dist/browser/standalone.js`;
// Subresource integrity of that file, computed from the package on the npm registry
// (npm pack @scalar/api-reference@1.72.1; openssl dgst -sha384 -binary dist/browser/standalone.js | base64):
// a changed file on the CDN is refused by the browser.
const SCALAR_SRI = "sha384-U11tb2XnKvmwt8RlTvnwUnYgrN+ur4Xyh9htLhjajWNR/Oyl5AX5DEz00qRmlrmK";

export function docsPage(c: Context) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  docsPolicy(c, nonce);
  const config = JSON.stringify({ url: "/openapi.json", withDefaultFonts: false });
  return c.html(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Council social media governance API</title>
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${nonce}" src="${SCALAR_URL}" integrity="${SCALAR_SRI}" crossorigin="anonymous"></script>
    <script nonce="${nonce}">Scalar.createApiReference("#app", ${config});</script>
  </body>
</html>`);
}
