import { env } from "cloudflare:test";
import { easterSunday } from "../src/domain/calendar";
import { addDays } from "../src/domain/dates";
import { clock } from "../src/lib/clock";
import type { DeliveryMessage, DeliverySender } from "../src/repo/outbox";
import { call, userWith } from "./helpers";

export type U = Awaited<ReturnType<typeof userWith>>;
export const uid = () => crypto.randomUUID().slice(0, 8);
export const inHours = (h: number) => new Date(clock.ms() + h * 3_600_000).toISOString();

/** A comms team and an active corporate account to post to. */
export async function commsTeam() {
  const officer = await userWith(["comms_officer"]);
  const manager = await userWith(["comms_manager"]);
  const ds = await userWith(["democratic_services"]);
  const admin = await userWith(["admin"]);
  const area = `notify-${uid()}`;
  await call("POST", "/v1/areas", { token: ds.token, body: { id: area, name: "Notify Council", kind: "council" } });
  const acc = await call("POST", "/v1/corporate-accounts", {
    token: manager.token,
    body: {
      platform: "x",
      handle: `@N${uid()}`,
      url: "https://x.com/n",
      owningService: "Comms",
      ownerId: manager.user.id,
      administratorIds: [],
      purpose: "News",
      areaIds: [area],
      status: "active",
      lastReviewedOn: null,
      nextReviewOn: "2099-06-01",
      purdahBehaviour: "gate",
    },
  });
  if (acc.status !== 201) throw new Error(acc.text);
  return { officer, manager, ds, admin, area, accountId: acc.json.id as string };
}

/**
 * The Queue producer as the dispatcher sees it, recording what was sent so a test can hand the
 * messages to the Worker's own `queue()` handler (createMessageBatch) and play the platform's part:
 * redelivery with the delay the handler asked for, and the dead-letter queue after max_retries.
 */
export function recordingQueue() {
  const sent: DeliveryMessage[] = [];
  const queue: DeliverySender = {
    async sendBatch(messages) {
      for (const m of messages) sent.push(m.body);
    },
  };
  return { queue, sent };
}

export const events = async (subjectId: string) =>
  (
    await env.DB.prepare(
      "SELECT id, type, data, audience, request_id FROM outbox_events WHERE subject_id = ? ORDER BY occurred_at, rowid",
    )
      .bind(subjectId)
      .all<{ id: string; type: string; data: string; audience: string; request_id: string }>()
  ).results;

const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay();
const monday = (d: string, step: 1 | -1) => {
  let x = d;
  while (weekday(x) !== 1) x = addDays(x, step);
  return x;
};
/** A weekend fixed-date holiday moves to the next weekday not already taken. */
function substituted(dates: string[]): string[] {
  const out: string[] = [];
  for (const d of dates) {
    let x = d;
    while (weekday(x) === 0 || weekday(x) === 6 || out.includes(x)) x = addDays(x, 1);
    out.push(x);
  }
  return out;
}

/**
 * The timetables need bank-holiday data for the years the test's elections fall in. With the service
 * clock moved years ahead (TEST_CLOCK_OFFSET_DAYS) those lie beyond the bundled gov.uk file, so the
 * test does what the service asks of an administrator then: uploads a newer file, here built by the
 * standing rules (Easter, the May, spring and summer Mondays, substitute days), for the missing years only.
 */
export async function bankHolidaysUntil(adminToken: string, until: string) {
  const have = (await call("GET", "/v1/calendars/bank-holidays")).json.dataAge.lastYear as number;
  const years: number[] = [];
  for (let y = have + 1; y <= Number(until.slice(0, 4)) + 1; y++) years.push(y);
  if (years.length === 0) return;
  const ev = (title: string, date: string) => ({ title, date, notes: "", bunting: false });
  const file = (division: string, extra: (y: number) => { title: string; date: string }[], scotland = false) => ({
    division,
    events: years
      .flatMap((y) => {
        const easter = easterSunday(y);
        const [newYear, ...rest] = substituted(
          scotland
            ? [`${y}-01-01`, `${y}-01-02`, `${y}-12-25`, `${y}-12-26`]
            : [`${y}-01-01`, `${y}-12-25`, `${y}-12-26`],
        );
        return [
          ev("New Year’s Day", newYear),
          ev("Good Friday", addDays(easter, -2)),
          ...(scotland ? [] : [ev("Easter Monday", addDays(easter, 1))]),
          ev("Early May bank holiday", monday(`${y}-05-01`, 1)),
          ev("Spring bank holiday", monday(`${y}-05-31`, -1)),
          ev("Summer bank holiday", scotland ? monday(`${y}-08-01`, 1) : monday(`${y}-08-31`, -1)),
          ...extra(y).map((e) => ev(e.title, e.date)),
          ...rest.map((d, i) => ev(["2nd January", "Christmas Day", "Boxing Day"][i + (scotland ? 0 : 1)], d)),
        ];
      })
      .filter((e, i, all) => all.findIndex((o) => o.date === e.date) === i),
  });
  const res = await call("PUT", "/v1/calendars/bank-holidays", {
    token: adminToken,
    body: {
      "england-and-wales": file("england-and-wales", () => []),
      scotland: file("scotland", (y) => [{ title: "St Andrew’s Day", date: substituted([`${y}-11-30`])[0] }], true),
      "northern-ireland": file("northern-ireland", (y) => [
        { title: "St Patrick’s Day", date: substituted([`${y}-03-17`])[0] },
        { title: "Battle of the Boyne (Orangemen’s Day)", date: substituted([`${y}-07-12`])[0] },
      ]),
    },
  });
  if (res.status !== 200) throw new Error(res.text);
}
