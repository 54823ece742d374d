import { describe, expect, it } from "vitest";
import { call } from "./helpers";
import { clock } from "../src/lib/clock";

describe("GET /healthz", () => {
  it("reports the version and that D1 answers, without auth", async () => {
    const res = await call("GET", "/healthz");
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("ok");
    expect(res.json.version).toBe("0.1.0");
    expect(res.json.database.ok).toBe(true);
    expect(res.json.database.migrationsApplied).toBeGreaterThan(0);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("says when the bundled bank-holiday file was taken and warns when the data ends within 18 months", async () => {
    const res = await call("GET", "/healthz");
    const { calendarData } = res.json;
    expect(calendarData.bundledTaken).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(calendarData.lastYear).toBe(
      Math.min(...Object.values(calendarData.lastYearByDivision as Record<string, number>)),
    );
    // Computed from the service clock, so the suite also passes with the clock moved years ahead.
    const horizon = new Date(clock.ms());
    horizon.setUTCMonth(horizon.getUTCMonth() + 18);
    const endsSoon = `${calendarData.lastYear}-12-31` < horizon.toISOString().slice(0, 10);
    if (endsSoon) expect(calendarData.warning).toMatch(/within 18 months/);
    else expect(calendarData.warning).toBeNull();
    const bankHolidays = await call("GET", "/v1/calendars/bank-holidays");
    expect(bankHolidays.json.dataAge).toEqual(calendarData);
  });

  it("reports degraded with 503 when the database does not answer", async () => {
    const broken = {
      prepare: () => ({
        first: async () => {
          throw new Error("D1 unreachable");
        },
      }),
    };
    const res = await call("GET", "/healthz", { envOverride: { DB: broken as unknown as D1Database } });
    expect(res.status).toBe(503);
    expect(res.json.database.ok).toBe(false);
  });

  it("keeps a sane incoming request id and replaces an unsafe one", async () => {
    expect((await call("GET", "/ping", { headers: { "x-request-id": "abc-123" } })).headers.get("x-request-id")).toBe(
      "abc-123",
    );
    const res = await call("GET", "/ping", { headers: { "x-request-id": "<script>" } });
    expect(res.headers.get("x-request-id")).not.toBe("<script>");
  });
});
