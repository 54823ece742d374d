import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { actorFor, form, page, type PageSession } from "../router";
import { getCorporateAccount, listCorporateAccounts } from "../../repo/corporate-accounts";
import { approvalQueue, listPosts, loadPost, postView, resubmitPost, submitPost } from "../../repo/posts";
import { afterResponse } from "../../lib/after-response";
import { decidePost, overrideBlock } from "../../repo/post-decisions";
import { startPostWorkflow } from "../../repo/post-workflows";
import { screen, type Finding } from "../../domain/screening";
import { screeningContext } from "../../repo/screening-context";
import { londonToUtc } from "../../domain/london-time";
import { clock } from "../../lib/clock";
import { postsRouter } from "../../routes/posts";
import { screeningsRouter } from "../../routes/screenings";
import {
  Button,
  Csrf,
  DateInput,
  ErrorSummary,
  Select,
  Tag,
  Textarea,
  TextInput,
  type Values,
} from "../components/form";
import { apiBody, check, dateFrom, errorsFrom, timeFrom, type Errors } from "../components/validate";
import { inWords, ukDateTime } from "../components/time";
import { accountName, FindingList, firstWords, namesOf, PostText } from "../components/post";
import { actionWords, roleWords, STATUS_COLOUR, statusWords } from "../components/words";
import type { Context } from "hono";

// The API's own schemas: a page refuses exactly what the API refuses.
const NewPost = apiBody(postsRouter, "post", "/v1/posts");
const Screening = apiBody(screeningsRouter, "post", "/v1/screenings");
const Decision = apiBody(postsRouter, "post", "/v1/posts/{postId}/decisions");
const Override = apiBody(postsRouter, "post", "/v1/posts/{postId}/override");
const Resubmit = apiBody(postsRouter, "post", "/v1/posts/{postId}/versions");

const LABELS = {
  accountId: "The account",
  text: "The post",
  publishAt: "When to publish",
  reason: "The reason",
  justification: "The justification",
  decision: "Your decision",
  version: "The version",
  basedOnVersion: "The version",
};

type C = Context<AppEnv>;

/** A post as a line in a list: account, author, first words, publication time. */
export function PostLine({
  p,
  accounts,
  names,
}: {
  p: { id: string; accountId: string; authorId: string; publishAt: string; status: string; text?: string };
  accounts: Map<string, { platform: string; handle: string }>;
  names: Map<string, string>;
}) {
  return (
    <>
      <a class="govuk-link" href={`/posts/${p.id}`}>
        {p.text ? firstWords(p.text) : "A post"}
      </a>
      <br />
      <span class="govuk-body-s">
        {accountName(accounts.get(p.accountId))}, by {names.get(p.authorId) ?? "someone no longer listed"}, to publish{" "}
        {ukDateTime(p.publishAt)}
      </span>
    </>
  );
}

async function accountMap(c: C) {
  return new Map((await listCorporateAccounts(c.env.DB, {})).map((a) => [a.id, a]));
}

/** The publication time from the date boxes and the time box, as a UTC instant; or the error in words. */
function publishAtFrom(f: Values): { iso: string } | { error: string } | null {
  const d = dateFrom(f, "publishOn", "The publication date");
  if ("error" in d) return { error: d.error };
  const t = timeFrom(f.publishTime);
  if (!d.value && !f.publishTime?.trim()) return null;
  if (!d.value) return { error: "Enter the publication date" };
  if (!t) return { error: "Enter the time in the correct format, like 9:30am or 2pm" };
  return { iso: londonToUtc(d.value, t.hours, t.minutes).toISOString() };
}

export function postPages(app: Hono<AppEnv>) {
  const newPostForm = async (c: C, s: PageSession, values: Values, findings: Finding[] | null, errors: Errors = {}) => {
    const accounts = (await listCorporateAccounts(c.env.DB, { status: "active" })).filter((a) => a.status === "active");
    const pageErrors = { ...errors };
    if (pageErrors.publishAt) {
      pageErrors.publishOn = pageErrors.publishAt;
      delete pageErrors.publishAt;
    }
    return c.html(
      <Layout title={`${Object.keys(errors).length ? "Error: " : ""}Draft a post`} s={s}>
        <ErrorSummary errors={pageErrors} dates={["publishOn"]} />
        <h1 class="govuk-heading-l">Draft a post</h1>
        {findings && (
          <div>
            <h2 class="govuk-heading-m">What the policy check found</h2>
            <PostText text={values.text ?? ""} findings={findings} />
            <FindingList findings={findings} />
          </div>
        )}
        <form method="post" action="/posts/new" novalidate data-live-check="/posts/live-check">
          <Csrf token={s.csrf} />
          <Select
            name="accountId"
            label="Account"
            values={values}
            errors={pageErrors}
            options={accounts.map((a) => [a.id, accountName(a)])}
          />
          <Textarea name="text" label="Post" values={values} errors={pageErrors} rows={6} />
          <div id="live-findings" aria-live="polite"></div>
          <DateInput name="publishOn" label="Publication date" values={values} errors={pageErrors} />
          <TextInput
            name="publishTime"
            label="Time (UK time)"
            hint="For example, 9:30am or 2pm"
            width="5"
            values={values}
            errors={pageErrors}
          />
          <div class="govuk-button-group">
            <Button name="action" value="check" variant="secondary">
              Check against the policy
            </Button>
            <Button name="action" value="submit">
              Submit for approval
            </Button>
          </div>
        </form>
        <script type="module" src="/js/live-check.js"></script>
      </Layout>,
      Object.keys(errors).length ? 422 : 200,
    );
  };

  page(app, "GET", "/posts/new", (c, s) => newPostForm(c, s, {}, null));

  page(app, "POST", "/posts/new", async (c, s) => {
    const f = await form(c);
    const when = publishAtFrom(f);
    const errors: Errors = {};
    if (when && "error" in when) errors.publishAt = when.error;
    if (f.action !== "submit") {
      const checked = check(Screening, { accountId: f.accountId || null, text: f.text ?? "" }, LABELS);
      if (!checked.ok) return newPostForm(c, s, f, null, { ...checked.errors, ...errors });
      const at = when && "iso" in when ? new Date(when.iso) : clock.now();
      const { account, purdah, registers } = await screeningContext(c.env.DB, f.accountId || null, at);
      const result = screen(
        { text: f.text },
        {
          lexicon: registers.lexicon,
          account,
          purdah,
          people: registers.people,
          officers: registers.officers,
          logoApproved: false,
        },
      );
      return newPostForm(c, s, f, result.findings, errors);
    }
    if (!when) errors.publishAt = "Enter when the post should go out";
    const body = { accountId: f.accountId ?? "", text: f.text ?? "", publishAt: when && "iso" in when ? when.iso : "" };
    const checked = check(NewPost, body, LABELS);
    if (!checked.ok || Object.keys(errors).length)
      return newPostForm(c, s, f, null, { ...(checked.ok ? {} : checked.errors), ...errors });
    try {
      const loaded = await submitPost(c.env.DB, actorFor(c, s), s.caller, checked.data);
      return c.redirect(`/posts/${loaded.post.id}`, 303);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return newPostForm(c, s, f, null, e);
      throw err;
    }
  });

  const showPost = async (c: C, s: PageSession, id: string, values: Values = {}, errors: Errors = {}) => {
    const view = postView(await loadPost(c.env.DB, id));
    const account = await getCorporateAccount(c.env.DB, view.accountId).catch(() => null);
    const names = await namesOf(c.env.DB, [view.authorId, ...view.decisions.map((d) => d.approverId)]);
    const canDecide =
      view.status === "pending_approval" &&
      view.authorId !== s.caller.id &&
      (view.currentStep?.roles ?? []).some((r) => s.caller.roles.includes(r as never));
    const findings = view.current.screening.findings;
    const canOverride =
      view.status === "blocked" &&
      s.caller.roles.includes("monitoring_officer") &&
      view.authorId !== s.caller.id &&
      findings.filter((f) => f.severity === "block").every((f) => f.overridable);
    return c.html(
      <Layout
        title={`${Object.keys(errors).length ? "Error: " : ""}Post`}
        s={s}
        back={{ href: "/posts", text: "Posts" }}
      >
        <ErrorSummary errors={errors} />
        <span class="govuk-caption-l">
          {accountName(account)} · version {view.version}
        </span>
        <h1 class="govuk-heading-l">{firstWords(view.current.text, 60)}</h1>
        <p class="govuk-body">
          <Tag colour={STATUS_COLOUR[view.status]}>{statusWords(view.status)}</Tag>
        </p>
        {view.statusReason && <p class="govuk-body">{inWords(view.statusReason)}</p>}
        <dl class="govuk-summary-list">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Written by</dt>
            <dd class="govuk-summary-list__value">{names.get(view.authorId) ?? "Someone no longer listed"}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">To publish</dt>
            <dd class="govuk-summary-list__value">{ukDateTime(view.publishAt)}</dd>
          </div>
          {view.currentStep && (
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Waiting for</dt>
              <dd class="govuk-summary-list__value">{roleWords(view.currentStep.roles)}</dd>
            </div>
          )}
        </dl>
        <h2 class="govuk-heading-m">The post</h2>
        <PostText text={view.current.text} findings={findings} id="text" />
        <h2 class="govuk-heading-m">Policy check</h2>
        <FindingList findings={findings} />
        {canDecide && (
          <form method="post" action={`/posts/${view.id}/decision`} novalidate>
            <h2 class="govuk-heading-m">Your decision</h2>
            <Csrf token={s.csrf} />
            <input type="hidden" name="version" value={String(view.version)} />
            <Textarea
              name="reason"
              label="Reason"
              hint="Needed to reject the post or ask for changes"
              values={values}
              errors={errors}
              rows={3}
            />
            <div class="govuk-button-group">
              <Button name="decision" value="approve">
                Approve
              </Button>
              <Button name="decision" value="request_changes" variant="secondary">
                Ask for changes
              </Button>
              <Button name="decision" value="reject" variant="warning">
                Reject
              </Button>
            </div>
          </form>
        )}
        {canOverride && (
          <form method="post" action={`/posts/${view.id}/override`} novalidate>
            <h2 class="govuk-heading-m">Override the pre-election block</h2>
            <Csrf token={s.csrf} />
            <input type="hidden" name="version" value={String(view.version)} />
            <Textarea
              name="justification"
              label="Why this post should go out during the pre-election period"
              hint="At least 10 characters. This is kept on the record."
              values={values}
              errors={errors}
              rows={3}
            />
            <Button variant="warning">Override the block</Button>
          </form>
        )}
        {["changes_requested", "blocked"].includes(view.status) && view.authorId === s.caller.id && (
          <form method="post" action={`/posts/${view.id}/versions`} novalidate>
            <h2 class="govuk-heading-m">Change and resubmit</h2>
            <Csrf token={s.csrf} />
            <input type="hidden" name="basedOnVersion" value={String(view.version)} />
            <Textarea
              name="text"
              label="Post"
              values={{ text: values.text ?? view.current.text }}
              errors={errors}
              rows={5}
            />
            <Button>Resubmit</Button>
          </form>
        )}
        {view.versions.length > 1 && (
          <details class="govuk-details">
            <summary class="govuk-details__summary">
              <span class="govuk-details__summary-text">Earlier versions</span>
            </summary>
            <div class="govuk-details__text">
              <ol class="govuk-list govuk-list--number">
                {view.versions.map((v) => (
                  <li>
                    <span class="csg-post-text">{v.text}</span> (written {ukDateTime(v.createdAt)})
                  </li>
                ))}
              </ol>
            </div>
          </details>
        )}
        <h2 class="govuk-heading-m">Decisions</h2>
        {view.decisions.length === 0 ? (
          <p class="govuk-body">No decisions yet.</p>
        ) : (
          <ul class="govuk-list govuk-list--bullet">
            {view.decisions.map((d) => (
              <li>
                {actionWords(`post.${d.decision}`)} by {names.get(d.approverId) ?? "someone no longer listed"} (
                {roleWords([d.role])}), {ukDateTime(d.createdAt)}, version {d.version}
                {d.reason ? `: ${d.reason}` : ""}
              </li>
            ))}
          </ul>
        )}
      </Layout>,
      Object.keys(errors).length ? 422 : 200,
    );
  };

  page(app, "GET", "/posts/:id", (c, s) => showPost(c, s, c.req.param("id")!));

  page(app, "POST", "/posts/:id/decision", async (c, s) => {
    const f = await form(c);
    const id = c.req.param("id")!;
    const checked = check(
      Decision,
      { version: Number(f.version), decision: f.decision ?? "", reason: f.reason?.trim() || null },
      LABELS,
    );
    if (!checked.ok) {
      if (checked.errors.reason === "A reason is required to reject or request changes.")
        checked.errors.reason = "Enter the reason for rejecting the post or asking for changes";
      return showPost(c, s, id, f, checked.errors);
    }
    const loaded = await decidePost(c.env.DB, actorFor(c, s), s.caller, id, checked.data);
    if (loaded.post.status === "approved") await afterResponse(c, startPostWorkflow(c.env, loaded.post));
    return c.redirect(`/posts/${loaded.post.id}`, 303);
  });

  page(app, "POST", "/posts/:id/override", async (c, s) => {
    const f = await form(c);
    const id = c.req.param("id")!;
    const checked = check(Override, { version: Number(f.version), justification: f.justification ?? "" }, LABELS);
    if (!checked.ok) return showPost(c, s, id, f, checked.errors);
    await overrideBlock(c.env.DB, actorFor(c, s), s.caller, id, checked.data);
    return c.redirect(`/posts/${id}`, 303);
  });

  page(app, "POST", "/posts/:id/versions", async (c, s) => {
    const f = await form(c);
    const id = c.req.param("id")!;
    const checked = check(Resubmit, { basedOnVersion: Number(f.basedOnVersion), text: f.text ?? "" }, LABELS);
    if (!checked.ok) return showPost(c, s, id, f, checked.errors);
    await resubmitPost(c.env.DB, actorFor(c, s), s.caller, id, checked.data);
    return c.redirect(`/posts/${id}`, 303);
  });

  page(app, "GET", "/posts", async (c, s) => {
    const mineOnly = s.caller.roles.every((r) => r === "comms_officer");
    const status = c.req.query("status");
    const posts = await listPosts(c.env.DB, {
      authorId: mineOnly ? s.caller.id : undefined,
      status: status && status in STATUS_COLOUR ? status : undefined,
      limit: 100,
    });
    const texts = await Promise.all(
      posts.map(async (p) => (await loadPost(c.env.DB, p.id)).versions.at(-1)?.text ?? ""),
    );
    const accounts = await accountMap(c);
    const names = await namesOf(
      c.env.DB,
      posts.map((p) => p.authorId),
    );
    return c.html(
      <Layout title="Posts" s={s}>
        <h1 class="govuk-heading-l">{mineOnly ? "Your posts" : "Posts"}</h1>
        {posts.length === 0 ? (
          <p class="govuk-body">There are no posts yet.</p>
        ) : (
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">Most recently changed first</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Post
                </th>
                <th scope="col" class="govuk-table__header">
                  Status
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {posts.map((p, i) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <PostLine p={{ ...p, text: texts[i] }} accounts={accounts} names={names} />
                  </td>
                  <td class="govuk-table__cell">
                    <Tag colour={STATUS_COLOUR[p.status]}>{statusWords(p.status)}</Tag>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });

  page(app, "GET", "/approvals", async (c, s) => {
    const queue = await approvalQueue(c.env.DB, s.caller);
    // The monitoring officer also sees blocked posts they may override (pre-election blocks only).
    const overridable = s.caller.roles.includes("monitoring_officer")
      ? (
          await Promise.all(
            (await listPosts(c.env.DB, { status: "blocked", limit: 200 })).map((p) => loadPost(c.env.DB, p.id)),
          )
        )
          .map(postView)
          .filter(
            (v) =>
              v.authorId !== s.caller.id &&
              v.current.screening.findings.filter((f) => f.severity === "block").every((f) => f.overridable),
          )
      : [];
    const accounts = await accountMap(c);
    const names = await namesOf(
      c.env.DB,
      [...queue, ...overridable].map((p) => p.authorId),
    );
    return c.html(
      <Layout title="Approvals" s={s}>
        <h1 class="govuk-heading-l">Posts waiting for your decision</h1>
        {queue.length === 0 ? (
          <p class="govuk-body">Nothing is waiting for your approval.</p>
        ) : (
          <ul class="govuk-list govuk-list--spaced">
            {queue.map((p) => (
              <li>
                <PostLine p={{ ...p, text: p.current.text }} accounts={accounts} names={names} />
              </li>
            ))}
          </ul>
        )}
        {s.caller.roles.includes("monitoring_officer") && (
          <>
            <h2 class="govuk-heading-m">Blocked posts you may override</h2>
            <p class="govuk-body">Only a block for the pre-election period can be overridden, with a justification.</p>
            {overridable.length === 0 ? (
              <p class="govuk-body">None at the moment.</p>
            ) : (
              <ul class="govuk-list govuk-list--spaced">
                {overridable.map((p) => (
                  <li>
                    <PostLine p={{ ...p, text: p.current.text }} accounts={accounts} names={names} />
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Layout>,
    );
  });
}
