import { CATEGORIES, EVENT_TYPES, type Category } from "../domain/events";
import { emailFor } from "../domain/notifications";
import { clock } from "../lib/clock";
import { commit, type Actor } from "./audit";

/** A person's choices: e-mail or not, per category (default: e-mail). Everything is listed on their page either way. */
export async function preferences(d1: D1Database, userId: string): Promise<Record<Category, boolean>> {
  const rows = (
    await d1
      .prepare("SELECT category, email FROM notification_preferences WHERE user_id = ?")
      .bind(userId)
      .all<{ category: string; email: number }>()
  ).results;
  const out = Object.fromEntries(Object.keys(CATEGORIES).map((c) => [c, true])) as Record<Category, boolean>;
  for (const r of rows) if (r.category in out) out[r.category as Category] = r.email === 1;
  return out;
}

export async function setPreferences(
  d1: D1Database,
  actor: Actor,
  userId: string,
  email: Partial<Record<Category, boolean>>,
): Promise<Record<Category, boolean>> {
  const before = await preferences(d1, userId);
  const now = clock.iso();
  const entries = Object.entries(email) as [Category, boolean][];
  if (entries.length === 0) return before;
  await commit(
    d1,
    actor,
    entries.map(([category, on]) =>
      d1
        .prepare(
          `INSERT INTO notification_preferences (user_id, category, email, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (user_id, category) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at`,
        )
        .bind(userId, category, on ? 1 : 0, now),
    ),
    [
      {
        action: "notification_preferences.changed",
        subjectType: "user",
        subjectId: userId,
        before,
        after: { ...before, ...email },
      },
    ],
  );
  return preferences(d1, userId);
}

/** What a person was told, newest first, in the words of the e-mail. */
export async function myNotifications(d1: D1Database, userId: string, baseUrl: string, limit: number) {
  const rows = (
    await d1
      .prepare(
        `SELECT n.event_id, n.category, n.emailed, n.created_at, e.type, e.subject_type, e.subject_id, e.data,
           (SELECT status FROM deliveries d WHERE d.event_id = n.event_id AND d.channel = 'email' AND d.target_id = n.user_id) AS email_status
         FROM notifications n JOIN outbox_events e ON e.id = n.event_id
         WHERE n.user_id = ? ORDER BY n.created_at DESC LIMIT ?`,
      )
      .bind(userId, limit)
      .all<{
        event_id: string;
        category: string;
        emailed: number;
        created_at: string;
        type: string;
        subject_type: string;
        subject_id: string;
        data: string;
        email_status: string | null;
      }>()
  ).results;
  return rows.map((r) => {
    const content = emailFor(
      { type: r.type, subjectType: r.subject_type, subjectId: r.subject_id, data: JSON.parse(r.data) },
      baseUrl,
    );
    return {
      eventId: r.event_id,
      type: r.type,
      category: r.category,
      title: (EVENT_TYPES as Record<string, { title: string }>)[r.type]?.title ?? r.type,
      body: content.body,
      link: content.link,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      emailed: r.emailed === 1,
      emailStatus: r.email_status,
      at: r.created_at,
    };
  });
}
