import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { getEndpoint, signingEndpoint } from "../src/repo/webhooks";
import { clock } from "../src/lib/clock";
import { userWith } from "./helpers";
import { getPage, postForm, sessionFor, visibleText } from "./web-helpers";

let admin: Awaited<ReturnType<typeof userWith>>;
let s: { cookie: string; csrf: string };

beforeAll(async () => {
  admin = await userWith(["admin"], "Wendy Webhooks");
  s = await sessionFor(admin.user.id);
});

const endpointsAt = async (url: string) =>
  (await env.DB.prepare("SELECT id FROM webhook_endpoints WHERE url = ?").bind(url).all<{ id: string }>()).results.map(
    (r) => r.id,
  );
const secretsOf = async (id: string) => (await signingEndpoint(env.DB, env, id, clock.now()))!.secrets;
const SECRET = /whsec_[A-Za-z0-9+/=]+/g;

describe("/webhooks", () => {
  it("a form with problems keeps what was typed and ticked, with the error summary", async () => {
    const url = "https://scheduler.example/hooks/incomplete";
    const res = await postForm("/webhooks", { _csrf: s.csrf, url, description: "" }, s.cookie);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("govuk-error-summary");
    expect(html).toContain('href="#description"');
    expect(html).toContain('href="#eventTypes"');
    expect(html).toContain('id="eventTypes-error"');
    expect(html).toContain(`value="${url}"`);
    expect(await endpointsAt(url)).toEqual([]);
  });

  it("the repository's refusal of an address is shown by the field, and an empty one is asked for", async () => {
    const notHttps = await postForm(
      "/webhooks",
      { _csrf: s.csrf, url: "ftp://files.example/hook", description: "Old tool", eventTypes: ["post.ready", "*"] },
      s.cookie,
    );
    expect(notHttps.status).toBe(422);
    const html = await notHttps.text();
    expect(html).toContain('href="#url"');
    expect(visibleText(html)).toContain("Webhooks are sent over HTTPS only.");
    expect(html).toContain('value="Old tool"');
    expect(html).toMatch(/value="post\.ready" checked/);
    expect(html).toMatch(/value="\*" checked/);
    expect(html).not.toMatch(/value="post\.published" checked/);
    expect(await endpointsAt("ftp://files.example/hook")).toEqual([]);

    const empty = await postForm(
      "/webhooks",
      { _csrf: s.csrf, url: " ", description: "Old tool", eventTypes: ["post.ready"] },
      s.cookie,
    );
    expect(empty.status).toBe(422);
    expect(visibleText(await empty.text())).toContain("Enter the web address");
  });

  it("registers an endpoint and shows its signing secret once, with the warning", async () => {
    const url = "https://scheduler.example/hooks/registered";
    const res = await postForm(
      "/webhooks",
      { _csrf: s.csrf, url, description: "Scheduling tool", eventTypes: ["post.ready", "post.published"] },
      s.cookie,
    );
    expect(res.status).toBe(201);
    const html = await res.text();
    const [id] = await endpointsAt(url);
    const shown = html.match(SECRET) ?? [];
    expect(shown).toHaveLength(1);
    // The secret shown is the one that signs.
    expect(await secretsOf(id)).toEqual([shown[0]]);
    expect(visibleText(html)).toContain("It will not be shown again");
    expect(visibleText(html)).toContain("A post is ready to publish and A post was published");
    const audit = await env.DB.prepare(
      "SELECT actor_id FROM audit_log WHERE subject_id = ? AND action = 'webhook_endpoint.created'",
    )
      .bind(id)
      .first<{ actor_id: string }>();
    expect(audit!.actor_id).toBe(admin.user.id);
    // Never again: not on the endpoint's page, not on the list.
    for (const path of [`/webhooks/${id}`, "/webhooks"]) {
      const again = await getPage(path, s.cookie);
      expect(again.status).toBe(200);
      const page = await again.text();
      expect(page).not.toMatch(SECRET);
      expect(page).toContain(url);
    }
  });

  it("rotates the secret: the new one shown once, the old one signing for the hours chosen", async () => {
    const url = "https://scheduler.example/hooks/rotating";
    await postForm("/webhooks", { _csrf: s.csrf, url, description: "Rotating", eventTypes: ["*"] }, s.cookie);
    const [id] = await endpointsAt(url);
    const [old] = await secretsOf(id);

    const bad = await postForm(`/webhooks/${id}/rotate-secret`, { _csrf: s.csrf, keepPreviousHours: "500" }, s.cookie);
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('href="#keepPreviousHours"');
    expect(badHtml).not.toMatch(SECRET);
    expect(await secretsOf(id)).toEqual([old]);

    const res = await postForm(`/webhooks/${id}/rotate-secret`, { _csrf: s.csrf, keepPreviousHours: "1" }, s.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    const shown = html.match(SECRET) ?? [];
    expect(shown).toHaveLength(1);
    expect(shown[0]).not.toBe(old);
    expect(await secretsOf(id)).toEqual([shown[0], old]);
    expect(visibleText(html)).toContain("It will not be shown again");
    const until = (await getEndpoint(env.DB, id)).previousSecretUntil!;
    expect(Date.parse(until) - clock.ms()).toBeGreaterThan(3_500_000);
    expect(Date.parse(until) - clock.ms()).toBeLessThanOrEqual(3_600_000);
    const page = await (await getPage(`/webhooks/${id}`, s.cookie)).text();
    expect(page).not.toMatch(SECRET);
    expect(page).toContain("Also signs messages until");
  });

  it("disables and enables an endpoint, as PATCH does; a value the form does not send is refused", async () => {
    const url = "https://scheduler.example/hooks/switching";
    await postForm("/webhooks", { _csrf: s.csrf, url, description: "Switching", eventTypes: ["post.ready"] }, s.cookie);
    const [id] = await endpointsAt(url);
    const off = await postForm(`/webhooks/${id}`, { _csrf: s.csrf, disabled: "true" }, s.cookie);
    expect(off.status).toBe(303);
    expect((await getEndpoint(env.DB, id)).disabledAt).not.toBeNull();
    const page = await (await getPage(`/webhooks/${id}`, s.cookie)).text();
    expect(page).toContain("Enable the endpoint");
    expect(await (await getPage("/webhooks", s.cookie)).text()).toContain("Disabled");

    const odd = await postForm(`/webhooks/${id}`, { _csrf: s.csrf, disabled: "perhaps" }, s.cookie);
    expect(odd.status).toBe(422);
    expect(await odd.text()).toContain("govuk-error-summary");
    expect((await getEndpoint(env.DB, id)).disabledAt).not.toBeNull();

    expect((await postForm(`/webhooks/${id}`, { _csrf: s.csrf, disabled: "false" }, s.cookie)).status).toBe(303);
    expect((await getEndpoint(env.DB, id)).disabledAt).toBeNull();
    expect((await getPage("/webhooks/no-such-endpoint", s.cookie)).status).toBe(404);
  });

  it("changes an endpoint's address, description and events, as PATCH does, keeping what was typed on a problem", async () => {
    const url = "https://scheduler.example/hooks/moving";
    await postForm("/webhooks", { _csrf: s.csrf, url, description: "Moving", eventTypes: ["post.ready"] }, s.cookie);
    const [id] = await endpointsAt(url);
    const form = await (await getPage(`/webhooks/${id}`, s.cookie)).text();
    expect(form).toContain(`action="/webhooks/${id}/details"`);
    expect(form).toContain(`value="${url}"`);
    expect(form).toMatch(/value="post\.ready" checked/);

    const bad = await postForm(
      `/webhooks/${id}/details`,
      { _csrf: s.csrf, url: "ftp://scheduler.example/plain", description: "Moved", eventTypes: ["post.published"] },
      s.cookie,
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('href="#url"');
    expect(visibleText(badHtml)).toContain("Webhooks are sent over HTTPS only.");
    expect(badHtml).toContain('value="ftp://scheduler.example/plain"');
    expect(badHtml).toMatch(/value="post\.published" checked/);
    expect(badHtml).not.toMatch(/value="post\.ready" checked/);
    expect((await getEndpoint(env.DB, id)).url).toBe(url);

    const none = await postForm(`/webhooks/${id}/details`, { _csrf: s.csrf, url, description: "Moved" }, s.cookie);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('href="#eventTypes"');
    expect((await getEndpoint(env.DB, id)).eventTypes).toEqual(["post.ready"]);

    const moved = "https://scheduler.example/hooks/moved";
    const ok = await postForm(
      `/webhooks/${id}/details`,
      { _csrf: s.csrf, url: moved, description: "Moved", eventTypes: ["post.ready", "post.published"] },
      s.cookie,
    );
    expect(ok.status).toBe(303);
    expect(await getEndpoint(env.DB, id)).toMatchObject({
      url: moved,
      description: "Moved",
      eventTypes: ["post.ready", "post.published"],
    });
    const audit = await env.DB.prepare(
      "SELECT actor_id FROM audit_log WHERE subject_id = ? AND action = 'webhook_endpoint.changed'",
    )
      .bind(id)
      .first<{ actor_id: string }>();
    expect(audit!.actor_id).toBe(admin.user.id);
  });
});
