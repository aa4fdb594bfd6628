CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`facility_id` text NOT NULL,
	`use_date` text NOT NULL,
	`slot_code` text NOT NULL,
	`status` text NOT NULL,
	`fee_yen` integer NOT NULL,
	`tax_rate_percent` integer NOT NULL,
	`service_id` text NOT NULL,
	`operator_id` text,
	`created_at` text NOT NULL,
	`cancelled_at` text,
	`fee_outcome` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_live_slot_uq` ON `bookings` (`facility_id`,`use_date`,`slot_code`) WHERE status = 'booked';--> statement-breakpoint
CREATE INDEX `bookings_user_idx` ON `bookings` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `facilities` (
	`id` text PRIMARY KEY NOT NULL,
	`town_code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`capacity` integer NOT NULL,
	`address` text NOT NULL,
	`opens_at` text NOT NULL,
	`closes_at` text NOT NULL,
	`closed_weekdays` text NOT NULL,
	`note` text NOT NULL,
	FOREIGN KEY (`town_code`) REFERENCES `towns`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `facilities_town_idx` ON `facilities` (`town_code`);--> statement-breakpoint
CREATE TABLE `facility_slots` (
	`facility_id` text NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`fee_yen` integer NOT NULL,
	`sort_order` integer NOT NULL,
	PRIMARY KEY(`facility_id`, `code`),
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pf_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`received_at` text NOT NULL,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settlement_records` (
	`settlement_id` text NOT NULL,
	`provider_reference` text NOT NULL,
	`status` text NOT NULL,
	`amount_yen` integer NOT NULL,
	PRIMARY KEY(`settlement_id`, `provider_reference`),
	FOREIGN KEY (`settlement_id`) REFERENCES `settlements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `settlements` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`operator_id` text NOT NULL,
	`operator_name` text NOT NULL,
	`town` text NOT NULL,
	`month` text NOT NULL,
	`records_collected` integer NOT NULL,
	`reversals` integer NOT NULL,
	`gross_yen` integer NOT NULL,
	`collection_fee_yen` integer NOT NULL,
	`net_payable_yen` integer NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `settlements_month_idx` ON `settlements` (`month`);--> statement-breakpoint
CREATE TABLE `towns` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`prefecture` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `usage_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`booking_id` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`usage_id` text,
	`created_at` text NOT NULL,
	`accepted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_outbox_idempotency_key_unique` ON `usage_outbox` (`idempotency_key`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`pairwise_id` text NOT NULL,
	`service_id` text NOT NULL,
	`operator_id` text,
	`enrolled_at` text NOT NULL,
	`consent_scope` text NOT NULL,
	`consent_granted_at` text NOT NULL,
	`consent_text_version` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_pairwise_id_unique` ON `users` (`pairwise_id`);