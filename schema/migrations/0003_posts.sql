CREATE TABLE `account_approval_policies` (
	`account_id` text PRIMARY KEY NOT NULL,
	`steps` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bench_probes` (
	`id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lexicon_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`content` text NOT NULL,
	`note` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `post_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`post_id` text NOT NULL,
	`version` integer NOT NULL,
	`approver_id` text NOT NULL,
	`role` text NOT NULL,
	`decision` text NOT NULL,
	`reason` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `post_decisions_once` ON `post_decisions` (`post_id`,`version`,`approver_id`);--> statement-breakpoint
CREATE INDEX `post_decisions_post` ON `post_decisions` (`post_id`);--> statement-breakpoint
CREATE TABLE `post_versions` (
	`post_id` text NOT NULL,
	`version` integer NOT NULL,
	`text` text NOT NULL,
	`links` text NOT NULL,
	`media` text NOT NULL,
	`essential_reason` text,
	`campaign_planned_on` text,
	`consents` text NOT NULL,
	`screening` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`post_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `posts` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`author_id` text NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`publish_at` text NOT NULL,
	`steps` text NOT NULL,
	`decision_seq` integer DEFAULT 0 NOT NULL,
	`workflow_instance` text,
	`workflow_started_at` text,
	`status_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `posts_status` ON `posts` (`status`);--> statement-breakpoint
CREATE INDEX `posts_account` ON `posts` (`account_id`);--> statement-breakpoint
CREATE INDEX `posts_author` ON `posts` (`author_id`);--> statement-breakpoint
CREATE TABLE `publishing_stops` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text,
	`reason` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`lifted_by` text,
	`lifted_at` text
);
