CREATE TABLE `seen_terminal_assertions` (
	`key` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `seen_terminal_assertions_expiry` ON `seen_terminal_assertions` (`expires_at`);