CREATE TABLE `corporate_account_admins` (
	`account_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`account_id`, `user_id`),
	FOREIGN KEY (`account_id`) REFERENCES `corporate_accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `corporate_account_areas` (
	`account_id` text NOT NULL,
	`area_id` text NOT NULL,
	PRIMARY KEY(`account_id`, `area_id`),
	FOREIGN KEY (`account_id`) REFERENCES `corporate_accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `corporate_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`handle` text NOT NULL,
	`handle_key` text NOT NULL,
	`url` text NOT NULL,
	`owning_service` text NOT NULL,
	`owner_id` text NOT NULL,
	`purpose` text NOT NULL,
	`status` text NOT NULL,
	`last_reviewed_on` text,
	`next_review_on` text NOT NULL,
	`purdah_behaviour` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `corporate_accounts_handle_open` ON `corporate_accounts` (`platform`,`handle_key`) WHERE status != 'closed';--> statement-breakpoint
CREATE TABLE `councillor_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`platform` text NOT NULL,
	`handle` text NOT NULL,
	`handle_key` text NOT NULL,
	`url` text NOT NULL,
	`kind` text NOT NULL,
	`display_name` text,
	`bio` text NOT NULL,
	`uses_logo` integer NOT NULL,
	`compliance` text NOT NULL,
	`checked_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `councillor_accounts_handle_open` ON `councillor_accounts` (`platform`,`handle_key`) WHERE removed_at IS NULL;--> statement-breakpoint
CREATE INDEX `councillor_accounts_owner` ON `councillor_accounts` (`owner_id`);--> statement-breakpoint
CREATE TABLE `incident_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`reporter_id` text NOT NULL,
	`routed_to` text NOT NULL,
	`summary` text NOT NULL,
	`details` text NOT NULL,
	`url` text,
	`subject_user_id` text,
	`police_referral` integer NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`closed_by` text,
	`closed_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `incident_reports_reporter` ON `incident_reports` (`reporter_id`);--> statement-breakpoint
CREATE TABLE `logo_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`requester_id` text NOT NULL,
	`target_type` text NOT NULL,
	`account_id` text,
	`site_url` text NOT NULL,
	`purpose` text NOT NULL,
	`site_relation` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision_reason` text,
	`clause` text,
	`reminded_at` text,
	`expires_at` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `logo_requests_status` ON `logo_requests` (`status`);--> statement-breakpoint
CREATE INDEX `logo_requests_account` ON `logo_requests` (`account_id`);--> statement-breakpoint
CREATE TABLE `security_exemptions` (
	`id` text PRIMARY KEY NOT NULL,
	`councillor_id` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision_reason` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `security_exemptions_councillor` ON `security_exemptions` (`councillor_id`);--> statement-breakpoint
CREATE TABLE `takedown_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`scope` text NOT NULL,
	`content_url` text,
	`reason` text NOT NULL,
	`clause` text NOT NULL,
	`requested_by` text NOT NULL,
	`created_at` text NOT NULL,
	`outcome` text NOT NULL,
	`outcome_note` text,
	`outcome_by` text,
	`outcome_at` text
);
