// Drizzle tables. Migrations are generated from this file by `npm run db:generate`.
export * from "./identity";
export * from "./audit";
export * from "./elections";
export * from "./registers";
export * from "./posts";
export * from "./spending";
export * from "./sessions";
export * from "./notifications";
