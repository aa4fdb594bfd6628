CREATE TABLE `assisted_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`household_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`terminal_id` text NOT NULL,
	`registration_session_id` text NOT NULL,
	`expires_at` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`at` text NOT NULL,
	`staff_login_id` text NOT NULL,
	`action` text NOT NULL,
	`household_id` integer,
	`contract_id` text,
	`detail` text NOT NULL,
	`request_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_operator_idx` ON `audit_log` (`operator_id`,`at`);--> statement-breakpoint
CREATE TABLE `billing_months` (
	`operator_id` text NOT NULL,
	`month` text NOT NULL,
	`closed_at` text NOT NULL,
	`closed_by` text NOT NULL,
	`collection_fee_bp` integer NOT NULL,
	`statement_count` integer NOT NULL,
	`total_yen` integer NOT NULL,
	PRIMARY KEY(`operator_id`, `month`)
);
--> statement-breakpoint
CREATE TABLE `cable_id_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`cable_id` text NOT NULL,
	`kind` text NOT NULL,
	`previous_four_info` text,
	`new_four_info` text,
	`detail` text,
	`received_at` text NOT NULL,
	`reviewed_at` text,
	`reviewed_by` text
);
--> statement-breakpoint
CREATE INDEX `reviews_open_idx` ON `cable_id_reviews` (`operator_id`,`reviewed_at`);--> statement-breakpoint
CREATE TABLE `cable_ids` (
	`operator_id` text NOT NULL,
	`cable_id` text NOT NULL,
	`status` text NOT NULL,
	`household_id` integer,
	`member_id` integer,
	`link_method` text,
	`linked_at` text,
	`terminal_id` text NOT NULL,
	`registered_at` text NOT NULL,
	`four_info` text NOT NULL,
	`revoked_at` text,
	PRIMARY KEY(`operator_id`, `cable_id`)
);
--> statement-breakpoint
CREATE INDEX `cable_ids_household_idx` ON `cable_ids` (`operator_id`,`household_id`);--> statement-breakpoint
CREATE INDEX `cable_ids_status_idx` ON `cable_ids` (`operator_id`,`status`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`address` text NOT NULL,
	`address_key` text NOT NULL,
	`plan` text NOT NULL,
	`monthly_fee_yen` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`closed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `households_contract_uq` ON `households` (`operator_id`,`contract_id`);--> statement-breakpoint
CREATE INDEX `households_address_idx` ON `households` (`operator_id`,`address_key`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`household_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`birth_date` text NOT NULL,
	`gender` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_member_uq` ON `members` (`operator_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `members_match_idx` ON `members` (`operator_id`,`birth_date`);--> statement-breakpoint
CREATE INDEX `members_household_idx` ON `members` (`household_id`);--> statement-breakpoint
CREATE TABLE `operators` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`town` text NOT NULL,
	`prefecture` text NOT NULL,
	`pf_api_key` text NOT NULL,
	`webhook_secret` text NOT NULL,
	`invoice_registration_number` text NOT NULL,
	`collection_fee_bp` integer DEFAULT 500 NOT NULL,
	`terminal_ids` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pf_fee_statements` (
	`operator_id` text NOT NULL,
	`month` text NOT NULL,
	`body` text NOT NULL,
	`fetched_at` text NOT NULL,
	PRIMARY KEY(`operator_id`, `month`)
);
--> statement-breakpoint
CREATE TABLE `pf_link_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`cable_id` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`done_at` text
);
--> statement-breakpoint
CREATE INDEX `outbox_open_idx` ON `pf_link_outbox` (`done_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`staff_id` integer NOT NULL,
	`operator_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `settlements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`month` text NOT NULL,
	`provider_id` text NOT NULL,
	`provider_name` text NOT NULL,
	`records_collected` integer NOT NULL,
	`reversals` integer NOT NULL,
	`uncollected` integer NOT NULL,
	`gross_yen` integer NOT NULL,
	`collection_fee_yen` integer NOT NULL,
	`net_payable_yen` integer NOT NULL,
	`status` text NOT NULL,
	`pf_settlement_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`sent_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `settlements_uq` ON `settlements` (`operator_id`,`month`,`provider_id`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`login_id` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	FOREIGN KEY (`operator_id`) REFERENCES `operators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_login_uq` ON `staff` (`login_id`);--> statement-breakpoint
CREATE TABLE `statement_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement_id` integer NOT NULL,
	`kind` text NOT NULL,
	`usage_id` text,
	`provider_id` text,
	`description` text NOT NULL,
	`amount_yen` integer NOT NULL,
	`tax_rate_percent` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `statement_lines_statement_idx` ON `statement_lines` (`statement_id`);--> statement-breakpoint
CREATE INDEX `statement_lines_usage_idx` ON `statement_lines` (`usage_id`);--> statement-breakpoint
CREATE TABLE `statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`month` text NOT NULL,
	`household_id` integer NOT NULL,
	`contract_id` text NOT NULL,
	`address` text NOT NULL,
	`total10_yen` integer NOT NULL,
	`tax10_yen` integer NOT NULL,
	`total8_yen` integer NOT NULL,
	`tax8_yen` integer NOT NULL,
	`total0_yen` integer NOT NULL,
	`total_yen` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `statements_household_uq` ON `statements` (`operator_id`,`month`,`household_id`);--> statement-breakpoint
CREATE INDEX `statements_month_idx` ON `statements` (`operator_id`,`month`,`contract_id`);--> statement-breakpoint
CREATE TABLE `usage_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`usage_id` text NOT NULL,
	`cable_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`provider_name` text NOT NULL,
	`service_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_yen` integer NOT NULL,
	`tax_rate_percent` integer NOT NULL,
	`description` text NOT NULL,
	`occurred_at` text NOT NULL,
	`reverses_usage_id` text,
	`billing_month` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_usage_uq` ON `usage_records` (`operator_id`,`usage_id`);--> statement-breakpoint
CREATE INDEX `usage_month_idx` ON `usage_records` (`operator_id`,`billing_month`,`cable_id`);--> statement-breakpoint
CREATE INDEX `usage_cable_idx` ON `usage_records` (`operator_id`,`cable_id`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`operator_id` text NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`operator_id`, `event_id`)
);
