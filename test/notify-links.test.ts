import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { EVENT_TYPES } from "../src/domain/events";
import { emailFor, pathFor } from "../src/domain/notifications";
import { PAGE_ACCESS } from "../src/web/router";
import { app } from "./helpers";

// The record each family of events is about (the subjectType its writers give it).
const SUBJECT_OF_FAMILY: Record<string, string> = {
  post: "post",
  logo_request: "logo_request",
  security_exemption: "security_exemption",
  incident_report: "incident_report",
  takedown: "takedown_request",
  spending: "candidacy",
  purdah: "election",
};

const pages = Object.keys(PAGE_ACCESS)
  .filter((k) => k.startsWith("GET "))
  .map((k) => new RegExp(`^${k.slice(4).replace(/:[a-z]+/g, "[^/]+")}$`));

describe("links in e-mails and notifications", () => {
  let families: string[];
  beforeAll(() => {
    families = [...new Set(Object.keys(EVENT_TYPES).map((t) => t.split(".")[0]))];
  });

  it("every family of events is about a known kind of record", () => {
    for (const f of families) expect(SUBJECT_OF_FAMILY[f], `event family ${f}`).toBeDefined();
  });

  it("every event's link is a page the web app serves (PAGE_ACCESS), never a path with no page", async () => {
    const id = "3f1c2a9e-0000-4000-8000-000000000001";
    for (const type of Object.keys(EVENT_TYPES)) {
      const subjectType = SUBJECT_OF_FAMILY[type.split(".")[0]];
      const { link } = emailFor({ type, subjectType, subjectId: id, data: {} }, "https://social.council.test/");
      const path = new URL(link).pathname;
      expect(link.startsWith("https://social.council.test/"), link).toBe(true);
      expect(
        pages.some((p) => p.test(path)),
        `${type} links to ${path}`,
      ).toBe(true);
      // Signed out, a page that exists sends you to sign in (and back); a path with no page is a 404.
      const res = await app.request(path, { headers: { accept: "text/html" } }, env);
      expect([302, 303], `${type}: GET ${path}`).toContain(res.status);
      expect(res.headers.get("location")).toMatch(/^\/sign-in/);
    }
    const none = await app.request("/logo-requests/3f1c2a9e", { headers: { accept: "text/html" } }, env);
    expect(none.status).toBe(404);
  });

  it("logo requests link to the logo-use requests page (there is no page per request)", () => {
    expect(pathFor("logo_request", "abc")).toBe("/logo-requests");
    expect(PAGE_ACCESS["GET /logo-requests"]).toBeDefined();
    expect(PAGE_ACCESS["GET /logo-requests/:id"]).toBeUndefined();
  });
});
