import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, userWith, thursdayAhead } from "./helpers";
import { getPage, postForm, sessionFor, visibleText } from "./web-helpers";

type U = Awaited<ReturnType<typeof userWith>>;
let ds: U, officer: U;
let s: { cookie: string; csrf: string };
let election: string;
let wardA: string, wardB: string;
const uid = () => crypto.randomUUID().slice(0, 8);

beforeAll(async () => {
  ds = await userWith(["democratic_services"], "Dee Services");
  officer = await userWith(["comms_officer"]);
  s = await sessionFor(ds.user.id);
  const council = `wn-council-${uid()}`;
  wardA = `wn-a-${uid()}`;
  wardB = `wn-b-${uid()}`;
  for (const [id, name, kind, parentId] of [
    [council, "Web Borough", "council", null],
    [wardA, "Abbey", "ward", council],
    [wardB, "Brook", "ward", council],
  ] as const) {
    const res = await call("POST", "/v1/areas", { token: ds.token, body: { id, name, kind, parentId } });
    expect(res.status, res.text).toBe(201);
  }
  const made = await call("POST", "/v1/elections", {
    token: ds.token,
    body: { kind: "local", pollDate: thursdayAhead(12), areaIds: [wardA, wardB] },
  });
  expect(made.status, made.text).toBe(201);
  election = made.json.id;
});

const path = () => `/elections/${encodeURIComponent(election)}/nominations`;
const listed = async () =>
  (await call("GET", `/v1/elections/${election}/nominations`, { token: ds.token })).json.nominations as {
    areaId: string;
    name: string;
    description: string | null;
    withdrawnAt: string | null;
  }[];
const textareaOf = (html: string, name: string) =>
  new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1] ?? null;

describe("/elections/:id/nominations", () => {
  it("democratic services record the statement area by area: names, descriptions, a withdrawal, names with a comma", async () => {
    const empty = await getPage(path(), s.cookie);
    expect(empty.status).toBe(200);
    const before = visibleText(await empty.text());
    expect(before).toContain("Statement of persons nominated");
    expect(before).toContain("Candidates in Abbey");
    expect(before).toContain("Candidates in Brook");
    expect(before).toContain("No candidates recorded.");

    const saved = await postForm(
      path(),
      {
        _csrf: s.csrf,
        "area-0": "Jo Bloggs, Labour Party\n\nWithdrawn: Sam Rivers, Independent\n",
        "area-1": "Smith, John\tGreen Party\nKit Moss\nVale, Nat\t",
      },
      s.cookie,
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${path()}?saved=1`);
    const rows = await listed();
    expect(rows.map((r) => [r.areaId, r.name, r.description, Boolean(r.withdrawnAt)])).toEqual([
      [wardA, "Jo Bloggs", "Labour Party", false],
      [wardA, "Sam Rivers", "Independent", true],
      [wardB, "Kit Moss", null, false],
      [wardB, "Smith, John", "Green Party", false],
      [wardB, "Vale, Nat", null, false],
    ]);
    const withdrawnAt = rows[1].withdrawnAt;

    const shown = await getPage(`${path()}?saved=1`, s.cookie);
    const html = await shown.text();
    const text = visibleText(html);
    expect(text).toContain("Statement saved: 4 candidates standing");
    expect(text).toMatch(/Sam Rivers Independent Withdrawn \d{1,2} \w+ \d{4} at \d{1,2}(:\d{2})?(am|pm)/);
    expect(text).toContain("Kit Moss None Standing");
    // The boxes hold the statement in the form it is typed (by name), so saving it again changes nothing.
    expect(textareaOf(html, "area-0")).toBe("Jo Bloggs, Labour Party\nWithdrawn: Sam Rivers, Independent");
    expect(textareaOf(html, "area-1")).toBe("Kit Moss\nSmith, John\tGreen Party\nVale, Nat\t");

    const again = await postForm(
      path(),
      { _csrf: s.csrf, "area-0": textareaOf(html, "area-0")!, "area-1": textareaOf(html, "area-1")! },
      s.cookie,
    );
    expect(again.status).toBe(303);
    const after = await listed();
    expect(after.map((r) => [r.name, r.description, r.withdrawnAt])).toEqual(
      rows.map((r) => [r.name, r.description, r.withdrawnAt]),
    );
    expect(after[1].withdrawnAt).toBe(withdrawnAt);

    const audited = (
      await env.DB.prepare(
        "SELECT actor_id FROM audit_log WHERE action = 'election.nominations_replaced' AND subject_id = ? ORDER BY seq",
      )
        .bind(election)
        .all<{ actor_id: string }>()
    ).results;
    expect(audited.map((a) => a.actor_id)).toEqual([ds.user.id, ds.user.id]);
  });

  it("a line with a problem is named by its box and line, what was typed is kept, and nothing changes", async () => {
    const before = await listed();
    const typed = `Ann Lee, Independent\n${"N".repeat(201)}, Labour Party`;
    const res = await postForm(path(), { _csrf: s.csrf, "area-0": "Jo Bloggs", "area-1": typed }, s.cookie);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("govuk-error-summary");
    expect(html).toContain('href="#area-1"');
    expect(html).toContain('id="area-1-error"');
    expect(visibleText(html)).toContain("Line 2: the candidate's name must be 200 characters or fewer");
    expect(textareaOf(html, "area-1")).toBe(typed);
    expect(textareaOf(html, "area-0")).toBe("Jo Bloggs");
    expect(await listed()).toEqual(before);

    const noName = await postForm(path(), { _csrf: s.csrf, "area-0": ", Labour Party", "area-1": "" }, s.cookie);
    expect(noName.status).toBe(422);
    expect(visibleText(await noName.text())).toContain("Line 1: enter the candidate's name");
    expect(await listed()).toEqual(before);
  });

  it("other staff read the statement without the form, and cannot save one", async () => {
    const officerSession = await sessionFor(officer.user.id);
    const res = await getPage(path(), officerSession.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(visibleText(html)).toContain("Jo Bloggs");
    expect(html).not.toContain("<textarea");
    const refused = await postForm(path(), { _csrf: officerSession.csrf, "area-0": "X Y" }, officerSession.cookie);
    expect(refused.status).toBe(403);
    expect((await listed()).map((r) => r.name)).toContain("Jo Bloggs");
  });

  it("the election's page links to the statement", async () => {
    const html = await (await getPage(`/elections/${encodeURIComponent(election)}`, s.cookie)).text();
    expect(html).toContain(`href="${path()}"`);
    expect(visibleText(html)).toContain("Record the statement of persons nominated");
  });
});
