CREATE TABLE `operators` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`learnt_from` text NOT NULL,
	`updated_at` text NOT NULL
);
