import type { SQLWrapper } from "drizzle-orm";

interface ToSql {
  toSQL(): { sql: string; params: unknown[] };
}

/** A drizzle query as a D1 statement, so it can join an audited batch (src/repo/audit.ts). */
export function toD1(d1: D1Database, query: ToSql | SQLWrapper): D1PreparedStatement {
  const { sql, params } = (query as ToSql).toSQL();
  return d1.prepare(sql).bind(...params);
}
