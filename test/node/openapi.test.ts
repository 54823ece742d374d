import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { createApp } from "../../src/app";

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const res = await createApp().request("/openapi.json", {}, { APP_VERSION: "test" });
    const doc = (await res.json()) as Record<string, unknown>;
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("names every operation once, describes every tag, documents body errors, and leaves out the bench route", async () => {
    const res = await createApp().request("http://127.0.0.1:8787/openapi.json", {}, { APP_VERSION: "test" });
    const doc = (await res.json()) as {
      servers: { url: string }[];
      tags: { name: string; description: string }[];
      paths: Record<
        string,
        Record<
          string,
          { operationId?: string; tags?: string[]; requestBody?: unknown; responses: Record<string, unknown> }
        >
      >;
    };
    expect(doc.servers[0].url).toBe("http://127.0.0.1:8787");
    const described = new Set(doc.tags.filter((t) => t.description.length > 10).map((t) => t.name));
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z]+[A-Za-z0-9]*$/);
        expect(ids.has(op.operationId!), op.operationId).toBe(false);
        ids.add(op.operationId!);
        for (const tag of op.tags ?? []) expect(described.has(tag), tag).toBe(true);
        if (op.requestBody)
          for (const status of ["400", "413", "415", "422"]) expect(op.responses[status]).toBeDefined();
      }
    }
    expect(Object.keys(doc.paths).some((p) => p.includes("bench"))).toBe(false);
  });
});
