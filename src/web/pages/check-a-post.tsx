import type { Hono, Context } from "hono";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { form, page, type PageSession } from "../router";
import { screen, type Finding } from "../../domain/screening";
import { screeningContext, screeningRegisters } from "../../repo/screening-context";
import { clock } from "../../lib/clock";
import { screeningsRouter } from "../../routes/screenings";
import { Button, Csrf, ErrorSummary, Textarea, type Values } from "../components/form";
import { apiBody, check, type Errors } from "../components/validate";
import { FindingList, PostText } from "../components/post";

// The body the API's live-feedback route (POST /v1/screenings) accepts: the same limits here.
const ScreeningInput = apiBody(screeningsRouter, "post", "/v1/screenings");

/**
 * The rules that bind a councillor personally on their own accounts (the policy covers all their use
 * of social media, 3.2): respect and equality (5.7, 5.8, 10.1, 10.5), confidential and personal
 * information, named people and copyright (8.x). Not 10.3: that rule is for the council's accounts.
 */
const COUNCILLOR_RULES = new Set(["abusive", "confidential", "personal_data", "named_third_party", "copyright"]);

/** What the policy asks of councillors that no check of the words can settle, as reminders. */
const REMINDERS: [string, string][] = [
  ["policy 5.6", "You are personally responsible for what you publish, and for comments you allow."],
  ["policy 6.1", "Say you are a councillor, and whether you speak for the council."],
  ["policy 7.1", "Leave out anything that could put your own safety at risk, such as your home address."],
  ["policy 10.2", "Nothing that could be defamatory, discriminatory, or breach copyright or data protection."],
];

export async function councillorFindings(d1: D1Database, text: string): Promise<Finding[]> {
  const registers = await screeningRegisters(d1);
  const result = screen(
    { text },
    {
      lexicon: registers.lexicon,
      account: { kind: "councillor", purdahBehaviour: "gate" },
      purdah: [],
      people: registers.people,
      officers: registers.officers,
      logoApproved: true,
    },
  );
  return result.findings.filter((f) => COUNCILLOR_RULES.has(f.rule));
}

export function checkPages(app: Hono<AppEnv>) {
  const show = (c: Context<AppEnv>, s: PageSession, values: Values, findings: Finding[] | null, errors: Errors = {}) =>
    c.html(
      <Layout title={`${Object.keys(errors).length ? "Error: " : ""}Check a post before you publish it`} s={s}>
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Check a post before you publish it</h1>
        <p class="govuk-body">
          Paste a draft of a post for your own account. This is advice, not approval: nothing is sent anywhere or kept.
          The policy covers all your use of social media, as a councillor or not (policy 3.2).
        </p>
        {findings && (
          <div>
            <h2 class="govuk-heading-m">What the check found</h2>
            <PostText text={values.text ?? ""} findings={findings} />
            <FindingList findings={findings} />
          </div>
        )}
        <form method="post" action="/check-a-post" novalidate data-live-check="/posts/live-check">
          <Csrf token={s.csrf} />
          <Textarea name="text" label="Your draft post" values={values} errors={errors} rows={6} />
          <div id="live-findings" aria-live="polite"></div>
          <Button>Check my post</Button>
        </form>
        <h2 class="govuk-heading-m">Also remember</h2>
        <ul class="govuk-list govuk-list--bullet">
          {REMINDERS.map(([clause, text]) => (
            <li>
              {text} ({clause})
            </li>
          ))}
        </ul>
        <script type="module" src="/js/live-check.js"></script>
      </Layout>,
      Object.keys(errors).length ? 422 : 200,
    );

  page(app, "GET", "/check-a-post", (c, s) => show(c, s, {}, null));

  page(app, "POST", "/check-a-post", async (c, s) => {
    const f = await form(c);
    const checked = check(ScreeningInput, { text: f.text ?? "" }, { text: "Your draft post" });
    if (!checked.ok) return show(c, s, f, null, checked.errors);
    return show(c, s, f, await councillorFindings(c.env.DB, f.text));
  });

  // Live feedback as you type (progressive enhancement, public/js/live-check.js): the findings as an
  // HTML fragment. A councillor's draft is checked against the rules that bind them personally.
  page(app, "POST", "/posts/live-check", async (c, s) => {
    const f = await form(c);
    const checked = check(ScreeningInput, { text: f.text ?? "" }, { text: "The post" });
    if (!checked.ok) return c.html(<p class="govuk-error-message">{Object.values(checked.errors)[0]}</p>, 422);
    const staff = s.caller.roles.some((r) => r === "comms_officer" || r === "comms_manager");
    let findings: Finding[];
    if (staff && f.accountId !== undefined) {
      const { account, purdah, registers } = await screeningContext(c.env.DB, f.accountId || null, clock.now());
      findings = screen(
        { text: f.text },
        {
          lexicon: registers.lexicon,
          account,
          purdah,
          people: registers.people,
          officers: registers.officers,
          logoApproved: false,
        },
      ).findings;
    } else findings = await councillorFindings(c.env.DB, f.text);
    return c.html(
      <div>
        <h2 class="govuk-heading-s">Checked as you type</h2>
        <FindingList findings={findings} />
      </div>,
    );
  });
}
