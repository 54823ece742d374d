import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "schema/migrations"));
  return {
    test: {
      projects: [
        {
          // Routes, repositories and domain code, in real workerd against real D1.
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  TEST_CLOCK_OFFSET_DAYS: process.env.TEST_CLOCK_OFFSET_DAYS ?? "0",
                  // As under `npm start`; wrangler.toml itself says production (test/node/deploy-defaults).
                  APP_ENV: "development",
                },
              },
            }),
          ],
          test: {
            name: "workers",
            include: ["test/**/*.test.ts"],
            exclude: ["test/node/**", "test/browser/**"],
            setupFiles: ["./test/setup/apply-migrations.ts"],
          },
        },
        {
          // Things that only run in Node: the OpenAPI document's validation, the scripts.
          test: { name: "node", include: ["test/node/**/*.test.ts"], environment: "node" },
        },
        {
          // The web pages in a real browser (Debian's Chromium), against `wrangler dev`: npm run test:browser.
          test: {
            name: "browser",
            include: ["test/browser/**/*.test.ts"],
            environment: "node",
            globalSetup: ["./test/browser/global-setup.ts"],
            testTimeout: 240_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
