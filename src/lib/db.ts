import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../schema";
import type { Db } from "../env";

const cache = new WeakMap<D1Database, Db>();

/** The drizzle handle for a D1 binding, made once per binding per isolate. */
export function dbOf(d1: D1Database): Db {
  let db = cache.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    cache.set(d1, db);
  }
  return db;
}
