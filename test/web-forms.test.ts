import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app, call, userWith } from "./helpers";
import { boxes, daysAhead, getPage, postForm, sessionFor, visibleText } from "./web-helpers";

const count = async (sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n;

describe("sign-in goes only to paths on this site", () => {
  let csrf: string;
  let userId: string;
  beforeAll(async () => {
    userId = (await userWith(["comms_officer"])).user.id;
    const page = await getPage("/sign-in");
    csrf = page.headers.get("set-cookie")!.match(/csg_csrf=([^;]+)/)![1];
  });
  const signIn = (next: string) => postForm("/sign-in", { _csrf: csrf, userId, next }, `csg_csrf=${csrf}`);

  for (const next of [
    "/\\evil.example",
    "/\\t/",
    "/\\/",
    "//evil.example",
    "/\t/evil.example",
    "/x\n/y",
    "/x\r\nSet-Cookie: a=b",
    "https://evil.example/",
    "/%0d%0a",
    " /posts",
  ])
    it(`next=${JSON.stringify(next)} goes home`, async () => {
      const res = await signIn(next);
      expect(res.status).toBe(303);
      const location = res.headers.get("location")!;
      expect(["/", "/%0d%0a"]).toContain(location);
      expect(new URL(location, "https://council.example").origin).toBe("https://council.example");
    });

  it("a path on this site is kept, with its query", async () => {
    expect((await signIn("/posts?status=blocked")).headers.get("location")).toBe("/posts?status=blocked");
  });

  it("the sign-in page preselects nobody", async () => {
    const html = await (await getPage("/sign-in")).text();
    expect(html).not.toMatch(/type="radio"[^>]*checked/);
  });
});

describe("pages refuse what the API refuses, with the error summary and inline messages", () => {
  let councillor: Awaited<ReturnType<typeof userWith>>;
  let s: { cookie: string; csrf: string };
  beforeAll(async () => {
    councillor = await userWith(["councillor"]);
    s = await sessionFor(councillor.user.id);
  });
  const logoForm = (over: Record<string, string>) => ({
    _csrf: s.csrf,
    siteUrl: "https://www.example.org/ward-news",
    purpose: "Ward newsletter about council services",
    siteRelation: "councillor_role",
    ...boxes("periodStart", daysAhead(10)),
    ...boxes("periodEnd", daysAhead(40)),
    ...over,
  });
  const requests = () => count("SELECT count(*) AS n FROM logo_requests WHERE requester_id = ?", councillor.user.id);

  it("30 February is an error in words, not a 500, and what was typed is kept", async () => {
    const before = await requests();
    const res = await postForm(
      "/logo-requests/new",
      logoForm({ "periodStart-day": "30", "periodStart-month": "2", "periodStart-year": "2027" }),
      s.cookie,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("govuk-error-summary");
    expect(html).toContain('href="#periodStart-day"');
    expect(html).toContain('id="periodStart-error"');
    expect(visibleText(html)).toContain("The start date must be a real date");
    expect(html).toContain("Ward newsletter about council services");
    expect(html).toMatch(/id="periodStart-day"[^>]*value="30"/);
    expect(await requests()).toBe(before);
  });

  it("siteRelation=bogus is refused by page and API alike, and nothing is recorded", async () => {
    const before = await requests();
    const res = await postForm("/logo-requests/new", logoForm({ siteRelation: "bogus" }), s.cookie);
    expect(res.status).toBe(422);
    expect(visibleText(await res.text())).toContain("Select what the site relates to from the list");
    const api = await call("POST", "/v1/logo-requests", {
      token: councillor.token,
      body: {
        targetType: "website",
        siteUrl: "https://www.example.org/x",
        purpose: "Ward newsletter about things",
        siteRelation: "bogus",
        periodStart: daysAhead(10),
        periodEnd: daysAhead(40),
      },
    });
    expect(api.status).toBe(422);
    expect(api.json.errors[0].pointer).toBe("/siteRelation");
    expect(await requests()).toBe(before);
  });

  it("a purpose over the schema's 2,000 characters is refused with its limit; one over the body limit is a 413", async () => {
    const before = await requests();
    const long = await postForm("/logo-requests/new", logoForm({ purpose: "a".repeat(3000) }), s.cookie);
    expect(long.status).toBe(422);
    expect(visibleText(await long.text())).toContain("What it is for must be 2,000 characters or fewer");
    const huge = await postForm("/logo-requests/new", logoForm({ purpose: "a".repeat(300_000) }), s.cookie);
    expect(huge.status).toBe(413);
    expect(await requests()).toBe(before);
  });

  it("a valid request is made and shown with its dates in words", async () => {
    const res = await postForm("/logo-requests/new", logoForm({}), s.cookie);
    expect(res.status).toBe(303);
    const html = visibleText(await (await getPage("/logo-requests", s.cookie)).text());
    expect(html).toMatch(
      /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} to /,
    );
  });
});

describe("post forms share the API's schemas", () => {
  it("a 2.1 MB post is refused (413) and nothing is written", async () => {
    const officer = await userWith(["comms_officer"]);
    const s = await sessionFor(officer.user.id);
    const before = await count("SELECT count(*) AS n FROM posts");
    const res = await postForm(
      "/posts/new",
      { _csrf: s.csrf, action: "submit", accountId: "x", text: "a".repeat(2_100_000) },
      s.cookie,
    );
    expect(res.status).toBe(413);
    expect(await count("SELECT count(*) AS n FROM posts")).toBe(before);
  });

  it("decision=bogus is refused and changes nothing: no approval, no audit entry", async () => {
    const manager = await userWith(["comms_manager"]);
    const officer = await userWith(["comms_officer"]);
    const acc = await call("POST", "/v1/corporate-accounts", {
      token: manager.token,
      body: {
        platform: "x",
        handle: `@WebForms${crypto.randomUUID().slice(0, 6)}`,
        url: "https://x.com/webforms",
        owningService: "Comms",
        ownerId: manager.user.id,
        administratorIds: [],
        purpose: "News",
        areaIds: [],
        status: "active",
        lastReviewedOn: null,
        nextReviewOn: daysAhead(200),
        purdahBehaviour: "gate",
      },
    });
    expect(acc.status, acc.text).toBe(201);
    const post = await call("POST", "/v1/posts", {
      token: officer.token,
      body: {
        accountId: acc.json.id,
        text: "The library opens late on Thursday.",
        publishAt: new Date(Date.parse(daysAhead(5))).toISOString(),
      },
    });
    expect(post.json.status, post.text).toBe("pending_approval");
    const s = await sessionFor(manager.user.id);
    const audit = await count("SELECT count(*) AS n FROM audit_log WHERE subject_id = ?", post.json.id);
    const res = await postForm(
      `/posts/${post.json.id}/decision`,
      { _csrf: s.csrf, version: "1", decision: "bogus", reason: "x" },
      s.cookie,
    );
    expect(res.status).toBe(422);
    expect(visibleText(await res.text())).toContain("Select your decision from the list");
    expect((await call("GET", `/v1/posts/${post.json.id}`, { token: manager.token })).json.status).toBe(
      "pending_approval",
    );
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE subject_id = ?", post.json.id)).toBe(audit);
    // Rejecting without a reason: the message by the field, the reason box kept.
    const noReason = await postForm(
      `/posts/${post.json.id}/decision`,
      { _csrf: s.csrf, version: "1", decision: "reject", reason: "" },
      s.cookie,
    );
    expect(noReason.status).toBe(422);
    const html = await noReason.text();
    expect(html).toContain('id="reason-error"');
    expect(html).toContain('href="#reason"');
    const ok = await postForm(
      `/posts/${post.json.id}/decision`,
      { _csrf: s.csrf, version: "1", decision: "approve", reason: "" },
      s.cookie,
    );
    expect(ok.status).toBe(303);
    expect((await call("GET", `/v1/posts/${post.json.id}`, { token: manager.token })).json.status).toBe("approved");
  });
});

describe("the API's own answers are unchanged by the pages", () => {
  it("the web router never answers /v1/", async () => {
    const res = await app.request("/v1/me", {}, env);
    expect(res.status).toBe(401);
  });
});

describe("size limits and caching", () => {
  it("the sign-in form has the same body limit (413), and public calendar feeds keep their own caching", async () => {
    const res = await postForm("/sign-in", { _csrf: "x", userId: "x".repeat(300_000) });
    expect(res.status).toBe(413);
    const ics = await call("GET", "/v1/calendars/purdah.ics");
    expect(ics.headers.get("cache-control")).toMatch(/public/);
    expect((await getPage("/sign-in")).headers.get("cache-control")).toBe("no-store");
  });
});

describe("checking a draft", () => {
  it("live feedback answers a fragment; a councillor's check uses the clauses that bind them, not 10.3", async () => {
    const councillor = await userWith(["councillor"]);
    const s = await sessionFor(councillor.user.id);
    const live = await postForm(
      "/posts/live-check",
      { _csrf: s.csrf, text: "Vote Labour. The planning officer is an idiot." },
      s.cookie,
    );
    expect(live.status).toBe(200);
    const fragment = await live.text();
    expect(fragment).not.toContain("<html");
    expect(fragment).not.toContain("policy 10.3");
    const page = await postForm(
      "/check-a-post",
      { _csrf: s.csrf, text: "The planning officer is an idiot." },
      s.cookie,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="findings"');
    const officer = await userWith(["comms_officer"]);
    const o = await sessionFor(officer.user.id);
    const staff = await postForm(
      "/posts/live-check",
      { _csrf: o.csrf, text: "Vote Labour on Thursday", accountId: "" },
      o.cookie,
    );
    expect(await staff.text()).toContain("policy 10.3");
  });
});

describe("navigation", () => {
  it("marks the current page and offers sign-out in the header", async () => {
    const officer = await userWith(["comms_officer"], "Nav Person");
    const s = await sessionFor(officer.user.id);
    const html = await (await getPage("/posts", s.cookie)).text();
    expect(html).toMatch(/<a class="govuk-service-navigation__link" href="\/posts" aria-current="page">/);
    expect(html.match(/aria-current="page"/g)).toHaveLength(1);
    expect(html).toMatch(/<header[\s\S]*href="\/sign-out"[\s\S]*<\/header>/);
  });
});

describe("adding a UK Parliament by-election on the page records its writ", () => {
  it("keeps what was typed and names the writ when it is wrong; creates the election with its writ when right", async () => {
    const ds = await userWith(["democratic_services"]);
    const s = await sessionFor(ds.user.id);
    const ward = `pw-${crypto.randomUUID().slice(0, 8)}`;
    expect(
      (await call("POST", "/v1/areas", { token: ds.token, body: { id: ward, name: `Ward ${ward}`, kind: "ward" } }))
        .status,
    ).toBe(201);
    const fields = (writ: string) => ({
      _csrf: s.csrf,
      kind: "parliamentary",
      byElection: "yes",
      areaIds: ward,
      ...boxes("pollDate", "2027-01-07"),
      ...boxes("writReceived", writ),
    });
    const bad = await postForm("/elections/new", fields("2027-01-09"), s.cookie);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('href="#writReceived-day"');
    expect(html).toMatch(/name="writReceived-day"[^>]*value="9"/);
    const good = await postForm("/elections/new", fields("2026-11-26"), s.cookie);
    expect(good.status).toBe(303);
    const id = decodeURIComponent(good.headers.get("location")!.split("/").pop()!);
    const election = (await call("GET", `/v1/elections/${encodeURIComponent(id)}`, { token: ds.token })).json;
    expect(election).toMatchObject({ writReceived: "2026-11-26", byElection: true, kind: "parliamentary" });
  });
});
