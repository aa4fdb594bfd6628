ALTER TABLE `crls` ADD `scope` text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE `crls` ADD `base_crl_number` integer;--> statement-breakpoint
ALTER TABLE `crls` ADD `revoked_entries` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `crls` ADD `synthetic_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `crls` ADD `synthetic_seed` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `crls` ADD `synthetic_as_of` text;