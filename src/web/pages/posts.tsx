import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { Layout, Csrf, ErrorSummary, type FieldProblem } from "../layout";
import { actorFor, form, page } from "../router";
import { listCorporateAccounts } from "../../repo/corporate-accounts";
import { approvalQueue, listPosts, loadPost, postView, resubmitPost, submitPost } from "../../repo/posts";
import { afterResponse } from "../../lib/after-response";
import { decidePost, notifyWorkflow, overrideBlock, RESUMED_EVENT } from "../../repo/post-decisions";
import { createStop, liftStop, listStops } from "../../repo/publishing-stops";
import { startPostWorkflow } from "../../repo/post-workflows";
import { screen, type Finding } from "../../domain/screening";
import { screeningContext } from "../../repo/screening-context";
import { ApiError } from "../../lib/problem";
import { londonToUtc } from "../../domain/london-time";
import { parseIsoDate } from "../../domain/dates";
import { clock } from "../../lib/clock";

const STATUS_TAG: Record<string, string> = {
  pending_approval: "blue",
  blocked: "red",
  changes_requested: "yellow",
  rejected: "red",
  approved: "green",
  held: "orange",
  ready: "green",
  published: "green",
  expired: "grey",
};

function Findings({ findings }: { findings: Finding[] }) {
  const shown = findings.filter((f) => f.severity !== "info");
  if (shown.length === 0) return <div class="govuk-inset-text">No problems found: this post passes screening.</div>;
  return (
    <ErrorSummary
      title={
        findings.some((f) => f.severity === "block")
          ? "This post cannot go out as it is"
          : "This post needs a reviewer's attention"
      }
      problems={shown.map(
        (f): FieldProblem => ({
          href: "#text",
          text: `${f.severity === "block" ? "Blocked" : "Review"}: ${f.message} (${f.clause})${f.excerpt ? ` — “${f.excerpt}”` : ""}`,
        }),
      )}
    />
  );
}

export function postPages(app: Hono<AppEnv>) {
  const newPostForm = async (
    c: Parameters<Parameters<typeof page>[3]>[0],
    s: Parameters<Parameters<typeof page>[3]>[1],
    values: Record<string, string>,
    result: { findings: Finding[] } | null,
    problems: FieldProblem[] = [],
  ) => {
    const accounts = (await listCorporateAccounts(c.env.DB, { status: "active" })).filter((a) => a.status === "active");
    return c.html(
      <Layout title="New post" caller={s.caller} csrf={s.csrf}>
        <h1 class="govuk-heading-l">Draft a post</h1>
        <ErrorSummary problems={problems} />
        {result && <Findings findings={result.findings} />}
        <form method="post" action="/posts/new" novalidate>
          <Csrf token={s.csrf} />
          <div class="govuk-form-group">
            <label class="govuk-label govuk-label--s" for="accountId">
              Account
            </label>
            <select class="govuk-select" id="accountId" name="accountId">
              {accounts.map((a) => (
                <option value={a.id} selected={values.accountId === a.id}>
                  {a.platform}: {a.handle}
                </option>
              ))}
            </select>
          </div>
          <div class={`govuk-form-group${problems.some((p) => p.href === "#text") ? " govuk-form-group--error" : ""}`}>
            <label class="govuk-label govuk-label--s" for="text">
              Post
            </label>
            <textarea class="govuk-textarea" id="text" name="text" rows={6}>
              {values.text ?? ""}
            </textarea>
          </div>
          <div
            class={`govuk-form-group${problems.some((p) => p.href === "#publishAt") ? " govuk-form-group--error" : ""}`}
          >
            <label class="govuk-label govuk-label--s" for="publishAt">
              Publish at (UK time)
            </label>
            <div class="govuk-hint" id="publishAt-hint">
              For example, 2027-03-01T09:30
            </div>
            <input
              class="govuk-input govuk-input--width-20"
              id="publishAt"
              name="publishAt"
              type="datetime-local"
              aria-describedby="publishAt-hint"
              value={values.publishAt ?? ""}
            />
          </div>
          <div class="govuk-button-group">
            <button
              type="submit"
              class="govuk-button govuk-button--secondary"
              name="action"
              value="check"
              data-module="govuk-button"
            >
              Check against the policy
            </button>
            <button type="submit" class="govuk-button" name="action" value="submit" data-module="govuk-button">
              Submit for approval
            </button>
          </div>
        </form>
      </Layout>,
      problems.length ? 422 : 200,
    );
  };

  page(app, "GET", "/posts/new", (c, s) => newPostForm(c, s, {}, null));

  page(app, "POST", "/posts/new", async (c, s) => {
    const f = await form(c);
    const problems: FieldProblem[] = [];
    if (!f.text?.trim()) problems.push({ href: "#text", text: "Enter the post" });
    // The form asks for UK time; store the instant in UTC.
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(f.publishAt ?? "");
    const publishAt = m && parseIsoDate(m[1]) !== null ? londonToUtc(m[1], Number(m[2]), Number(m[3])) : null;
    if (f.action === "submit" && (!publishAt || Number.isNaN(publishAt.getTime())))
      problems.push({ href: "#publishAt", text: "Enter when the post should go out" });
    if (problems.length) return newPostForm(c, s, f, null, problems);
    if (f.action !== "submit") {
      const { account, purdah, registers } = await screeningContext(
        c.env.DB,
        f.accountId || null,
        publishAt && !Number.isNaN(publishAt.getTime()) ? publishAt : clock.now(),
      );
      return newPostForm(
        c,
        s,
        f,
        screen(
          { text: f.text },
          {
            lexicon: registers.lexicon,
            account,
            purdah,
            people: registers.people,
            officers: registers.officers,
            logoApproved: false,
          },
        ),
      );
    }
    try {
      const loaded = await submitPost(c.env.DB, actorFor(c, s), s.caller, {
        accountId: f.accountId,
        publishAt: publishAt!.toISOString(),
        text: f.text,
      });
      return c.redirect(`/posts/${loaded.post.id}`, 303);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422)
        return newPostForm(
          c,
          s,
          f,
          null,
          (err.errors ?? []).map((e) => ({ href: `#${e.pointer.slice(1)}`, text: e.detail })),
        );
      throw err;
    }
  });

  page(app, "GET", "/posts/:id", async (c, s) => {
    const view = postView(await loadPost(c.env.DB, c.req.param("id")!));
    const canDecide =
      view.status === "pending_approval" &&
      view.authorId !== s.caller.id &&
      (view.currentStep?.roles ?? []).some((r) => s.caller.roles.includes(r as never));
    return c.html(
      <Layout title="Post" caller={s.caller} csrf={s.csrf}>
        <span class="govuk-caption-l">Post, version {view.version}</span>
        <h1 class="govuk-heading-l">
          <strong class={`govuk-tag govuk-tag--${STATUS_TAG[view.status] ?? "grey"}`}>
            {view.status.replaceAll("_", " ")}
          </strong>
        </h1>
        {view.statusReason && <p class="govuk-body">{view.statusReason}</p>}
        <div class="govuk-inset-text" id="text">
          {view.current.text}
        </div>
        <p class="govuk-body">Publishes at {view.publishAt}.</p>
        <Findings findings={view.current.screening.findings} />
        {canDecide && (
          <form method="post" action={`/posts/${view.id}/decision`}>
            <Csrf token={s.csrf} />
            <input type="hidden" name="version" value={String(view.version)} />
            <div class="govuk-form-group">
              <label class="govuk-label" for="reason">
                Reason (needed to reject or request changes)
              </label>
              <textarea class="govuk-textarea" id="reason" name="reason" rows={3}></textarea>
            </div>
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button" name="decision" value="approve" data-module="govuk-button">
                Approve
              </button>
              <button
                type="submit"
                class="govuk-button govuk-button--secondary"
                name="decision"
                value="request_changes"
                data-module="govuk-button"
              >
                Request changes
              </button>
              <button
                type="submit"
                class="govuk-button govuk-button--warning"
                name="decision"
                value="reject"
                data-module="govuk-button"
              >
                Reject
              </button>
            </div>
          </form>
        )}
        {view.status === "blocked" &&
          s.caller.roles.includes("monitoring_officer") &&
          view.authorId !== s.caller.id &&
          view.current.screening.findings.filter((f) => f.severity === "block").every((f) => f.overridable) && (
            <form method="post" action={`/posts/${view.id}/override`}>
              <Csrf token={s.csrf} />
              <input type="hidden" name="version" value={String(view.version)} />
              <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="justification">
                  Justification for overriding the pre-election block (recorded)
                </label>
                <textarea class="govuk-textarea" id="justification" name="justification" rows={3}></textarea>
              </div>
              <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">
                Override the block
              </button>
            </form>
          )}
        {["changes_requested", "blocked"].includes(view.status) && view.authorId === s.caller.id && (
          <form method="post" action={`/posts/${view.id}/versions`}>
            <Csrf token={s.csrf} />
            <input type="hidden" name="basedOnVersion" value={String(view.version)} />
            <div class="govuk-form-group">
              <label class="govuk-label govuk-label--s" for="newText">
                Edit and resubmit
              </label>
              <textarea class="govuk-textarea" id="newText" name="text" rows={5}>
                {view.current.text}
              </textarea>
            </div>
            <button type="submit" class="govuk-button" data-module="govuk-button">
              Resubmit
            </button>
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
                    {v.text} ({v.screening.verdict}, {v.createdAt})
                  </li>
                ))}
              </ol>
            </div>
          </details>
        )}
        <h2 class="govuk-heading-m">Decisions</h2>
        <ul class="govuk-list govuk-list--bullet">
          {view.decisions.map((d) => (
            <li>
              Version {d.version}: {d.decision.replaceAll("_", " ")} as {d.role.replaceAll("_", " ")} at {d.createdAt}
              {d.reason ? ` — ${d.reason}` : ""}
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  page(app, "POST", "/posts/:id/decision", async (c, s) => {
    const f = await form(c);
    const decision = f.decision as "approve" | "reject" | "request_changes";
    if ((decision === "reject" || decision === "request_changes") && !f.reason?.trim())
      throw new ApiError("validation_failed", "Give a reason to reject or request changes.");
    const loaded = await decidePost(c.env.DB, actorFor(c, s), s.caller, c.req.param("id")!, {
      version: Number(f.version),
      decision,
      reason: f.reason?.trim() || null,
    });
    if (loaded.post.status === "approved") await afterResponse(c, startPostWorkflow(c.env, loaded.post));
    return c.redirect(`/posts/${loaded.post.id}`, 303);
  });

  page(app, "POST", "/posts/:id/override", async (c, s) => {
    const f = await form(c);
    if ((f.justification ?? "").trim().length < 10)
      throw new ApiError("validation_failed", "Give a justification of at least 10 characters.");
    await overrideBlock(c.env.DB, actorFor(c, s), s.caller, c.req.param("id")!, {
      version: Number(f.version),
      justification: f.justification.trim(),
    });
    return c.redirect(`/posts/${c.req.param("id")}`, 303);
  });

  page(app, "POST", "/posts/:id/versions", async (c, s) => {
    const f = await form(c);
    if (!f.text?.trim()) throw new ApiError("validation_failed", "Enter the post.");
    await resubmitPost(c.env.DB, actorFor(c, s), s.caller, c.req.param("id")!, {
      basedOnVersion: Number(f.basedOnVersion),
      text: f.text.trim(),
    });
    return c.redirect(`/posts/${c.req.param("id")}`, 303);
  });

  page(app, "GET", "/publishing-stops", async (c, s) => {
    const stops = await listStops(c.env.DB);
    const accounts = await listCorporateAccounts(c.env.DB, {});
    const canStop = s.caller.roles.some((r) => r === "comms_manager" || r === "chief_executive");
    return c.html(
      <Layout title="Emergency stop" caller={s.caller} csrf={s.csrf}>
        <h1 class="govuk-heading-l">Emergency stop</h1>
        {stops
          .filter((x) => !x.liftedAt)
          .map((x) => (
            // biome-ignore lint/a11y/useSemanticElements: the GOV.UK notification banner's own markup
            <div
              class="govuk-notification-banner"
              role="region"
              aria-labelledby={`stop-${x.id}`}
              data-module="govuk-notification-banner"
            >
              <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id={`stop-${x.id}`}>
                  Publishing is stopped
                  {x.accountId
                    ? ` for ${accounts.find((a) => a.id === x.accountId)?.handle ?? "one account"}`
                    : " on every account"}
                </h2>
              </div>
              <div class="govuk-notification-banner__content">
                <p class="govuk-body">{x.reason}</p>
                {canStop && (
                  <form method="post" action={`/publishing-stops/${x.id}/lift`}>
                    <Csrf token={s.csrf} />
                    <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                      Lift this stop
                    </button>
                  </form>
                )}
              </div>
            </div>
          ))}
        {canStop && (
          <form method="post" action="/publishing-stops">
            <Csrf token={s.csrf} />
            <div class="govuk-form-group">
              <label class="govuk-label govuk-label--s" for="stopAccount">
                Which accounts?
              </label>
              <select class="govuk-select" id="stopAccount" name="accountId">
                <option value="">Every account</option>
                {accounts
                  .filter((a) => a.status !== "closed")
                  .map((a) => (
                    <option value={a.id}>
                      {a.platform}: {a.handle}
                    </option>
                  ))}
              </select>
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label govuk-label--s" for="stopReason">
                Reason
              </label>
              <textarea class="govuk-textarea" id="stopReason" name="reason" rows={2}></textarea>
            </div>
            <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">
              Stop publishing
            </button>
          </form>
        )}
      </Layout>,
    );
  });

  page(app, "POST", "/publishing-stops", async (c, s) => {
    const f = await form(c);
    if ((f.reason ?? "").trim().length < 5) throw new ApiError("validation_failed", "Give the reason for the stop.");
    await createStop(c.env.DB, actorFor(c, s), s.caller.id, {
      accountId: f.accountId || null,
      reason: f.reason.trim(),
    });
    return c.redirect("/publishing-stops", 303);
  });

  page(app, "POST", "/publishing-stops/:id/lift", async (c, s) => {
    const result = await liftStop(c.env.DB, actorFor(c, s), s.caller.id, c.req.param("id")!);
    for (const p of result.released)
      await notifyWorkflow(c.env, p.workflowInstance, RESUMED_EVENT, { stopId: result.stop.id });
    return c.redirect("/publishing-stops", 303);
  });

  page(app, "GET", "/posts", async (c, s) => {
    const mineOnly = s.caller.roles.every((r) => r === "comms_officer");
    const posts = await listPosts(c.env.DB, { authorId: mineOnly ? s.caller.id : undefined, limit: 100 });
    return c.html(
      <Layout title="Posts" caller={s.caller} csrf={s.csrf}>
        <h1 class="govuk-heading-l">{mineOnly ? "Your posts" : "Posts"}</h1>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Latest first</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Post
              </th>
              <th scope="col" class="govuk-table__header">
                Status
              </th>
              <th scope="col" class="govuk-table__header">
                Publishes
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {posts.map((p) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/posts/${p.id}`}>
                    Post {p.id.slice(0, 8)}, version {p.version}
                  </a>
                </td>
                <td class="govuk-table__cell">
                  <strong class={`govuk-tag govuk-tag--${STATUS_TAG[p.status] ?? "grey"}`}>
                    {p.status.replaceAll("_", " ")}
                  </strong>
                </td>
                <td class="govuk-table__cell">{p.publishAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });

  page(app, "GET", "/approvals", async (c, s) => {
    const queue = await approvalQueue(c.env.DB, s.caller);
    return c.html(
      <Layout title="Approvals" caller={s.caller} csrf={s.csrf}>
        <h1 class="govuk-heading-l">Posts awaiting your decision</h1>
        {queue.length === 0 ? (
          <p class="govuk-body">Nothing is waiting for you.</p>
        ) : (
          <ul class="govuk-list">
            {queue.map((p) => (
              <li>
                <a class="govuk-link" href={`/posts/${p.id}`}>
                  {p.current.text.slice(0, 80)}
                </a>{" "}
                — publishes {p.publishAt}
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });
}
