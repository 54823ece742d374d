// Copies the GOV.UK Frontend build (CSS, JS, fonts, images) into public/, which the Worker serves as
// static assets. Runs after every install (npm's postinstall), so a fresh clone has them.
import { cpSync, mkdirSync, rmSync } from "node:fs";

const from = "node_modules/govuk-frontend/dist/govuk";
rmSync("public/govuk", { recursive: true, force: true });
rmSync("public/assets", { recursive: true, force: true });
mkdirSync("public/govuk", { recursive: true });
for (const file of ["govuk-frontend.min.css", "govuk-frontend.min.js"])
  cpSync(`${from}/${file}`, `public/govuk/${file}`);
cpSync(`${from}/assets`, "public/assets", { recursive: true });
