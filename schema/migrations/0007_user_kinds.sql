-- A user is a person (signs in through Cloudflare Access, makes their own tokens) or a service account
-- (an integration: no email, its tokens are issued by an administrator). Fixed when the user is created.
ALTER TABLE `users` ADD `kind` text DEFAULT 'person' NOT NULL;
