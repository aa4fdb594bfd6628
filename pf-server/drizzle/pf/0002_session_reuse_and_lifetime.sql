CREATE TABLE `retired_refresh_tokens` (
	`hash` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`retired_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `retired_refresh_tokens_at` ON `retired_refresh_tokens` (`retired_at`);--> statement-breakpoint
ALTER TABLE `operators` ADD `session_lifetime_days` integer DEFAULT 30 NOT NULL;