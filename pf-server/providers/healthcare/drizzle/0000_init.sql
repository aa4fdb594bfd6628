CREATE TABLE `checkups` (
	`user_id` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`exam_date` text NOT NULL,
	`height_cm` real NOT NULL,
	`weight_kg` real NOT NULL,
	`bmi` real NOT NULL,
	`waist_cm` real NOT NULL,
	`systolic_bp` integer NOT NULL,
	`diastolic_bp` integer NOT NULL,
	`hba1c` real NOT NULL,
	`ldl` integer NOT NULL,
	`hdl` integer NOT NULL,
	`triglycerides` integer NOT NULL,
	PRIMARY KEY(`user_id`, `fiscal_year`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `monthly_steps` (
	`user_id` text NOT NULL,
	`month` text NOT NULL,
	`total_steps` integer NOT NULL,
	`average_daily` integer NOT NULL,
	PRIMARY KEY(`user_id`, `month`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`published_at` text NOT NULL,
	`category` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pf_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`received_at` text NOT NULL,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`pairwise_id` text NOT NULL,
	`service_id` text NOT NULL,
	`operator_id` text,
	`enrolled_at` text NOT NULL,
	`consent_scope` text NOT NULL,
	`consent_granted_at` text NOT NULL,
	`consent_text_version` text NOT NULL,
	`sample_sex` text NOT NULL,
	`sample_age` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_pairwise_id_unique` ON `users` (`pairwise_id`);--> statement-breakpoint
CREATE TABLE `vaccinations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`vaccine` text NOT NULL,
	`dose` integer NOT NULL,
	`date` text NOT NULL,
	`place` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
