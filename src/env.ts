import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "../schema";
import type { Role } from "./auth/roles";

export interface Caller {
  id: string;
  name: string;
  email: string | null;
  roles: Role[];
  authenticatedBy: "token" | "access";
  tokenId: string | null;
}

export type Db = DrizzleD1Database<typeof schema>;

export type AppEnv = {
  Bindings: Env;
  Variables: { requestId: string; caller: Caller | null; db: Db };
};
