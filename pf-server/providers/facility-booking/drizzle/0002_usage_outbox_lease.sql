ALTER TABLE `usage_outbox` ADD `lease_owner` text;--> statement-breakpoint
ALTER TABLE `usage_outbox` ADD `lease_until` text;