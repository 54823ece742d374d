import { defineConfig } from "drizzle-kit";

// Generates flat SQL migrations into the D1 migrations_dir (wrangler.toml). Never `push`.
export default defineConfig({
  dialect: "sqlite",
  schema: "./schema/index.ts",
  out: "./schema/migrations",
  migrations: { prefix: "index" },
});
