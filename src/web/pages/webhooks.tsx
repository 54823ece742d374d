import type { Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { actorFor, form, formLists, page, type PageSession } from "../router";
import { WEBHOOK_EVENT_TYPES } from "../../domain/events";
import { createEndpoint, getEndpoint, listEndpoints, rotateSecret, updateEndpoint } from "../../repo/webhooks";
import type { WebhookEndpoint } from "../../repo/webhooks";
import { webhooksRouter } from "../../routes/webhooks";
import { Button, Checkboxes, Csrf, ErrorSummary, Radios, Summary, Table, Tag, TextInput } from "../components/form";
import type { Values } from "../components/form";
import { apiBody, check, errorsFrom, type Errors } from "../components/validate";
import { ukDateTime } from "../components/time";
import { eventWords, listWords } from "../components/words";
import { namesOf } from "../components/post";
import { clock } from "../../lib/clock";

const CreateInput = apiBody(webhooksRouter, "post", "/v1/webhooks");
const ChangeInput = apiBody(webhooksRouter, "patch", "/v1/webhooks/{endpointId}");
const RotateInput = apiBody(webhooksRouter, "post", "/v1/webhooks/{endpointId}/rotate-secret");

type C = Context<AppEnv>;
const EVENT_CHOICES: [string, string][] = ["*", ...WEBHOOK_EVENT_TYPES].map((t) => [t, eventWords(t)]);
const OVERLAPS: [string, string][] = [
  ["0", "Stop it at once"],
  ["1", "For 1 hour"],
  ["24", "For 24 hours"],
  ["168", "For a week"],
];
const typesWords = (types: string[]) => (types.includes("*") ? eventWords("*") : listWords(types.map(eventWords)));
const failed = (errors: Errors) => Object.keys(errors).length > 0;

/** The signing secret, shown once: after the endpoint is registered or its secret rotated. */
function SecretOnce({ secret }: { secret: string }) {
  return (
    <div class="govuk-panel govuk-panel--confirmation" id="secret">
      <h2 class="govuk-panel__title">The signing secret</h2>
      <div class="govuk-panel__body">
        <code class="csg-secret">{secret}</code>
      </div>
    </div>
  );
}

/** An endpoint's address, description and events: the same fields to register one and to change one. */
function EndpointFields(p: { values: Values; ticked: string[]; errors: Errors; descriptionHint?: string }) {
  return (
    <>
      <TextInput
        name="url"
        label="Web address"
        hint="Where to send the messages, starting https://"
        type="url"
        spellcheck={false}
        values={p.values}
        errors={p.errors}
      />
      <TextInput name="description" label="Description" hint={p.descriptionHint} values={p.values} errors={p.errors} />
      <Checkboxes
        name="eventTypes"
        label="Events to send"
        checked={p.ticked}
        errors={p.errors}
        options={EVENT_CHOICES}
      />
    </>
  );
}

/**
 * The endpoint form read and checked against the API's schema (create or PATCH). An empty address
 * passes the schema (the repository refuses it as "not a URL"): it is asked for here in words.
 */
async function endpointForm(c: C, schema: typeof CreateInput | typeof ChangeInput) {
  const f = await form(c);
  const ticked = (await formLists(c)).eventTypes ?? [];
  const input = { url: (f.url ?? "").trim(), description: f.description ?? "", eventTypes: ticked };
  const checked = check(schema, input, {
    url: "The web address",
    description: "The description",
    eventTypes: "Events to send",
  });
  if (checked.ok && input.url) return { f, ticked, data: checked.data, errors: {} };
  const errors = checked.ok ? {} : checked.errors;
  return {
    f,
    ticked,
    data: null,
    errors: input.url ? errors : { url: errors.url ?? "Enter the web address", ...errors },
  };
}

/** Webhook endpoints: publishing tools told about events, each message signed with the endpoint's secret. */
export function webhookPages(app: Hono<AppEnv>) {
  const list = async (c: C, s: PageSession, values: Values = {}, ticked: string[] = [], errors: Errors = {}) => {
    const endpoints = await listEndpoints(c.env.DB);
    return c.html(
      <Layout title={`${failed(errors) ? "Error: " : ""}Webhooks`} s={s}>
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Webhooks</h1>
        <p class="govuk-body">
          Publishing tools can be told about events as they happen. Each message is signed (Standard Webhooks) with the
          endpoint's secret, so the tool can check it came from this service.
        </p>
        {endpoints.length === 0 ? (
          <p class="govuk-body">No endpoints are registered.</p>
        ) : (
          <Table
            caption="Endpoints"
            head={["Web address", "Description", "Events", "Status"]}
            rows={endpoints.map((e) => [
              <a class="govuk-link" href={`/webhooks/${encodeURIComponent(e.id)}`}>
                {e.url}
              </a>,
              e.description,
              typesWords(e.eventTypes),
              e.disabledAt ? <Tag colour="grey">Disabled</Tag> : <Tag colour="green">Active</Tag>,
            ])}
          />
        )}
        <form method="post" action="/webhooks" novalidate>
          <h2 class="govuk-heading-m">Register an endpoint</h2>
          <Csrf token={s.csrf} />
          <EndpointFields values={values} ticked={ticked} errors={errors} descriptionHint="Which tool this is" />
          <Button>Register the endpoint</Button>
        </form>
      </Layout>,
      failed(errors) ? 422 : 200,
    );
  };

  const one = async (
    c: C,
    s: PageSession,
    e: WebhookEndpoint,
    opts: { secret?: string; values?: Values; ticked?: string[]; errors?: Errors; status?: 200 | 201 | 422 } = {},
  ) => {
    const errors = opts.errors ?? {};
    // The change form shows what was typed after a problem, the endpoint's own details otherwise.
    const details: Values = opts.ticked ? (opts.values ?? {}) : { url: e.url, description: e.description };
    const ticked = opts.ticked ?? e.eventTypes;
    const names = await namesOf(c.env.DB, [e.createdBy]);
    return c.html(
      <Layout
        title={`${failed(errors) ? "Error: " : ""}Webhook endpoint`}
        s={s}
        back={{ href: "/webhooks", text: "Webhooks" }}
      >
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Webhook endpoint</h1>
        {opts.secret && <SecretOnce secret={opts.secret} />}
        {opts.secret && (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>
              Copy the secret into the receiving tool now. It will not be shown again: if it is lost, rotate it.
            </strong>
          </div>
        )}
        <Summary
          rows={[
            ["Web address", e.url],
            ["Description", e.description],
            ["Events", typesWords(e.eventTypes)],
            ["Status", e.disabledAt ? `Disabled since ${ukDateTime(e.disabledAt)}` : "Active"],
            ["Registered", `${ukDateTime(e.createdAt)} by ${names.get(e.createdBy) ?? "someone no longer listed"}`],
            [
              "Previous secret",
              e.previousSecretUntil && Date.parse(e.previousSecretUntil) > clock.ms()
                ? `Also signs messages until ${ukDateTime(e.previousSecretUntil)}`
                : "None",
            ],
          ]}
        />
        <form method="post" action={`/webhooks/${encodeURIComponent(e.id)}/details`} novalidate>
          <h2 class="govuk-heading-m">Change the endpoint</h2>
          <Csrf token={s.csrf} />
          <EndpointFields values={details} ticked={ticked} errors={errors} />
          <Button variant="secondary">Save the changes</Button>
        </form>
        <form method="post" action={`/webhooks/${encodeURIComponent(e.id)}/rotate-secret`} novalidate>
          <h2 class="govuk-heading-m">Rotate the signing secret</h2>
          <Csrf token={s.csrf} />
          <Radios
            name="keepPreviousHours"
            label="How long should the old secret keep signing?"
            hint="Messages carry both signatures meanwhile, so the tool can switch over without missing one."
            values={{ keepPreviousHours: "24", ...opts.values }}
            errors={errors}
            options={OVERLAPS}
          />
          <Button variant="secondary">Rotate the secret</Button>
        </form>
        <form method="post" action={`/webhooks/${encodeURIComponent(e.id)}`}>
          <h2 class="govuk-heading-m">{e.disabledAt ? "Enable the endpoint" : "Disable the endpoint"}</h2>
          <p class="govuk-body">
            {e.disabledAt
              ? "Messages for new events will be sent to it again."
              : "No messages are sent to a disabled endpoint. You can enable it again later."}
          </p>
          <Csrf token={s.csrf} />
          <input type="hidden" name="disabled" value={e.disabledAt ? "false" : "true"} />
          <Button variant={e.disabledAt ? undefined : "warning"}>
            {e.disabledAt ? "Enable the endpoint" : "Disable the endpoint"}
          </Button>
        </form>
      </Layout>,
      opts.status ?? (failed(errors) ? 422 : 200),
    );
  };

  page(app, "GET", "/webhooks", (c, s) => list(c, s));

  page(app, "POST", "/webhooks", async (c, s) => {
    const { f, ticked, data, errors } = await endpointForm(c, CreateInput);
    if (!data) return list(c, s, f, ticked, errors);
    let made: Awaited<ReturnType<typeof createEndpoint>>;
    try {
      made = await createEndpoint(c.env.DB, c.env, actorFor(c, s), data);
    } catch (err) {
      const errors = errorsFrom(err);
      if (errors) return list(c, s, f, ticked, errors);
      throw err;
    }
    const { secret, ...endpoint } = made;
    return one(c, s, endpoint, { secret, status: 201 });
  });

  page(app, "GET", "/webhooks/:id", async (c, s) => one(c, s, await getEndpoint(c.env.DB, c.req.param("id")!)));

  page(app, "POST", "/webhooks/:id", async (c, s) => {
    const id = c.req.param("id")!;
    const f = await form(c);
    const disabled = f.disabled === "true" ? true : f.disabled === "false" ? false : f.disabled;
    const checked = check(ChangeInput, { disabled }, { disabled: "Whether it is disabled" });
    if (!checked.ok) return one(c, s, await getEndpoint(c.env.DB, id), { errors: checked.errors });
    await updateEndpoint(c.env.DB, c.env, actorFor(c, s), id, checked.data);
    return c.redirect(`/webhooks/${encodeURIComponent(id)}`, 303);
  });

  page(app, "POST", "/webhooks/:id/details", async (c, s) => {
    const id = c.req.param("id")!;
    const endpoint = await getEndpoint(c.env.DB, id);
    const { f, ticked, data, errors } = await endpointForm(c, ChangeInput);
    const again = (errors: Errors) => one(c, s, endpoint, { values: f, ticked, errors });
    if (!data) return again(errors);
    try {
      await updateEndpoint(c.env.DB, c.env, actorFor(c, s), id, data);
    } catch (err) {
      const errors = errorsFrom(err);
      if (errors) return again(errors);
      throw err;
    }
    return c.redirect(`/webhooks/${encodeURIComponent(id)}`, 303);
  });

  page(app, "POST", "/webhooks/:id/rotate-secret", async (c, s) => {
    const id = c.req.param("id")!;
    const f = await form(c);
    const hours = f.keepPreviousHours;
    const checked = check(
      RotateInput,
      { keepPreviousHours: hours === undefined || hours === "" ? undefined : Number(hours) },
      { keepPreviousHours: "How long the old secret keeps signing" },
    );
    if (!checked.ok) return one(c, s, await getEndpoint(c.env.DB, id), { values: f, errors: checked.errors });
    const hoursKept = (checked.data as { keepPreviousHours: number }).keepPreviousHours;
    const { secret, ...endpoint } = await rotateSecret(c.env.DB, c.env, actorFor(c, s), id, hoursKept);
    return one(c, s, endpoint, { secret });
  });
}
