-- The council's own published contacts (phone numbers, e-mail addresses or "@domain", postal
-- addresses), which screening does not treat as personal data (policy 8.3). JSON object.
ALTER TABLE council_settings ADD COLUMN published_contacts TEXT NOT NULL DEFAULT '{"phones":[],"emails":[],"addresses":[]}';
