CREATE TABLE `candidacies` (
	`id` text PRIMARY KEY NOT NULL,
	`candidate_id` text NOT NULL,
	`election_id` text NOT NULL,
	`area_id` text NOT NULL,
	`electorate` integer NOT NULL,
	`joint_candidates` integer NOT NULL,
	`constituency_type` text,
	`agent_id` text,
	`announced_on` text,
	`nominated_on` text,
	`return_state` text NOT NULL,
	`correction_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `candidacies_once` ON `candidacies` (`candidate_id`,`election_id`);--> statement-breakpoint
CREATE INDEX `candidacies_agent` ON `candidacies` (`agent_id`);--> statement-breakpoint
CREATE TABLE `digital_imprints` (
	`id` text PRIMARY KEY NOT NULL,
	`candidacy_id` text NOT NULL,
	`material` text NOT NULL,
	`location` text NOT NULL,
	`text` text NOT NULL,
	`check` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `expense_items` (
	`id` text PRIMARY KEY NOT NULL,
	`candidacy_id` text NOT NULL,
	`incurred_on` text NOT NULL,
	`paid_on` text,
	`supplier` text NOT NULL,
	`description` text NOT NULL,
	`category` text NOT NULL,
	`sub_type` text NOT NULL,
	`platform` text,
	`amount_pence` integer NOT NULL,
	`vat_pence` integer NOT NULL,
	`invoice_ref` text,
	`invoice_held` integer NOT NULL,
	`market_value_pence` integer,
	`apportioned_pence` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `expense_items_candidacy` ON `expense_items` (`candidacy_id`);--> statement-breakpoint
CREATE TABLE `spending_limit_rows` (
	`id` text PRIMARY KEY NOT NULL,
	`content` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `spending_returns` (
	`candidacy_id` text NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`sha256` text NOT NULL,
	`submitted_by` text NOT NULL,
	`submitted_at` text NOT NULL,
	`correction_reason` text,
	`received_on` text,
	`received_by` text,
	PRIMARY KEY(`candidacy_id`, `version`)
);
