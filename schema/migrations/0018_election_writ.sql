-- Issue 12: a UK Parliament by-election's timetable runs forward from the day the returning officer
-- received the writ (RPA 1983 Sch 1 r.1). Recording it on the election gives the statutory notice date,
-- and so the pre-election period, without the council having to record the notice itself.
ALTER TABLE `elections` ADD COLUMN `writ_received` text;
