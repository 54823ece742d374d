-- The anchor's count of entries is kept by SQLite itself: every row inserted into the audit log bumps it
-- in the same statement's transaction, so no commit can write an entry without counting it, and a
-- commit's batch no longer carries a statement of its own for the count.
CREATE TRIGGER `audit_anchor_counts` AFTER INSERT ON `audit_log`
BEGIN UPDATE `audit_anchor` SET `entries` = `entries` + 1, `updated_at` = NEW.`at` WHERE `id` = 1; END;
