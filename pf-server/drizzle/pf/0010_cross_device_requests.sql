CREATE TABLE `cross_device_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`user_code_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`operator_id` text NOT NULL,
	`terminal_id` text NOT NULL,
	`terminal_label` text NOT NULL,
	`session_id` text,
	`status` text NOT NULL,
	`challenge_id` text,
	`phone_token_hash` text,
	`failed_answers` integer DEFAULT 0 NOT NULL,
	`cable_id` text,
	`result` text,
	`expires_at` text NOT NULL,
	`created_at` text NOT NULL,
	`confirmed_at` text,
	`answered_at` text,
	`delivered_at` text
);
--> statement-breakpoint
CREATE INDEX `cross_device_requests_user_code` ON `cross_device_requests` (`user_code_hash`);