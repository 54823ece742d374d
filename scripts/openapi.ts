// Writes the published OpenAPI document (as GET /openapi.json serves it) to a file, for linting:
// `npm run openapi:lint` (Redocly's recommended rules).
import { writeFileSync } from "node:fs";
import { createApp } from "../src/app";

const out = process.argv[2] ?? "openapi.json";
const res = await createApp().request(
  "http://127.0.0.1:8787/openapi.json",
  {},
  { APP_VERSION: process.env.npm_package_version ?? "0.0.0" },
);
writeFileSync(out, `${JSON.stringify(await res.json(), null, 2)}\n`);
console.log(`OpenAPI document written to ${out}`);
