ALTER TABLE `services` ADD `kind` text;--> statement-breakpoint
-- The two services the demo seed registers, by their exact IDs, so a data directory made before kinds were recorded keeps working; any other service gets its kind when the PF administrator next registers it.
UPDATE `services` SET `kind` = 'facility-booking' WHERE `id` = 'facility-booking' AND `provider_id` = 'prov-facility';--> statement-breakpoint
UPDATE `services` SET `kind` = 'healthcare' WHERE `id` = 'healthcare' AND `provider_id` = 'prov-healthcare';
