CREATE TABLE `terminal_last_use` (
	`terminal_id` text PRIMARY KEY NOT NULL,
	`last_used_at` text NOT NULL
);
