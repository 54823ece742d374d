// zod re-exports every one of its ~50 locale packs (`z.locales`) from its entry points, and a bundler
// cannot leave them out of the Worker (about 360 KB). This service speaks English only and never
// reads `z.locales`, so after every install (npm's postinstall) the re-export is pointed at English
// alone. Idempotent; the type declarations are untouched; test/node/deploy-defaults checks the bundle.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const root = "node_modules/zod/v4";
const FROM = 'export * as locales from "../locales/index.js";';
const TO = 'export * as locales from "../locales/en-only.js";';
if (existsSync(`${root}/locales/en.js`)) {
  writeFileSync(`${root}/locales/en-only.js`, 'export { default as en } from "./en.js";\n');
  for (const file of ["core/index.js", "classic/external.js", "mini/external.js"]) {
    const path = `${root}/${file}`;
    if (!existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    if (text.includes(FROM)) writeFileSync(path, text.replace(FROM, TO));
  }
}
