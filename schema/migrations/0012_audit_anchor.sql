-- The audit chain's anchor, outside the rows it protects: how many entries were ever written (bumped in
-- the same batch as each commit) and the newest sealed head. Entries are never deleted and a sealed
-- entry is never re-sealed, so fewer rows than `entries`, or a head that no longer matches, is a break.
CREATE TABLE `audit_anchor` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`entries` integer NOT NULL,
	`head_seq` integer NOT NULL,
	`head_hash` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `audit_anchor` (`id`, `entries`, `head_seq`, `head_hash`, `updated_at`)
SELECT 1, (SELECT count(*) FROM `audit_log`),
  coalesce((SELECT max(`seq`) FROM `audit_log` WHERE `hash` IS NOT NULL), 0),
  coalesce((SELECT `hash` FROM `audit_log` WHERE `hash` IS NOT NULL ORDER BY `seq` DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000'),
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
--> statement-breakpoint
-- Business rows in the chain: an audited change records the rows it wrote (a JSON array of
-- {table, key, state}, the state read by SQLite inside the same transaction); verify compares the live
-- rows with the newest state recorded for each.
ALTER TABLE `audit_log` ADD `rows` text;
--> statement-breakpoint
-- A submitted return locks its ledger in the database itself: an expense written in the same instant
-- as the submission either lands before it (and is in the snapshot, whose guard sees the ledger) or is
-- refused here; it is never locked out of the hashed return.
CREATE TRIGGER `expense_items_locked_insert` BEFORE INSERT ON `expense_items`
WHEN (SELECT `return_state` FROM `candidacies` WHERE `id` = NEW.`candidacy_id`) = 'submitted'
BEGIN SELECT RAISE(ABORT, 'ledger_locked'); END;
--> statement-breakpoint
CREATE TRIGGER `expense_items_locked_update` BEFORE UPDATE ON `expense_items`
WHEN (SELECT `return_state` FROM `candidacies` WHERE `id` = OLD.`candidacy_id`) = 'submitted'
BEGIN SELECT RAISE(ABORT, 'ledger_locked'); END;
