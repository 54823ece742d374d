-- Statements of persons nominated: the candidates for an election, users of the service or not, whose
-- names pre-election screening recognises (2011 Code; policy 9.2). A candidate stands in one of the
-- election's own areas: the composite foreign key to election_areas enforces it.
CREATE TABLE `nominations` (
	`id` text PRIMARY KEY NOT NULL,
	`election_id` text NOT NULL,
	`area_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`withdrawn_at` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`election_id`) REFERENCES `elections`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT `nominations_election_area_fk` FOREIGN KEY (`election_id`,`area_id`) REFERENCES `election_areas`(`election_id`,`area_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `nominations_election_area` ON `nominations` (`election_id`,`area_id`);
