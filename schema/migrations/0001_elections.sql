CREATE TABLE `appointed_days` (
	`date` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`divisions` text NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `areas` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` text,
	`gss_code` text,
	`created_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
CREATE INDEX `areas_parent` ON `areas` (`parent_id`);--> statement-breakpoint
CREATE TABLE `bank_holiday_uploads` (
	`division` text NOT NULL,
	`date` text NOT NULL,
	`title` text NOT NULL,
	`notes` text NOT NULL,
	`bunting` integer NOT NULL,
	`uploaded_at` text NOT NULL,
	PRIMARY KEY(`division`, `date`)
);
--> statement-breakpoint
CREATE TABLE `council_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`nation` text NOT NULL,
	`area_id` text,
	`purdah_ends` text NOT NULL,
	`general_election_purdah_starts` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `election_areas` (
	`election_id` text NOT NULL,
	`area_id` text NOT NULL,
	PRIMARY KEY(`election_id`, `area_id`),
	FOREIGN KEY (`election_id`) REFERENCES `elections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `election_areas_area` ON `election_areas` (`area_id`);--> statement-breakpoint
CREATE TABLE `election_cycles` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`nation` text NOT NULL,
	`rrule` text NOT NULL,
	`dtstart` text NOT NULL,
	`exdates` text NOT NULL,
	`area_ids` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
CREATE TABLE `elections` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`nation` text NOT NULL,
	`by_election` integer NOT NULL,
	`business_referendum` integer DEFAULT false NOT NULL,
	`poll_date` text NOT NULL,
	`notice_published_on` text,
	`declaration_at` text,
	`status` text NOT NULL,
	`cycle_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `elections_poll` ON `elections` (`poll_date`);--> statement-breakpoint
CREATE INDEX `elections_cycle` ON `elections` (`cycle_id`);