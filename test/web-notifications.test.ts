import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS } from "../src/auth/access";
import { CATEGORIES } from "../src/domain/events";
import { PAGE_ACCESS } from "../src/web/router";
import { dispatchOutbox, getDelivery, markDead, recordAttempt } from "../src/repo/outbox";
import { attemptDelivery } from "../src/queue/consumer";
import { ukDateTime } from "../src/web/components/time";
import { app, call, userWith } from "./helpers";
import { commsTeam, inHours, recordingQueue, type U } from "./outbox-fixtures";
import { getPage, postForm, sessionFor, visibleText } from "./web-helpers";

type Session = { cookie: string; csrf: string };
let team: Awaited<ReturnType<typeof commsTeam>>;

beforeAll(async () => {
  team = await commsTeam();
});

const submit = (text: string, hours: number) =>
  call("POST", "/v1/posts", {
    token: team.officer.token,
    body: { accountId: team.accountId, publishAt: inHours(hours), text },
  });

/** A form posted with the Worker's bindings changed (the delivery queue). */
const postWith = (path: string, fields: Record<string, string>, cookie: string, over: Partial<Env>) =>
  app.request(
    path,
    {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    },
    { ...env, ...over },
  );

const audits = async (subjectId: string, action: string) =>
  (
    await env.DB.prepare("SELECT actor_id FROM audit_log WHERE subject_id = ? AND action = ?")
      .bind(subjectId, action)
      .all<{ actor_id: string | null }>()
  ).results;

describe("the pages are open to whom the API is", () => {
  it("each page and form has the access of the API route it calls", () => {
    const pairs: [string, string][] = [
      ["GET /notifications", "GET /v1/me/notifications"],
      ["POST /notifications", "PUT /v1/me/notification-preferences"],
      ["GET /deliveries", "GET /v1/deliveries"],
      ["POST /deliveries/:id/retry", "POST /v1/deliveries/retry"],
      ["GET /emails", "GET /v1/emails"],
      ["GET /webhooks", "GET /v1/webhooks"],
      ["POST /webhooks", "POST /v1/webhooks"],
      ["GET /webhooks/:id", "GET /v1/webhooks/{endpointId}"],
      ["POST /webhooks/:id", "PATCH /v1/webhooks/{endpointId}"],
      ["POST /webhooks/:id/details", "PATCH /v1/webhooks/{endpointId}"],
      ["POST /webhooks/:id/rotate-secret", "POST /v1/webhooks/{endpointId}/rotate-secret"],
    ];
    for (const [pageKey, apiKey] of pairs) expect(PAGE_ACCESS[pageKey], pageKey).toEqual(ACCESS[apiKey]);
  });
});

describe("/notifications", () => {
  let manager: U;
  let s: Session;
  beforeAll(async () => {
    // A manager of their own, so the notifications and choices are this test's alone.
    manager = await userWith(["comms_manager"], "Nadia Notified");
    s = await sessionFor(manager.user.id);
  });

  it("lists what you were told, newest first, in words and UK time", async () => {
    expect((await submit("Library opening hours change in March.", 48)).status).toBe(201);
    await dispatchOutbox(env.DB, undefined);
    expect((await submit("Swimming pool closes for repairs.", 96)).status).toBe(201);
    await dispatchOutbox(env.DB, undefined);
    const told = (
      await env.DB.prepare("SELECT event_id, created_at FROM notifications WHERE user_id = ? ORDER BY created_at DESC")
        .bind(manager.user.id)
        .all<{ event_id: string; created_at: string }>()
    ).results;
    expect(told.length).toBe(2);

    const res = await getPage("/notifications", s.cookie);
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toContain("A post needs your decision");
    for (const n of told) expect(text).toContain(ukDateTime(n.created_at));
    // The e-mail's "publication at 2027-… UTC" is read in UK time on the page.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|UTC|needs_decision/);
    // Newest first: the second post's row comes before the first's.
    const rows = text.split("A post needs your decision").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(ukDateTime(told[0].created_at));
    expect(rows[1]).toContain(ukDateTime(told[1].created_at));
  });

  it("saves your e-mail choices with the API's schema, recorded, and says so", async () => {
    const res = await postForm("/notifications", { _csrf: s.csrf, email: ["approvals", "purdah"] }, s.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/notifications?saved=1");
    // The same choices the API reads back.
    const api = await call("GET", "/v1/me/notification-preferences", { token: manager.token });
    expect(api.json).toEqual(
      Object.fromEntries(Object.keys(CATEGORIES).map((k) => [k, ["approvals", "purdah"].includes(k)])),
    );
    expect((await audits(manager.user.id, "notification_preferences.changed")).map((a) => a.actor_id)).toEqual([
      manager.user.id,
    ]);
    const html = await (await getPage("/notifications?saved=1", s.cookie)).text();
    expect(html).toContain("govuk-notification-banner--success");
    expect(html).toContain("Your e-mail choices are saved");
    expect(html).toMatch(/value="approvals" checked/);
    expect(html).not.toMatch(/value="my_posts" checked/);
    // Without the banner's query, no banner.
    expect(await (await getPage("/notifications", s.cookie)).text()).not.toContain("are saved");
  });

  it("unticking everything is a choice too: nothing is e-mailed, everything still listed", async () => {
    expect((await postForm("/notifications", { _csrf: s.csrf }, s.cookie)).status).toBe(303);
    const api = await call("GET", "/v1/me/notification-preferences", { token: manager.token });
    expect(Object.values(api.json).every((v) => v === false)).toBe(true);
    expect(visibleText(await (await getPage("/notifications", s.cookie)).text())).toContain(
      "A post needs your decision",
    );
  });

  it("a choice the form does not offer is refused with the error summary, keeping what was ticked", async () => {
    const before = await call("GET", "/v1/me/notification-preferences", { token: manager.token });
    const res = await postForm("/notifications", { _csrf: s.csrf, email: ["publishing", "lottery"] }, s.cookie);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("govuk-error-summary");
    expect(html).toContain('href="#email"');
    expect(html).toContain('id="email-error"');
    expect(html).toMatch(/value="publishing" checked/);
    expect(html).not.toMatch(/value="approvals" checked/);
    expect(html).not.toContain("are saved");
    expect((await call("GET", "/v1/me/notification-preferences", { token: manager.token })).json).toEqual(before.json);
  });

  it("someone else's session sees their own notifications, not yours", async () => {
    const other = await userWith(["auditor"]);
    const text = visibleText(await (await getPage("/notifications", (await sessionFor(other.user.id)).cookie)).text());
    expect(text).toContain("You have no notifications yet");
  });
});

describe("/deliveries and /emails", () => {
  let admin: Session;
  let deliveryId: string;
  let eventId: string;
  let postId: string;
  beforeAll(async () => {
    admin = await sessionFor(team.admin.user.id);
    const ep = await call("POST", "/v1/webhooks", {
      token: team.admin.token,
      body: {
        url: "https://scheduler.example/hooks/web-page",
        description: "Scheduler",
        eventTypes: ["post.submitted"],
      },
    });
    expect(ep.status, ep.text).toBe(201);
    const post = await submit("Road closure on Mill Lane on Sunday.", 48);
    postId = post.json.id;
    await dispatchOutbox(env.DB, undefined);
    const row = await env.DB.prepare(
      "SELECT d.id, d.event_id FROM deliveries d JOIN outbox_events e ON e.id = d.event_id WHERE d.target_id = ? AND e.subject_id = ?",
    )
      .bind(ep.json.id, post.json.id)
      .first<{ id: string; event_id: string }>();
    deliveryId = row!.id;
    eventId = row!.event_id;
    // As the queue consumer records it: a failed attempt, then the dead-letter queue gives up.
    const delivery = (await getDelivery(env.DB, deliveryId))!;
    await recordAttempt(env.DB, delivery, 1, { ok: false, httpStatus: 503, error: "The receiver answered 503." });
    await markDead(env.DB, deliveryId, 1);
  });

  it("lists failed deliveries in words: event, destination, attempts, last error, when", async () => {
    const res = await getPage("/deliveries", admin.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = visibleText(html);
    const dead = (await getDelivery(env.DB, deliveryId))!;
    expect(text).toContain("A post was submitted");
    expect(text).toContain("Webhook: https://scheduler.example/hooks/web-page (Scheduler)");
    expect(text).toContain("The receiver answered 503.");
    expect(text).toContain(ukDateTime(dead.deadAt));
    expect(text).not.toMatch(/post\.submitted|\d{4}-\d{2}-\d{2}/);
    expect(html).toContain(`action="/deliveries/${deliveryId}/retry"`);
    // The event links to the record it is about.
    expect(html).toContain(`href="/posts/${postId}"`);
  });

  it("Retry sends it again through the API's repository call, recorded, and says so", async () => {
    const { queue, sent } = recordingQueue();
    // Without the form's token nothing changes.
    expect(
      (await postWith(`/deliveries/${deliveryId}/retry`, {}, admin.cookie, { DELIVERIES: queue as never })).status,
    ).toBe(403);
    expect((await getDelivery(env.DB, deliveryId))!.status).toBe("failed");

    const res = await postWith(`/deliveries/${deliveryId}/retry`, { _csrf: admin.csrf }, admin.cookie, {
      DELIVERIES: queue as never,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/deliveries?retried=1");
    expect((await getDelivery(env.DB, deliveryId))!.status).toBe("pending");
    // Back on the queue with its original event id (the receiver's de-duplication key).
    expect(sent.filter((m) => m.deliveryId === deliveryId)).toEqual([{ deliveryId, eventId }]);
    expect((await audits(deliveryId, "delivery.retry_requested")).map((a) => a.actor_id)).toEqual([team.admin.user.id]);
    const page = await (await getPage("/deliveries?retried=1", admin.cookie)).text();
    expect(page).toContain("The delivery is queued to be sent again");
    expect(page).not.toContain(`action="/deliveries/${deliveryId}/retry"`);

    // A second press: nothing to retry, said on the page, not recorded twice.
    const again = await postWith(`/deliveries/${deliveryId}/retry`, { _csrf: admin.csrf }, admin.cookie, {
      DELIVERIES: queue as never,
    });
    expect(again.status).toBe(409);
    const html = await again.text();
    expect(html).toContain("govuk-error-summary");
    expect(html).toContain("not waiting to be retried");
    expect(await audits(deliveryId, "delivery.retry_requested")).toHaveLength(1);
    expect((await postForm("/deliveries/no-such-delivery/retry", { _csrf: admin.csrf }, admin.cookie)).status).toBe(
      404,
    );
  });

  it("the e-mails page shows what was kept in the local outbox without a Notify key", async () => {
    const reader = await userWith(["comms_manager"], "Esme Emailed");
    expect((await submit("Market moves to Saturday.", 72)).status).toBe(201);
    await dispatchOutbox(env.DB, undefined);
    const mail = await env.DB.prepare("SELECT id FROM deliveries WHERE channel = 'email' AND target_id = ?")
      .bind(reader.user.id)
      .first<{ id: string }>();
    expect(await attemptDelivery({ ...env, NOTIFY_API_KEY: "" }, mail!.id, 1)).toBe("done");
    const kept = await env.DB.prepare("SELECT created_at FROM email_outbox WHERE delivery_id = ?")
      .bind(mail!.id)
      .first<{ created_at: string }>();
    const res = await getPage("/emails", admin.cookie);
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toContain(reader.user.email!);
    expect(text).toContain("A post needs your decision");
    expect(text).toContain("Not sent: kept here (no Notify key)");
    expect(text).toContain(ukDateTime(kept!.created_at));
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|UTC/);
  });
});
