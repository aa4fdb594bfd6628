CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`event` text NOT NULL,
	`outcome` text NOT NULL,
	`code` text,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`operator_id` text,
	`terminal_id` text,
	`cable_id` text,
	`request_id` text
);
--> statement-breakpoint
CREATE TABLE `certificates` (
	`serial_hex` text NOT NULL,
	`kind` text NOT NULL,
	`cable_id` text NOT NULL,
	`not_after` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`serial_hex`, `kind`)
);
--> statement-breakpoint
CREATE INDEX `certificates_cable` ON `certificates` (`cable_id`);--> statement-breakpoint
CREATE TABLE `challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`nonce` text NOT NULL,
	`purpose` text NOT NULL,
	`operator_id` text NOT NULL,
	`terminal_id` text NOT NULL,
	`cable_id` text,
	`auth_serial_hex` text,
	`registration_session_id` text,
	`expires_at` text NOT NULL,
	`used_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `enrolments` (
	`cable_id` text NOT NULL,
	`service_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`pairwise_id` text NOT NULL,
	`provider_user_id` text NOT NULL,
	`enrolled_at` text NOT NULL,
	PRIMARY KEY(`cable_id`, `service_id`)
);
--> statement-breakpoint
CREATE INDEX `enrolments_pairwise` ON `enrolments` (`pairwise_id`);--> statement-breakpoint
CREATE TABLE `key_values` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `metering` (
	`operator_id` text NOT NULL,
	`month` text NOT NULL,
	`metric` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`operator_id`, `month`, `metric`)
);
--> statement-breakpoint
CREATE TABLE `operators` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`town` text NOT NULL,
	`prefecture` text NOT NULL,
	`api_key_hash` text NOT NULL,
	`revocation_policy` text NOT NULL,
	`branding` text NOT NULL,
	`webhook_url` text,
	`webhook_secret` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`delivered_at` text
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `providers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`api_base_url` text NOT NULL,
	`webhook_url` text,
	`webhook_secret` text,
	`api_key_hash` text NOT NULL,
	`pinless_allowed` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `registration_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`operator_id` text NOT NULL,
	`terminal_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`member_id` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `services` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`requires_pin` integer NOT NULL,
	`scope` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`cable_id` text NOT NULL,
	`operator_id` text NOT NULL,
	`terminal_id` text NOT NULL,
	`acr` text NOT NULL,
	`refresh_token_hash` text NOT NULL,
	`refresh_expires_at` text NOT NULL,
	`revoked_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_refresh` ON `sessions` (`refresh_token_hash`);--> statement-breakpoint
CREATE TABLE `settlements` (
	`id` text PRIMARY KEY NOT NULL,
	`operator_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`month` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `settlements_idempotency` ON `settlements` (`operator_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `terminals` (
	`id` text PRIMARY KEY NOT NULL,
	`operator_id` text NOT NULL,
	`public_jwk` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `terminals_operator` ON `terminals` (`operator_id`);--> statement-breakpoint
CREATE TABLE `usage_records` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`cable_id` text NOT NULL,
	`operator_id` text NOT NULL,
	`service_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_yen` integer NOT NULL,
	`tax_rate_percent` integer NOT NULL,
	`description` text NOT NULL,
	`occurred_at` text NOT NULL,
	`provider_reference` text NOT NULL,
	`reverses_usage_id` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_idempotency` ON `usage_records` (`provider_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `usage_reference` ON `usage_records` (`provider_id`,`provider_reference`);--> statement-breakpoint
CREATE TABLE `viewers` (
	`cable_id` text PRIMARY KEY NOT NULL,
	`operator_id` text NOT NULL,
	`birth_date` text NOT NULL,
	`household_link` text NOT NULL,
	`consent_text_version` text NOT NULL,
	`consent_accepted_at` text NOT NULL,
	`registered_at` text NOT NULL,
	`updated_at` text NOT NULL
);
