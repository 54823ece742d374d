-- The dispatcher's index holds only events not yet dispatched, in the order it reads them: an event
-- leaves it once dispatched, so it stays small however long the outbox grows, and marking an event
-- dispatched no longer re-files it under its time. The subject index served no query and cost every
-- event's insert a second index write.
DROP INDEX `outbox_events_undispatched`;
--> statement-breakpoint
CREATE INDEX `outbox_events_undispatched` ON `outbox_events` (`occurred_at`, `id`) WHERE `dispatched_at` IS NULL;
--> statement-breakpoint
DROP INDEX `outbox_events_subject`;
