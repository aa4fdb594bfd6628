CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`patient_number` text,
	`request_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `desk_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`terminal_id` text NOT NULL,
	`at` text NOT NULL,
	`verifier_id` text NOT NULL,
	`verifier_name` text NOT NULL,
	`outcome` text NOT NULL,
	`link_status` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `eligibility_checks` (
	`check_id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`checked_at` text NOT NULL,
	`limit_consent` integer NOT NULL,
	`validity` text,
	`results` text NOT NULL,
	`warnings` text NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `checks_visit_idx` ON `eligibility_checks` (`visit_id`,`checked_at`);--> statement-breakpoint
CREATE TABLE `patients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_number` text NOT NULL,
	`patient_reference` text NOT NULL,
	`name` text,
	`name_kana` text,
	`birth_date` text,
	`sex` text,
	`first_visit_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patients_patient_number_unique` ON `patients` (`patient_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `patients_patient_reference_unique` ON `patients` (`patient_reference`);--> statement-breakpoint
CREATE TABLE `reception_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`terminal_id` text NOT NULL,
	`at` text NOT NULL,
	`step` text NOT NULL,
	`code` text NOT NULL,
	`visit_id` text
);
--> statement-breakpoint
CREATE INDEX `reception_log_terminal_idx` ON `reception_log` (`terminal_id`,`id`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login_id` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_login_id_unique` ON `staff` (`login_id`);--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`staff_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`patient_id` integer NOT NULL,
	`terminal_id` text NOT NULL,
	`recognition_id` text NOT NULL,
	`acr` text NOT NULL,
	`first_visit` integer NOT NULL,
	`recognised_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`limit_consent` integer,
	`state` text NOT NULL,
	`last_code` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`warnings` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visits_recognition_id_unique` ON `visits` (`recognition_id`);--> statement-breakpoint
CREATE INDEX `visits_patient_idx` ON `visits` (`patient_id`,`recognised_at`);--> statement-breakpoint
CREATE INDEX `visits_retry_idx` ON `visits` (`state`,`next_attempt_at`);