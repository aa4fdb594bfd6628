CREATE TABLE `monthly_usage` (
	`month` text NOT NULL,
	`operator_id` text NOT NULL,
	`kind` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`month`, `operator_id`, `kind`)
);
