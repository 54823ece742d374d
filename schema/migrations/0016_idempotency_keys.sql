-- Idempotency-Key (IETF draft-ietf-httpapi-idempotency-key-header): a retried create with the same key
-- from the same caller replays the first response and creates nothing new. Kept for 24 hours.
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`state` text NOT NULL,
	`status_code` integer,
	`content_type` text,
	`location` text,
	`body` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created` ON `idempotency_keys` (`created_at`);
