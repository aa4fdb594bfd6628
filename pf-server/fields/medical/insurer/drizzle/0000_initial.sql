CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`insurer_id` text NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`detail` text NOT NULL,
	`request_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`insurer_id`,`at`);--> statement-breakpoint
CREATE TABLE `csv_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text NOT NULL,
	`encoding` text NOT NULL,
	`rows` text NOT NULL,
	`status` text NOT NULL,
	`decided_at` text,
	`decided_by` text
);
--> statement-breakpoint
CREATE TABLE `eligibility_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`insurer_id` text NOT NULL,
	`request_id` text NOT NULL,
	`account_id` text NOT NULL,
	`medical_institution_code` text NOT NULL,
	`confirmation_date` text NOT NULL,
	`acr` text NOT NULL,
	`limit_consent` integer NOT NULL,
	`processing_status` text NOT NULL,
	`validity` text,
	`processed_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `eligibility_requests_at` ON `eligibility_requests` (`insurer_id`,`processed_at`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`symbol` text,
	`number` text NOT NULL,
	`income_bracket` text NOT NULL,
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `households_symbol_number` ON `households` (`insurer_id`,`symbol`,`number`);--> statement-breakpoint
CREATE TABLE `insured_persons` (
	`id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`household_id` text NOT NULL,
	`branch_number` text NOT NULL,
	`relationship` text NOT NULL,
	`name` text NOT NULL,
	`name_kana` text NOT NULL,
	`sex` text NOT NULL,
	`birth_date` text NOT NULL,
	`address` text NOT NULL,
	`postal_code` text,
	`card_classification` text NOT NULL,
	`qualification_date` text NOT NULL,
	`disqualification_date` text,
	`reason_of_loss` text,
	`name_key` text NOT NULL,
	`kana_key` text NOT NULL,
	`address_key` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `insured_persons_branch` ON `insured_persons` (`household_id`,`branch_number`);--> statement-breakpoint
CREATE INDEX `insured_persons_birth` ON `insured_persons` (`insurer_id`,`birth_date`);--> statement-breakpoint
CREATE INDEX `insured_persons_name` ON `insured_persons` (`insurer_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `insured_persons_kana` ON `insured_persons` (`insurer_id`,`kana_key`);--> statement-breakpoint
CREATE TABLE `insurers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`insurer_number` text NOT NULL,
	`town` text NOT NULL,
	`prefecture` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`insurer_id` text NOT NULL,
	`account_id` text NOT NULL,
	`person_id` text NOT NULL,
	`method` text NOT NULL,
	`mismatch_confirmed` integer NOT NULL,
	`linked_at` text NOT NULL,
	`linked_by` text NOT NULL,
	`unlinked_at` text,
	`unlinked_by` text,
	`unlink_reason` text,
	FOREIGN KEY (`person_id`) REFERENCES `insured_persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `links_account` ON `links` (`insurer_id`,`account_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `links_live_person` ON `links` (`person_id`) WHERE unlinked_at IS NULL;--> statement-breakpoint
CREATE TABLE `person_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`insurer_id` text NOT NULL,
	`person_id` text NOT NULL,
	`field` text NOT NULL,
	`old_value` text NOT NULL,
	`new_value` text NOT NULL,
	`account_id` text,
	`at` text NOT NULL,
	`staff_login_id` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `insured_persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pf_events` (
	`insurer_id` text NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`received_at` text NOT NULL,
	`payload` text NOT NULL,
	PRIMARY KEY(`insurer_id`, `event_id`)
);
--> statement-breakpoint
CREATE TABLE `pf_link_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`insurer_id` text NOT NULL,
	`account_id` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`done_at` text,
	`outcome` text,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `pf_link_outbox_open` ON `pf_link_outbox` (`done_at`,`id`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`insurer_id` text NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`name_alternative_flags` text,
	`address` text NOT NULL,
	`address_alternative_flags` text,
	`date_of_birth` text NOT NULL,
	`gender` text NOT NULL,
	`channel` text NOT NULL,
	`site_kind` text,
	`consent_version` text NOT NULL,
	`consent_accepted_at` text NOT NULL,
	`registered_at` text NOT NULL,
	`received_at` text NOT NULL,
	`status` text NOT NULL,
	`revoked_at` text,
	`revocation_reason` text,
	`revoked_certificate` text,
	`updated_at` text,
	`update_reason` text,
	`review_pending` integer DEFAULT false NOT NULL,
	`name_key` text NOT NULL,
	`address_key` text NOT NULL,
	PRIMARY KEY(`insurer_id`, `account_id`),
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `registrations_received` ON `registrations` (`insurer_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`insurer_id` text NOT NULL,
	`login_id` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`display_name` text NOT NULL,
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_login_id_unique` ON `staff` (`login_id`);--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`staff_id` integer NOT NULL,
	`insurer_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `used_assertions` (
	`jti` text PRIMARY KEY NOT NULL,
	`expires_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `web_registrations` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`challenge_id` text,
	`challenge_expires_at` text,
	`created_at` text NOT NULL,
	`completed_at` text,
	`outcome` text
);
