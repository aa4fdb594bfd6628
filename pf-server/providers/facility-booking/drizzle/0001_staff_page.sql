CREATE TABLE `operators` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`learnt_from` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `slot_closures` (
	`facility_id` text NOT NULL,
	`use_date` text NOT NULL,
	`slot_code` text NOT NULL,
	`reason` text NOT NULL,
	`notice_to_booked` text NOT NULL,
	`closed_at` text NOT NULL,
	`closed_by` text NOT NULL,
	PRIMARY KEY(`facility_id`, `use_date`, `slot_code`),
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `slot_closures_date_idx` ON `slot_closures` (`use_date`);--> statement-breakpoint
CREATE TABLE `staff_audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`staff` text NOT NULL,
	`action` text NOT NULL,
	`outcome` text NOT NULL,
	`facility_id` text NOT NULL,
	`use_date` text NOT NULL,
	`slot_code` text NOT NULL,
	`detail` text,
	`request_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `staff_audit_at_idx` ON `staff_audit` (`at`);