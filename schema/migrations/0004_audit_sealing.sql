-- audit_log: prev_hash and hash become nullable (filled in when an entry is sealed). No foreign keys
-- point at this table, so the drizzle-kit PRAGMA foreign_keys lines (refused by D1) are removed.
CREATE TABLE `__new_audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`summary` text NOT NULL,
	`request_id` text NOT NULL,
	`prev_hash` text,
	`hash` text
);
--> statement-breakpoint
INSERT INTO `__new_audit_log`("seq", "at", "actor_id", "actor_label", "action", "subject_type", "subject_id", "summary", "request_id", "prev_hash", "hash") SELECT "seq", "at", "actor_id", "actor_label", "action", "subject_type", "subject_id", "summary", "request_id", "prev_hash", "hash" FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_hash_unique` ON `audit_log` (`hash`);--> statement-breakpoint
CREATE INDEX `audit_log_subject` ON `audit_log` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor` ON `audit_log` (`actor_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);