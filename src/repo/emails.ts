/** An e-mail the service sent through GOV.UK Notify, or (without a Notify key) kept here instead. */
export interface SentEmail {
  id: string;
  deliveryId: string;
  eventId: string;
  toAddress: string;
  templateId: string;
  subject: string;
  body: string;
  via: "notify" | "local";
  notifyId: string | null;
  createdAt: string;
}

/** The e-mail outbox, newest first: read by GET /v1/emails and the e-mails page alike. */
export async function listEmails(d1: D1Database, limit: number): Promise<SentEmail[]> {
  return (
    await d1
      .prepare(
        `SELECT id, delivery_id AS deliveryId, event_id AS eventId, to_address AS toAddress, template_id AS templateId,
           subject, body, via, notify_id AS notifyId, created_at AS createdAt FROM email_outbox ORDER BY created_at DESC LIMIT ?`,
      )
      .bind(limit)
      .all<SentEmail>()
  ).results;
}
