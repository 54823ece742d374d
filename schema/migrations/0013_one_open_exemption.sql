-- Policy 5.5: a councillor has at most one pending or approved security exemption, enforced by the
-- database (a check before the insert let parallel requests through). Any duplicates already there
-- are closed first, keeping the earliest.
UPDATE `security_exemptions` SET `status` = 'rejected', `decision_reason` = 'Duplicate request, closed automatically: an earlier one was open.'
WHERE `status` IN ('pending', 'approved') AND EXISTS (
  SELECT 1 FROM `security_exemptions` e WHERE e.`councillor_id` = `security_exemptions`.`councillor_id`
    AND e.`status` IN ('pending', 'approved')
    AND (e.`created_at` < `security_exemptions`.`created_at` OR (e.`created_at` = `security_exemptions`.`created_at` AND e.`id` < `security_exemptions`.`id`))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `security_exemptions_one_open` ON `security_exemptions` (`councillor_id`) WHERE `status` IN ('pending', 'approved');
