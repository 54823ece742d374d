// Worker secrets this part of the service reads (set with `wrangler secret put`, never in wrangler.toml,
// so `wrangler types` does not list them).
declare global {
  interface Env {
    /** GOV.UK Notify API key (`name-serviceid-secret`). Unset: e-mails are kept in the local outbox only. */
    NOTIFY_API_KEY?: string;
    /** 32 random bytes, base64: encrypts webhook signing secrets at rest (AES-GCM). */
    WEBHOOK_ENCRYPTION_KEY?: string;
  }
}
export {};
