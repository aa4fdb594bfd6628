CREATE TABLE `card_bindings` (
	`cable_id` text PRIMARY KEY NOT NULL,
	`subject_key_id` text NOT NULL,
	`public_key_sha256` text NOT NULL,
	`bound_by` text NOT NULL,
	`bound_at` text NOT NULL
);
