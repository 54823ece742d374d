import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";

// Journeys through the web pages in Debian's Chromium (apt-get install -y chromium), each page checked
// with axe-core for serious or critical accessibility problems, and screenshots saved for review in
// test-results/screenshots (not committed).
const base = inject("baseUrl");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SHOTS = "test-results/screenshots";
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});
afterAll(async () => browser?.close());

const checked: string[] = [];

/** axe-core on the page as it is: no serious or critical violations. */
async function accessible(page: Page, name: string) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // Runs in the page: the browser's globals, not Node's.
    const g = globalThis as unknown as {
      document: unknown;
      axe: {
        run: (
          ctx: unknown,
          opts: object,
        ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: unknown[] }[] }>;
      };
    };
    const r = await g.axe.run(g.document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      count: v.nodes.length,
      targets: v.nodes.map((n) => JSON.stringify((n as { target: unknown }).target)).slice(0, 3),
    }));
  });
  const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad, `${name}: ${JSON.stringify(bad)}`).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  checked.push(name);
}

async function signedIn(who: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(new RegExp(`^${who} \\(`)).check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
  return page;
}

/** A UK wall-clock time some minutes ahead, for a datetime-local field. */
function ukTimeIn(minutes: number): string {
  const t = new Date(Date.now() + minutes * 60_000);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(t);
  const get = (k: string) => parts.find((p) => p.type === k)!.value;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

describe("journeys in a real browser", () => {
  it("the sign-in page is accessible", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/sign-in`);
    await accessible(page, "sign-in");
  });

  it("a comms officer submits a post, a comms manager approves it, and at its time it is ready", async () => {
    const officer = await signedIn("Priya Shah");
    await officer.goto(`${base}/posts/new`);
    await accessible(officer, "post-draft");
    await officer
      .getByLabel("Post", { exact: true })
      .fill("Leisure centre opening hours change from Monday. Check times online.");
    await officer.getByLabel(/Publish at/).fill(ukTimeIn(2));
    await officer.getByRole("button", { name: "Check against the policy" }).click();
    await officer.getByText("No problems found").waitFor();
    await accessible(officer, "post-checked");
    await officer.getByLabel(/Publish at/).fill(ukTimeIn(2));
    await officer.getByRole("button", { name: "Submit for approval" }).click();
    await officer.waitForURL(/\/posts\/[0-9a-f-]+$/);
    const url = officer.url();
    expect(await officer.locator("h1").innerText()).toMatch(/pending approval/i);
    await accessible(officer, "post-submitted");

    const manager = await signedIn("Tom Hughes");
    await manager.goto(`${base}/approvals`);
    await accessible(manager, "approvals");
    await manager.goto(url);
    await manager.getByRole("button", { name: "Approve" }).click();
    await manager.waitForURL(url);
    expect(await manager.locator("h1").innerText()).toMatch(/approved|ready/i);
    // The Workflow sleeps until the publication time, re-screens, and marks the post ready.
    const deadline = Date.now() + 200_000;
    let heading = "";
    while (Date.now() < deadline) {
      await manager.goto(url);
      heading = await manager.locator("h1").innerText();
      if (/ready/i.test(heading)) break;
      await manager.waitForTimeout(3000);
    }
    expect(heading).toMatch(/ready/i);
    await accessible(manager, "post-ready");
  });

  it("a party-political post is blocked, with the clause", async () => {
    const officer = await signedIn("Priya Shah");
    await officer.goto(`${base}/posts/new`);
    await officer.getByLabel("Post", { exact: true }).fill("Vote Labour on Thursday for a fairer town! #VoteLabour");
    await officer.getByLabel(/Publish at/).fill(ukTimeIn(60 * 24));
    await officer.getByRole("button", { name: "Submit for approval" }).click();
    await officer.waitForURL(/\/posts\/[0-9a-f-]+$/);
    expect(await officer.locator("h1").innerText()).toMatch(/blocked/i);
    expect(await officer.locator(".govuk-error-summary").innerText()).toContain("10.3");
    await accessible(officer, "post-blocked");
  });

  it("a councillor asks to use the logo and the chief executive approves it", async () => {
    const councillor = await signedIn("Cllr Amina Patel");
    await councillor.goto(`${base}/logo-requests/new`);
    await accessible(councillor, "logo-request-new");
    const today = new Date().toISOString().slice(0, 10);
    await councillor.getByLabel("Website address").fill("https://amina-patel-riverside.example");
    await councillor
      .getByLabel("What is it for?")
      .fill("Ward surgery dates and casework contact for Riverside residents");
    await councillor.getByLabel("What does the site relate to?").selectOption("councillor_role");
    await councillor.getByLabel(/From/).fill(today);
    await councillor.getByLabel(/Until/).fill(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`);
    await councillor.getByRole("button", { name: "Send to the Chief Executive" }).click();
    await councillor.waitForURL(`${base}/logo-requests`);
    await councillor.getByText("pending").first().waitFor();

    const chief = await signedIn("Helen Carter");
    await chief.goto(`${base}/logo-requests`);
    await accessible(chief, "logo-requests");
    const card = chief.locator(".govuk-summary-card", { hasText: "amina-patel-riverside.example" });
    await card.getByLabel("Reason for your decision").fill("Ward business; logo use agreed for a year");
    await card.getByRole("button", { name: "Approve" }).click();
    await chief.waitForURL(`${base}/logo-requests`);
    expect(
      await chief.locator(".govuk-summary-card", { hasText: "amina-patel-riverside.example" }).innerText(),
    ).toMatch(/approved/);
  });

  it("a candidate records an expense and downloads the return", async () => {
    const candidate = await signedIn("Daniel Morgan");
    await candidate.goto(`${base}/spending`);
    await accessible(candidate, "spending-list");
    await candidate
      .getByRole("link", { name: /by-election/i })
      .first()
      .click();
    await accessible(candidate, "spending-record");
    const today = new Date().toISOString().slice(0, 10);
    await candidate.getByLabel(/Date incurred/).fill(today);
    await candidate.getByLabel("Supplier").fill("Castle Print & Web");
    await candidate.getByLabel("Description").fill("Leaflet design");
    await candidate.getByLabel("Type of advertising").selectOption("design");
    await candidate.getByLabel("Amount paid, in pounds").fill("45.50");
    await candidate.getByLabel(/value used during it/).fill("45.50");
    await candidate.getByLabel(/I hold the invoice/).check();
    await candidate.getByRole("button", { name: "Add expense" }).click();
    await candidate.getByText("Leaflet design").waitFor();
    expect(await candidate.locator("table").innerText()).toContain("Leaflet design");
    await candidate.getByLabel(/Material/).fill("Facebook advert");
    await candidate
      .getByLabel("Imprint as it appears")
      .fill("Promoted by Ruth Evans on behalf of Daniel Morgan, both of 12 High Street, Demotown DT1 2AB");
    await candidate.getByRole("button", { name: "Check and record the imprint" }).click();
    await candidate.getByText("Complete").first().waitFor();
    await candidate.getByRole("button", { name: "Submit the return" }).click();
    await candidate.getByRole("link", { name: "download CSV" }).waitFor();
    await accessible(candidate, "spending-submitted");
    const [download] = await Promise.all([
      candidate.waitForEvent("download"),
      candidate.getByRole("link", { name: "download CSV" }).click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toContain("Name of supplier");
    expect(csv).toContain("Leaflet design");
  });

  it("every other page is accessible", async () => {
    const pages: [string, string, string][] = [
      ["Sarah Lewis", "/elections", "elections"],
      ["Sarah Lewis", "/elections?month=2026-12", "elections-month-with-purdah"],
      ["Tom Hughes", "/publishing-stops", "emergency-stop"],
      ["Tom Hughes", "/registers", "registers"],
      ["Olu Bakare", "/audit", "audit"],
      ["Priya Shah", "/", "home"],
      ["Priya Shah", "/posts", "posts"],
    ];
    for (const [who, path, name] of pages) {
      const page = await signedIn(who);
      await page.goto(`${base}${path}`);
      await accessible(page, name);
    }
    expect(checked.length).toBeGreaterThanOrEqual(16);
  });
});
