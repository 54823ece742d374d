-- Notifications and webhooks (issue 14). Hand-written; the lead regenerates schema/migrations/meta.
-- outbox_events: domain events, written in the same D1 batch as the change that causes them.
CREATE TABLE `outbox_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`data` text NOT NULL,
	`audience` text NOT NULL,
	`occurred_at` text NOT NULL,
	`request_id` text NOT NULL,
	`dispatched_at` text
);
--> statement-breakpoint
CREATE INDEX `outbox_events_undispatched` ON `outbox_events` (`dispatched_at`);--> statement-breakpoint
CREATE INDEX `outbox_events_subject` ON `outbox_events` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL REFERENCES `outbox_events`(`id`),
	`channel` text NOT NULL,
	`target_id` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_attempt_at` text,
	`last_status` integer,
	`last_error` text,
	`queued_at` text,
	`delivered_at` text,
	`dead_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_event_target` ON `deliveries` (`event_id`,`channel`,`target_id`);--> statement-breakpoint
CREATE INDEX `deliveries_status` ON `deliveries` (`status`,`queued_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`description` text NOT NULL,
	`event_types` text NOT NULL,
	`secret_enc` text NOT NULL,
	`previous_secret_enc` text,
	`previous_secret_until` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`disabled_at` text
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`user_id` text NOT NULL REFERENCES `users`(`id`),
	`event_id` text NOT NULL REFERENCES `outbox_events`(`id`),
	`category` text NOT NULL,
	`emailed` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `event_id`)
);
--> statement-breakpoint
CREATE INDEX `notifications_user` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `notification_preferences` (
	`user_id` text NOT NULL REFERENCES `users`(`id`),
	`category` text NOT NULL,
	`email` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `category`)
);
--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL REFERENCES `deliveries`(`id`),
	`event_id` text NOT NULL,
	`to_address` text NOT NULL,
	`template_id` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`via` text NOT NULL,
	`notify_id` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_outbox_delivery` ON `email_outbox` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `reminders_sent` (
	`key` text PRIMARY KEY NOT NULL,
	`event_type` text NOT NULL,
	`sent_at` text NOT NULL
);
