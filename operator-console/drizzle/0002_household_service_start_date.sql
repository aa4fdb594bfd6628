ALTER TABLE `households` ADD `service_start_date` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Households entered before the column existed: their service began on the JST date they were entered.
UPDATE `households` SET `service_start_date` = date(`created_at`, '+9 hours') WHERE `service_start_date` = '';
