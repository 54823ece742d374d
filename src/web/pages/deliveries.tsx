import type { Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { actorFor, page, type PageSession } from "../router";
import { listDeliveries, retryDeliveries, type DeliveryRow } from "../../repo/outbox";
import { listEndpoints } from "../../repo/webhooks";
import { listEmails } from "../../repo/emails";
import { getUser } from "../../repo/users";
import { outboxRouter } from "../../routes/outbox";
import { ApiError } from "../../lib/problem";
import { Button, Csrf, ErrorSummary, SuccessBanner, Table } from "../components/form";
import { apiBody, check, type Errors } from "../components/validate";
import { inWords, ukDateTime } from "../components/time";
import { eventWords } from "../components/words";
import { pathFor } from "../../domain/notifications";

const RetryInput = apiBody(outboxRouter, "post", "/v1/deliveries/retry");

type C = Context<AppEnv>;

/** Where each delivery was going, in words: the webhook's address, or the person and their e-mail. */
async function destinations(c: C, rows: DeliveryRow[]): Promise<(d: DeliveryRow) => string> {
  const endpoints = new Map((await listEndpoints(c.env.DB)).map((e) => [e.id, e]));
  const people = new Map<string, { name: string; email: string | null }>();
  for (const id of new Set(rows.filter((d) => d.channel === "email").map((d) => d.targetId))) {
    try {
      people.set(id, await getUser(c.env.DB, id));
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
    }
  }
  return (d) => {
    if (d.channel === "webhook") {
      const e = endpoints.get(d.targetId);
      return e ? `Webhook: ${e.url} (${e.description})` : "A webhook endpoint no longer listed";
    }
    const p = people.get(d.targetId);
    return p ? `E-mail to ${p.name}${p.email ? ` <${p.email}>` : ""}` : "E-mail to someone no longer listed";
  };
}

/** The event's name, linking to the record it is about. */
const eventLink = (d: DeliveryRow) => (
  <a class="govuk-link" href={pathFor(d.subjectType, d.subjectId)}>
    {eventWords(d.eventType)}
  </a>
);

const lastError = (d: DeliveryRow) =>
  [d.lastError ?? "", d.lastStatus && !d.lastError?.includes(String(d.lastStatus)) ? `(HTTP ${d.lastStatus})` : ""]
    .filter(Boolean)
    .join(" ") || "None recorded";

/** Deliveries of events that failed: those given up on (to retry) and those still being retried. */
export function deliveryPages(app: Hono<AppEnv>) {
  const show = async (c: C, s: PageSession, errors: Errors = {}, status: 200 | 404 | 409 | 422 = 200) => {
    const failed = await listDeliveries(c.env.DB, { status: "failed", limit: 100 });
    const retrying = (await listDeliveries(c.env.DB, { status: "pending", limit: 100 })).filter((d) => d.attempts > 0);
    const where = await destinations(c, [...failed, ...retrying]);
    const retried = c.req.query("retried") === "1" && status === 200;
    return c.html(
      <Layout title={`${Object.keys(errors).length ? "Error: " : ""}Failed deliveries`} s={s}>
        <ErrorSummary errors={errors} />
        <SuccessBanner>{retried ? "The delivery is queued to be sent again" : null}</SuccessBanner>
        <h1 class="govuk-heading-l">Failed deliveries</h1>
        <p class="govuk-body">
          Events the service could not deliver to a webhook or by e-mail. After every retry has failed, a delivery waits
          here until you send it again. See also{" "}
          <a class="govuk-link" href="/emails">
            the e-mails sent
          </a>
          .
        </p>
        <div id="deliveries" />
        {failed.length === 0 ? (
          <p class="govuk-body">No deliveries have failed.</p>
        ) : (
          <Table
            caption="Given up after every retry"
            head={["Event", "Destination", "Attempts", "Last error", "Given up", ""]}
            rows={failed.map((d) => [
              eventLink(d),
              where(d),
              String(d.attempts),
              lastError(d),
              ukDateTime(d.deadAt ?? d.lastAttemptAt ?? d.createdAt),
              <form method="post" action={`/deliveries/${encodeURIComponent(d.id)}/retry`}>
                <Csrf token={s.csrf} />
                <Button variant="secondary">
                  Retry<span class="govuk-visually-hidden"> {eventWords(d.eventType).toLowerCase()}</span>
                </Button>
              </form>,
            ])}
          />
        )}
        {retrying.length > 0 && (
          <Table
            caption="Still being retried"
            head={["Event", "Destination", "Attempts", "Last error", "Last attempt"]}
            rows={retrying.map((d) => [
              eventLink(d),
              where(d),
              String(d.attempts),
              lastError(d),
              ukDateTime(d.lastAttemptAt ?? d.createdAt),
            ])}
          />
        )}
      </Layout>,
      Object.keys(errors).length ? status : 200,
    );
  };

  page(app, "GET", "/deliveries", (c, s) => show(c, s));

  page(app, "POST", "/deliveries/:id/retry", async (c, s) => {
    const checked = check(RetryInput, { deliveryIds: [c.req.param("id")] }, { deliveryIds: "The delivery" });
    if (!checked.ok) return show(c, s, { deliveries: checked.errors.deliveryIds }, 422);
    try {
      await retryDeliveries(
        c.env.DB,
        actorFor(c, s),
        c.env.DELIVERIES as Queue<never> | undefined,
        (checked.data as { deliveryIds: string[] }).deliveryIds,
      );
    } catch (err) {
      // Someone retried it first, or it is not a failed delivery: say so on the list, not an error page.
      if (err instanceof ApiError && (err.status === 404 || err.status === 409))
        return show(
          c,
          s,
          {
            deliveries:
              err.status === 404
                ? "That delivery no longer exists"
                : "That delivery is not waiting to be retried: it may have been sent again already",
          },
          err.status,
        );
      throw err;
    }
    return c.redirect("/deliveries?retried=1", 303);
  });

  page(app, "GET", "/emails", async (c, s) => {
    const emails = await listEmails(c.env.DB, 100);
    return c.html(
      <Layout title="E-mails sent" s={s} back={{ href: "/deliveries", text: "Failed deliveries" }}>
        <h1 class="govuk-heading-l">E-mails sent</h1>
        <p class="govuk-body">
          The newest 100 e-mails. Without a GOV.UK Notify key the service sends nothing and keeps each e-mail here
          instead, as it would have been sent.
        </p>
        {emails.length === 0 ? (
          <p class="govuk-body">No e-mails yet.</p>
        ) : (
          <Table
            caption="E-mails"
            head={["To", "Subject", "Message", "Sent by", "When"]}
            rows={emails.map((e) => [
              e.toAddress,
              e.subject,
              inWords(e.body),
              e.via === "notify" ? "GOV.UK Notify" : "Not sent: kept here (no Notify key)",
              ukDateTime(e.createdAt),
            ])}
          />
        )}
      </Layout>,
    );
  });
}
