import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { commit } from "../src/repo/audit";
import { SYSTEM } from "./helpers";

const count = async (subjectId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM outbox_events WHERE subject_id = ?")
    .bind(subjectId)
    .first<{ n: number }>())!.n;

// A change's events go in as one statement where they can (2 to 12 rows, unguarded), else one each.
describe("outbox events written with their change", () => {
  for (const n of [1, 2, 12, 13, 30])
    it(`${n} event(s) in one commit: ${n} rows, each with its own id`, async () => {
      const subjectId = `rows-${n}-${crypto.randomUUID()}`;
      const events = Array.from({ length: n }, (_, i) => ({
        type: "post.submitted" as const,
        subjectType: "post",
        subjectId,
        data: { i },
      }));
      await commit(env.DB, SYSTEM, [], [{ action: "test.events", subjectType: "post", subjectId }], { events });
      expect(await count(subjectId)).toBe(n);
      const ids = await env.DB.prepare("SELECT id, data FROM outbox_events WHERE subject_id = ?").bind(subjectId).all();
      expect(new Set(ids.results.map((r) => r.id)).size).toBe(n);
      expect(ids.results.map((r) => JSON.parse(r.data as string).i).sort((a, b) => a - b)).toEqual(
        Array.from({ length: n }, (_, i) => i),
      );
    });
});
