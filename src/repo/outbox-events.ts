import type { EventInput } from "../domain/events";
import { newId } from "../lib/crypto";

export type { EventInput } from "../domain/events";

let written = false;

/** Whether this isolate wrote an event since the last call (a hint to dispatch soon; the cron is the guarantee). */
export function takeOutboxWritten(): boolean {
  const was = written;
  written = false;
  return was;
}

/**
 * The INSERTs for a commit's events, for the same batch as its writes and audit entries. With `guard`
 * (` WHERE changes() > 0`) each lands only if the statement before it changed a row, so the loser of a
 * race writes no event, exactly as it writes no audit entry.
 */
const EVENT_COLUMNS =
  "INSERT INTO outbox_events (id, type, subject_type, subject_id, data, audience, occurred_at, request_id)";
const eventRow = (e: EventInput, at: string, requestId: string) => [
  newId(),
  e.type,
  e.subjectType,
  e.subjectId,
  JSON.stringify(e.data ?? {}),
  JSON.stringify(e.audience ?? {}),
  at,
  requestId,
];

export function eventInserts(
  db: D1Database,
  events: EventInput[],
  at: string,
  requestId: string,
  guard: string,
): D1PreparedStatement[] {
  if (events.length) written = true;
  // One statement for all of a change's events where there is no guard (the common case: a submission
  // writes two); a guarded commit needs each row's SELECT … WHERE changes() > 0.
  // (D1 binds at most 100 parameters to a statement: 12 rows of 8)
  if (events.length > 1 && events.length <= 12 && !guard) {
    const values = events.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ");
    return [db.prepare(`${EVENT_COLUMNS} VALUES ${values}`).bind(...events.flatMap((e) => eventRow(e, at, requestId)))];
  }
  return events.map((e) =>
    db.prepare(`${EVENT_COLUMNS} SELECT ?, ?, ?, ?, ?, ?, ?, ?${guard}`).bind(...eventRow(e, at, requestId)),
  );
}
