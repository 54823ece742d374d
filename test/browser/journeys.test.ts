import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";

// Journeys through the web pages in Debian's Chromium (apt-get install -y chromium), one for each
// job, signed in as that person. Every page is checked with axe-core for serious or critical
// accessibility problems, every console error or uncaught exception fails the test (so GOV.UK
// Frontend's JavaScript must start under the Content Security Policy), and screenshots are saved in
// test-results/screenshots (not committed).
const base = inject("baseUrl");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SHOTS = "test-results/screenshots";
let browser: Browser;
const consoleErrors: string[] = [];

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
afterEach(() => {
  const errors = consoleErrors.splice(0);
  expect(errors, "console errors").toEqual([]);
});

const checked: string[] = [];

/** A page that reports every console error and uncaught exception. */
async function newPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // An error page's own status (a form's 422, the 404 page) is the page working, not an error in it.
    if (m.location().url === page.url() && /status of (404|413|422)\b/.test(m.text())) return;
    consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

/** axe-core on the page as it is: no serious or critical violations; GOV.UK Frontend started. */
async function accessible(page: Page, name: string) {
  await page.waitForLoadState("load");
  expect(
    await page.evaluate(
      () => (globalThis as unknown as { document: { body: { className: string } } }).document.body.className,
    ),
  ).toContain("govuk-frontend-supported");
  // Evaluated through DevTools, as the page's own policy (rightly) refuses an inline script tag.
  await page.evaluate(axeSource);
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
  const page = await newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(new RegExp(`^${who} \\(`)).check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
  return page;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const inDays = (n: number) => iso(new Date(Date.now() + n * 86_400_000));
/** The first Thursday at least n days ahead (polls are on working days; by custom, Thursdays). */
function thursdayIn(n: number): string {
  const d = new Date(Date.now() + n * 86_400_000);
  while (d.getUTCDay() !== 4) d.setUTCDate(d.getUTCDate() + 1);
  return iso(d);
}

/** Fills a GOV.UK date input (the fieldset named by its legend). */
async function fillDate(page: Page | ReturnType<Page["locator"]>, legend: string | RegExp, date: string) {
  const group = page.getByRole("group", { name: legend });
  const [y, m, d] = date.split("-");
  await group.getByLabel("Day").fill(String(Number(d)));
  await group.getByLabel("Month").fill(String(Number(m)));
  await group.getByLabel("Year").fill(y);
}

/** A UK wall-clock date and time some minutes ahead, as the post form asks for them. */
function ukIn(minutes: number): { date: string; time: string } {
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
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
}

async function draft(page: Page, text: string, minutes: number) {
  const when = ukIn(minutes);
  await page.getByLabel("Post", { exact: true }).fill(text);
  await fillDate(page, "Publication date", when.date);
  await page.getByLabel("Time (UK time)").fill(when.time);
}

const statusOf = (page: Page) => page.locator("main .govuk-tag").first().innerText();

describe("journeys in a real browser", () => {
  it("the sign-in page is accessible and preselects nobody", async () => {
    const page = await newPage();
    await page.goto(`${base}/sign-in`);
    expect(await page.locator("input[type=radio]:checked").count()).toBe(0);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    await accessible(page, "sign-in-error");
  });

  it("a comms officer submits a post, a comms manager approves it, and at its time it is ready", async () => {
    const officer = await signedIn("Priya Shah");
    await officer.goto(`${base}/posts/new`);
    await accessible(officer, "post-draft");
    await draft(officer, "Leisure centre opening hours change from Monday. Check times online.", 2);
    // Live feedback as you type (progressive enhancement).
    await officer.locator("#live-findings").getByText("No problems found").waitFor();
    await officer.getByRole("button", { name: "Check against the policy" }).click();
    await officer.getByText("No problems found").first().waitFor();
    await accessible(officer, "post-checked");
    await draft(officer, "Leisure centre opening hours change from Monday. Check times online.", 2);
    await officer.getByRole("button", { name: "Submit for approval" }).click();
    await officer.waitForURL(/\/posts\/[0-9a-f-]+$/);
    const url = officer.url();
    expect(await statusOf(officer)).toBe("Waiting for approval");
    await accessible(officer, "post-submitted");

    const manager = await signedIn("Tom Hughes");
    await manager.goto(`${base}/`);
    await manager.getByRole("link", { name: /posts? to approve/ }).click();
    await accessible(manager, "approvals");
    expect(await manager.locator("main").innerText()).toContain("Leisure centre opening hours");
    await manager.goto(url);
    await manager.getByRole("button", { name: "Approve" }).click();
    await manager.waitForURL(url);
    expect(await statusOf(manager)).toMatch(/Approved|Ready to publish/);
    // The Workflow sleeps until the publication time, re-screens, and marks the post ready.
    const deadline = Date.now() + 200_000;
    let status = "";
    while (Date.now() < deadline) {
      await manager.goto(url);
      status = await statusOf(manager);
      if (/Ready/.test(status)) break;
      await manager.waitForTimeout(3000);
    }
    expect(status).toBe("Ready to publish");
    await accessible(manager, "post-ready");
  });

  it("a party-political post is blocked, with the clause once and the words highlighted; a bad decision keeps the form", async () => {
    const officer = await signedIn("Priya Shah");
    await officer.goto(`${base}/posts/new`);
    await draft(officer, "Vote Labour on Thursday for a fairer town! #VoteLabour", 60 * 24);
    await officer.locator("#live-findings").getByText("policy 10.3").first().waitFor();
    await officer.getByRole("button", { name: "Submit for approval" }).click();
    await officer.waitForURL(/\/posts\/[0-9a-f-]+$/);
    expect(await statusOf(officer)).toBe("Blocked");
    expect(await officer.locator("#findings").innerText()).toContain("policy 10.3");
    expect(await officer.locator("mark").count()).toBeGreaterThan(0);
    await accessible(officer, "post-blocked");
    // A bad date: the error summary and the message by the field, what was typed kept.
    await officer.goto(`${base}/posts/new`);
    await officer.getByLabel("Post", { exact: true }).fill("Road closure on the High Street on Sunday.");
    await fillDate(officer, "Publication date", "2027-02-30");
    await officer.getByLabel("Time (UK time)").fill("9:30am");
    await officer.getByRole("button", { name: "Submit for approval" }).click();
    await officer.locator(".govuk-error-summary").getByText("must be a real date").waitFor();
    expect(await officer.getByLabel("Post", { exact: true }).inputValue()).toBe(
      "Road closure on the High Street on Sunday.",
    );
    await accessible(officer, "post-date-error");
  });

  it("a councillor asks to use the logo and the chief executive approves it", async () => {
    const councillor = await signedIn("Cllr Amina Patel");
    await councillor.goto(`${base}/logo-requests/new`);
    await accessible(councillor, "logo-request-new");
    await councillor.getByLabel("Website address").fill("https://amina-patel-riverside.example");
    await councillor
      .getByLabel("What is it for?")
      .fill("Ward surgery dates and casework contact for Riverside residents");
    await councillor.getByLabel("My role as a councillor (ward work)").check();
    await fillDate(councillor, "From", inDays(0));
    await fillDate(councillor, "Until", inDays(300));
    await councillor.getByRole("button", { name: "Send to the Chief Executive" }).click();
    await councillor.waitForURL(`${base}/logo-requests`);
    await councillor.getByText("Waiting for a decision").first().waitFor();

    const chief = await signedIn("Helen Carter");
    await chief.getByRole("link", { name: /logo requests? to decide/ }).click();
    await accessible(chief, "logo-requests");
    const card = chief.locator(".govuk-summary-card", { hasText: "amina-patel-riverside.example" });
    await card.getByRole("button", { name: "Approve" }).click();
    await chief.locator(".govuk-error-summary").waitFor();
    await accessible(chief, "logo-decision-error");
    const again = chief.locator(".govuk-summary-card", { hasText: "amina-patel-riverside.example" });
    await again.getByLabel("Reason for your decision").fill("Ward business; logo use agreed for a year");
    await again.getByRole("button", { name: "Approve" }).click();
    await chief.waitForURL(`${base}/logo-requests`);
    expect(
      await chief.locator(".govuk-summary-card", { hasText: "amina-patel-riverside.example" }).innerText(),
    ).toMatch(/Approved/);
  });

  it("a councillor registers an account, checks a post, reports abuse and asks for an exemption", async () => {
    const councillor = await signedIn("Cllr Amina Patel");
    await councillor.goto(`${base}/my-accounts/new`);
    await accessible(councillor, "councillor-account-new");
    await councillor.getByLabel("Platform").selectOption("instagram");
    await councillor.getByLabel("Account name").fill("@amina.riverside");
    await councillor.getByLabel("Web address").fill("https://instagram.com/amina.riverside");
    await councillor.getByLabel("A personal profile").check();
    await councillor.getByLabel("Name shown on the account").fill("Amina");
    await councillor.getByLabel("Profile text").fill("Riverside life.");
    await councillor.getByRole("button", { name: "Register and check the account" }).click();
    await councillor.waitForURL(`${base}/my-accounts`);
    await councillor.getByText("How to fix it").first().waitFor();
    await accessible(councillor, "councillor-accounts");

    await councillor.goto(`${base}/check-a-post`);
    await councillor.getByLabel("Your draft post").fill("The officer in planning is an idiot and useless.");
    await councillor.locator("#live-findings li").first().waitFor();
    await councillor.getByRole("button", { name: "Check my post" }).click();
    await councillor.locator("#findings").waitFor();
    await accessible(councillor, "councillor-check-a-post");

    await councillor.goto(`${base}/reports/new`);
    await councillor.getByLabel("Summary").fill("Threats on Facebook");
    await councillor.getByLabel("What happened").fill("Three threatening messages overnight about my surgery.");
    await councillor.getByLabel(/referred to the police/).check();
    await councillor.getByRole("button", { name: "Send the report" }).click();
    await councillor.waitForURL(`${base}/reports`);
    await accessible(councillor, "councillor-reports");

    await councillor.goto(`${base}/exemptions`);
    await councillor.getByLabel("Why you need it").fill("Threats received at my home address; police aware.");
    await councillor.getByRole("button", { name: "Send to the ICT manager" }).click();
    await councillor.waitForURL(`${base}/exemptions`);
    await accessible(councillor, "councillor-exemptions");

    const ict = await signedIn("Gareth Jones");
    await ict.getByRole("link", { name: /security exemptions? to decide/ }).click();
    const card = ict.locator(".govuk-summary-card", { hasText: "Threats received at my home" });
    await card.getByLabel("Reason for your decision").fill("Risk confirmed with the police");
    await card.getByRole("button", { name: "Approve" }).click();
    await ict.waitForURL(`${base}/exemptions`);
    await accessible(ict, "ict-exemptions");

    const ds = await signedIn("Sarah Lewis");
    await ds.getByRole("link", { name: /reports? to deal with/ }).click();
    const report = ds.locator(".govuk-summary-card", { hasText: "Threats on Facebook" }).first();
    await report.getByLabel("Outcome").fill("Reported to the platform and to the police.");
    await report.getByRole("button", { name: "Close the report" }).click();
    await ds.waitForURL(`${base}/reports`);
    await accessible(ds, "democratic-services-reports");
  });

  it("a comms manager keeps the accounts, approval steps, word lists and the emergency stop", async () => {
    const manager = await signedIn("Tom Hughes");
    await manager.goto(`${base}/corporate-accounts/new`);
    await accessible(manager, "corporate-account-new");
    await manager.getByLabel("Platform").selectOption("bluesky");
    await manager.getByLabel("Account name").fill("@demoborough.bsky.social");
    await manager.getByLabel("Web address").fill("https://bsky.app/profile/demoborough.bsky.social");
    await manager.getByLabel("Service that runs it").fill("Communications");
    await manager.getByLabel("Owner").selectOption({ label: "Tom Hughes" });
    await manager.getByLabel("What it is for").fill("News and service updates");
    await manager.getByLabel("Pause during pre-election periods").check();
    await manager.getByLabel("Active").check();
    await fillDate(manager, "Next review", "2027-02-30");
    await manager.getByRole("button", { name: "Add the account" }).click();
    await manager.locator(".govuk-error-summary").getByText("must be a real date").waitFor();
    await accessible(manager, "corporate-account-error");
    await fillDate(manager, "Next review", inDays(180));
    await manager.getByRole("button", { name: "Add the account" }).click();
    await manager.waitForURL(/\/corporate-accounts\/[^/]+$/);
    await manager.getByRole("group", { name: "Step 2 (optional)" }).getByLabel("Chief Executive").check();
    await manager.getByRole("button", { name: "Save the approval steps" }).click();
    await manager.getByText("Step 2: any one of Chief Executive").waitFor();
    await accessible(manager, "corporate-account");

    await manager.goto(`${base}/word-lists?edit=thirdParties`);
    await accessible(manager, "word-lists-edit");
    const box = manager.getByLabel("Partners and suppliers");
    await box.fill(`${await box.inputValue()}\nRiverside Leisure Trust`);
    await manager.getByLabel("What changed and why").fill("New leisure contract");
    await manager.getByRole("button", { name: "Save a new version" }).click();
    await manager.waitForURL(`${base}/word-lists`);
    await manager
      .getByRole("link", { name: /See the changes/ })
      .first()
      .click();
    await manager.getByText("Added: Riverside Leisure Trust").waitFor();
    await accessible(manager, "word-lists-changes");

    await manager.goto(`${base}/publishing-stops`);
    await manager.getByLabel("Reason").fill("Major incident in the town centre");
    await manager.getByRole("button", { name: "Stop publishing" }).click();
    await manager.waitForURL(`${base}/publishing-stops`);
    const officer = await signedIn("Priya Shah");
    await officer.locator(".govuk-notification-banner", { hasText: "Major incident" }).waitFor();
    await accessible(officer, "emergency-stop-banner");
    await manager
      .getByRole("button", { name: /Lift the stop/ })
      .first()
      .click();
    await manager.waitForURL(`${base}/publishing-stops`);
    await accessible(manager, "emergency-stop-history");
  });

  it("democratic services add an area, a by-election, a cycle by thirds, and record the notice and the candidates", async () => {
    const ds = await signedIn("Sarah Lewis");
    await ds.goto(`${base}/areas`);
    await ds.getByLabel("Name", { exact: true }).fill("Harbour ward");
    await ds.getByLabel("Kind of area").selectOption("ward");
    await ds.getByLabel("Part of").selectOption({ label: "Demo Borough Council" });
    await ds.getByRole("button", { name: "Add the area" }).click();
    await ds.getByRole("cell", { name: "Harbour ward" }).waitFor();
    await accessible(ds, "areas");

    await ds.goto(`${base}/elections/new`);
    await ds.getByLabel("Kind of election").selectOption("local");
    await ds.getByLabel("Yes").check();
    await fillDate(ds, "Polling day", thursdayIn(50));
    await ds.getByLabel("Area").selectOption({ label: "Harbour ward (ward)" });
    await ds.getByRole("button", { name: "Add the election" }).click();
    await ds.waitForURL(/\/elections\/[^/]+$/);
    await accessible(ds, "election");
    await fillDate(ds, "Day the notice of election was published", inDays(0));
    await ds.getByRole("button", { name: "Save" }).click();
    await ds.waitForURL(/\/elections\/[^/]+$/);

    // The statement of persons nominated: a line with a problem is named, then the statement is saved.
    await ds.getByRole("link", { name: "Record the statement of persons nominated" }).click();
    await ds.waitForURL(/\/nominations$/);
    const box = ds.getByLabel("Candidates in Harbour ward");
    await box.fill(`Jo Bloggs, Labour Party\n, Independent`);
    await ds.getByRole("button", { name: "Save the statement" }).click();
    await ds.locator(".govuk-error-summary").getByText("Line 2: enter the candidate's name").waitFor();
    expect(await box.inputValue()).toContain("Jo Bloggs, Labour Party");
    await accessible(ds, "nominations-error");
    await box.fill("Jo Bloggs, Labour Party\nWithdrawn: Sam Rivers, Independent");
    await ds.getByRole("button", { name: "Save the statement" }).click();
    await ds.getByText("Statement saved: 1 candidate standing").waitFor();
    await ds.getByRole("cell", { name: /^Withdrawn \d{1,2} \w+ \d{4} at / }).waitFor();
    await accessible(ds, "nominations");

    await ds.goto(`${base}/cycles/new`);
    await ds.getByLabel("Name").fill("Harbour parish elections");
    await ds.getByLabel("Kind of election").selectOption("local");
    await ds.getByLabel("By thirds", { exact: true }).check();
    const year = new Date().getUTCFullYear() + 1;
    await ds.getByLabel("Year of the first election").fill(String(year));
    await ds.getByLabel(/a year with no election/).fill(String(year + 2));
    await ds.getByLabel("Area").selectOption({ label: "Harbour ward (ward)" });
    await ds.getByRole("button", { name: "Add the cycle" }).click();
    await ds.waitForURL(`${base}/elections`);
    await ds.getByText("By thirds: three years in four").first().waitFor();
    expect(await ds.locator("main").innerText()).not.toMatch(/FREQ|RRULE/);
    await accessible(ds, "elections");
  });

  it("the monitoring officer sees blocked posts to override and complaints; takedowns", async () => {
    const mo = await signedIn("Femi Adeyemi");
    await mo.goto(`${base}/approvals`);
    await mo.getByText("Blocked posts you may override").waitFor();
    await accessible(mo, "monitoring-officer-approvals");
    await mo.goto(`${base}/takedowns`);
    await accessible(mo, "takedowns");
    const officer = await signedIn("Priya Shah");
    await officer.goto(`${base}/reports/new`);
    await officer.getByLabel("Summary").fill("Councillor named an officer");
    await officer.getByLabel("What happened").fill("A post named a member of staff without consent.");
    await officer.getByRole("button", { name: "Send the report" }).click();
    await officer.waitForURL(`${base}/reports`);
    await mo.goto(`${base}/reports`);
    await mo.locator(".govuk-summary-card", { hasText: "Councillor named an officer" }).waitFor();
    await accessible(mo, "monitoring-officer-complaints");
  });

  it("a candidate records an expense, confirms the declaration and downloads the return", async () => {
    const candidate = await signedIn("Daniel Morgan");
    await candidate.goto(`${base}/spending`);
    await accessible(candidate, "spending-list");
    await candidate
      .getByRole("link", { name: /by-election/i })
      .first()
      .click();
    await accessible(candidate, "spending-record");
    await fillDate(candidate, "Date incurred", inDays(0));
    await fillDate(candidate, "Date paid (if paid)", inDays(0));
    await candidate.getByLabel("Name of supplier").fill("Castle Print & Web");
    await candidate.getByLabel("Description of goods or services").fill("Leaflet design");
    await candidate.getByLabel("Type of advertising").selectOption("design");
    await candidate.getByLabel("Platform (optional)").fill("Facebook");
    await candidate.getByLabel("Amount paid").fill("45.50");
    // Bought before the regulated period (the demo's starts later): the value used during it.
    await candidate.getByLabel(/Value declared for the period/).fill("45.50");
    await candidate.getByLabel("Invoice or receipt reference (optional)").fill("INV-204");
    await candidate.getByLabel(/I hold the invoice/).check();
    await candidate.getByRole("button", { name: "Add expense" }).click();
    await candidate.getByRole("cell", { name: "Leaflet design" }).waitFor();
    await candidate.getByLabel(/Material/).fill("Facebook advert");
    await candidate
      .getByLabel("Imprint as it appears")
      .fill("Promoted by Ruth Evans on behalf of Daniel Morgan, both of 12 High Street, Demotown DT1 2AB");
    await candidate.getByRole("button", { name: "Check and record the imprint" }).click();
    await candidate.getByText("Complete").first().waitFor();
    await candidate.getByRole("link", { name: "Submit the return" }).click();
    await candidate.getByRole("button", { name: "Accept and submit the return" }).click();
    await candidate.locator(".govuk-error-summary").waitFor();
    await accessible(candidate, "spending-declaration-error");
    await candidate.getByLabel(/complete and correct/).check();
    await candidate.getByRole("button", { name: "Accept and submit the return" }).click();
    await candidate
      .getByRole("link", { name: /View or print version/ })
      .first()
      .click();
    await accessible(candidate, "spending-return-printable");
    await candidate.goBack();
    const [download] = await Promise.all([
      candidate.waitForEvent("download"),
      candidate
        .getByRole("link", { name: /spreadsheet \(CSV\)/ })
        .first()
        .click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toContain("Name of supplier");
    expect(csv).toContain("Leaflet design");
  });

  it("a comms manager changes which notifications are e-mailed; the admin retries a failed e-mail", async () => {
    const manager = await signedIn("Tom Hughes");
    await manager.getByRole("link", { name: "Notifications" }).click();
    await manager.waitForURL(`${base}/notifications`);
    await manager.getByRole("link", { name: "A post needs your decision" }).first().waitFor();
    await accessible(manager, "notifications");
    await manager.getByLabel("Candidates' spending deadlines").uncheck();
    await manager.getByLabel("Pre-election periods").uncheck();
    await manager.getByRole("button", { name: "Save my choices" }).click();
    await manager.waitForURL(`${base}/notifications?saved=1`);
    await manager
      .locator(".govuk-notification-banner--success", { hasText: "Your e-mail choices are saved" })
      .waitFor();
    expect(await manager.getByLabel("Pre-election periods").isChecked()).toBe(false);
    expect(await manager.getByLabel("Posts waiting for my decision").isChecked()).toBe(true);
    await accessible(manager, "notifications-saved");

    // The demo data holds an e-mail to Tom Hughes that GOV.UK Notify refused until it was dead-lettered.
    const admin = await signedIn("Chris Walker");
    await admin.getByRole("link", { name: "Failed deliveries" }).click();
    await admin.waitForURL(`${base}/deliveries`);
    const row = admin.getByRole("row", { name: /E-mail to Tom Hughes/ });
    await row.getByText("Notify answered 500").waitFor();
    await accessible(admin, "deliveries");
    const post = await row.getByRole("link", { name: "A post needs your decision" }).getAttribute("href");
    await row.getByRole("button", { name: /Retry/ }).click();
    await admin.waitForURL(`${base}/deliveries?retried=1`);
    await admin.getByText("The delivery is queued to be sent again").waitFor();
    // No longer given up on: no Retry button by it (until sent, it is listed as still being retried).
    const retryable = admin.getByRole("row", { name: /E-mail to Tom Hughes/ }).filter({
      has: admin.getByRole("button", { name: /Retry/ }),
    });
    expect(await retryable.count()).toBe(0);
    await accessible(admin, "deliveries-retried");
    // Without a Notify key the queue's consumer keeps the e-mail in the local outbox.
    const sent = admin.getByRole("row", { name: /tom\.hughes@demo\.gov\.uk/ }).filter({ hasText: `${post}` });
    const deadline = Date.now() + 60_000;
    for (;;) {
      await admin.goto(`${base}/emails`);
      if ((await sent.count()) > 0 || Date.now() > deadline) break;
      await admin.waitForTimeout(1000);
    }
    expect(await sent.count()).toBe(1);
    await accessible(admin, "emails");

    await admin.getByRole("link", { name: "Webhooks" }).click();
    await admin.getByRole("button", { name: "Register the endpoint" }).click();
    await admin.locator(".govuk-error-summary").getByText("Enter the web address").waitFor();
    await accessible(admin, "webhooks-error");
  });

  it("every other page is accessible, for the person who uses it", async () => {
    const pages: [string, string, string][] = [
      ["Sarah Lewis", "/", "home-democratic-services"],
      ["Sarah Lewis", "/elections?month=2026-12", "elections-month"],
      ["Tom Hughes", "/", "home-comms-manager"],
      ["Tom Hughes", "/registers", "registers"],
      ["Tom Hughes", "/not-to-promote", "not-to-promote"],
      ["Tom Hughes", "/word-lists", "word-lists"],
      ["Olu Bakare", "/audit", "audit"],
      ["Olu Bakare", "/audit?kind=post", "audit-filtered"],
      ["Priya Shah", "/", "home-comms-officer"],
      ["Priya Shah", "/posts", "posts"],
      ["Cllr Amina Patel", "/", "home-councillor"],
      ["Cllr Amina Patel", "/takedowns", "councillor-takedowns"],
      ["Helen Carter", "/", "home-chief-executive"],
      ["Chris Walker", "/", "home-admin"],
      ["Daniel Morgan", "/no-such-page", "not-found"],
    ];
    for (const [who, path, name] of pages) {
      const page = await signedIn(who);
      await page.goto(`${base}${path}`);
      await accessible(page, name);
    }
    expect(checked.length).toBeGreaterThanOrEqual(40);
  });
});
