-- The core generalised (issue 18): operators and providers become tenants with roles, viewers become persons
-- with accounts at verifiers (a cable ID is the account ID at its operator), terminals belong to sites, and the
-- card binding and certificates belong to the person. Every row of an existing pf.sqlite is carried forward.
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`town` text,
	`prefecture` text,
	`roles` text NOT NULL,
	`api_key_hash` text NOT NULL,
	`webhook_url` text,
	`webhook_secret` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_api_key` ON `tenants` (`api_key_hash`);
--> statement-breakpoint
CREATE TABLE `verifiers` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`account_id_kind` text NOT NULL,
	`revocation_policy` text NOT NULL,
	`pinless_at_remote_sites` integer NOT NULL,
	`cross_verifier_logins` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `provider_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`api_base_url` text NOT NULL,
	`pinless_allowed` integer NOT NULL,
	`subject` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`branding` text,
	`institution_code` text,
	`session_lifetime_days` integer DEFAULT 30 NOT NULL,
	`all_portal_services` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sites_owner` ON `sites` (`owner_id`);
--> statement-breakpoint
CREATE TABLE `site_verifiers` (
	`site_id` text NOT NULL,
	`verifier_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`site_id`, `verifier_id`)
);
--> statement-breakpoint
CREATE TABLE `site_services` (
	`site_id` text NOT NULL,
	`service_id` text NOT NULL,
	PRIMARY KEY(`site_id`, `service_id`)
);
--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`birth_date` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `accounts` (
	`verifier_id` text NOT NULL,
	`person_id` text NOT NULL,
	`account_id` text NOT NULL,
	`link_status` text NOT NULL,
	`consent_text_version` text NOT NULL,
	`consent_accepted_at` text NOT NULL,
	`registered_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`verifier_id`, `person_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_account_id` ON `accounts` (`account_id`);
--> statement-breakpoint
CREATE INDEX `accounts_person` ON `accounts` (`person_id`);
--> statement-breakpoint
CREATE TABLE `person_references` (
	`owner_id` text NOT NULL,
	`person_id` text NOT NULL,
	`reference` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`owner_id`, `person_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `person_references_reference` ON `person_references` (`reference`);
--> statement-breakpoint
CREATE TABLE `recognitions` (
	`id` text PRIMARY KEY NOT NULL,
	`terminal_id` text NOT NULL,
	`site_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`person_id` text NOT NULL,
	`acr` text NOT NULL,
	`certificate_not_after` text,
	`recognised_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `recognitions_expiry` ON `recognitions` (`expires_at`);
--> statement-breakpoint
-- An operator is a verifier (its accounts are cable IDs; PIN-less at home STBs, its documented setting) and a
-- site owner with one remote portal site, `<operator>-home`, where its STBs stand.
INSERT INTO `tenants` (`id`, `name`, `town`, `prefecture`, `roles`, `api_key_hash`, `webhook_url`, `webhook_secret`, `created_at`, `updated_at`)
SELECT `id`, `name`, `town`, `prefecture`, '["verifier","site-owner"]', `api_key_hash`, `webhook_url`, `webhook_secret`, `created_at`, `updated_at` FROM `operators`;
--> statement-breakpoint
INSERT INTO `verifiers` (`tenant_id`, `account_id_kind`, `revocation_policy`, `pinless_at_remote_sites`, `cross_verifier_logins`)
SELECT `id`, 'cable-id', `revocation_policy`, 1, `cross_operator_logins` FROM `operators`;
--> statement-breakpoint
INSERT INTO `sites` (`id`, `owner_id`, `name`, `kind`, `channel`, `branding`, `institution_code`, `session_lifetime_days`, `all_portal_services`, `created_at`, `updated_at`)
SELECT `id` || '-home', `id`, `name`, 'remote', 'portal', `branding`, NULL, `session_lifetime_days`, 1, `created_at`, `updated_at` FROM `operators`;
--> statement-breakpoint
INSERT INTO `site_verifiers` (`site_id`, `verifier_id`, `position`) SELECT `id` || '-home', `id`, 0 FROM `operators`;
--> statement-breakpoint
-- A provider is a tenant with the provider role; one that shares an operator's ID adds the role to it.
UPDATE `tenants` SET `roles` = '["verifier","site-owner","provider"]' WHERE `id` IN (SELECT `id` FROM `providers`);
--> statement-breakpoint
INSERT INTO `tenants` (`id`, `name`, `town`, `prefecture`, `roles`, `api_key_hash`, `webhook_url`, `webhook_secret`, `created_at`, `updated_at`)
SELECT `id`, `name`, NULL, NULL, '["provider"]', `api_key_hash`, `webhook_url`, `webhook_secret`, `created_at`, `updated_at` FROM `providers` WHERE `id` NOT IN (SELECT `id` FROM `tenants`);
--> statement-breakpoint
INSERT INTO `provider_settings` (`tenant_id`, `api_base_url`, `pinless_allowed`, `subject`)
SELECT `id`, `api_base_url`, `pinless_allowed`, 'pairwise' FROM `providers`;
--> statement-breakpoint
-- Each viewer becomes a person (a new random ID, PF-internal) with an account at its operator, whose ID is the
-- cable ID the operator already knows.
INSERT INTO `accounts` (`verifier_id`, `person_id`, `account_id`, `link_status`, `consent_text_version`, `consent_accepted_at`, `registered_at`, `updated_at`)
SELECT `operator_id`, 'psn_' || lower(hex(randomblob(16))), `cable_id`, `household_link`, `consent_text_version`, `consent_accepted_at`, `registered_at`, `updated_at` FROM `viewers`;
--> statement-breakpoint
INSERT INTO `persons` (`id`, `birth_date`, `created_at`, `updated_at`)
SELECT `a`.`person_id`, `v`.`birth_date`, `v`.`registered_at`, `v`.`updated_at` FROM `accounts` `a` JOIN `viewers` `v` ON `v`.`cable_id` = `a`.`account_id`;
--> statement-breakpoint
CREATE TABLE `__new_certificates` (
	`serial_hex` text NOT NULL,
	`kind` text NOT NULL,
	`person_id` text NOT NULL,
	`not_after` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`serial_hex`, `kind`)
);
--> statement-breakpoint
INSERT INTO `__new_certificates` (`serial_hex`, `kind`, `person_id`, `not_after`, `status`, `created_at`)
SELECT `c`.`serial_hex`, `c`.`kind`, `a`.`person_id`, `c`.`not_after`, `c`.`status`, `c`.`created_at` FROM `certificates` `c` JOIN `accounts` `a` ON `a`.`account_id` = `c`.`cable_id`;
--> statement-breakpoint
DROP TABLE `certificates`;
--> statement-breakpoint
ALTER TABLE `__new_certificates` RENAME TO `certificates`;
--> statement-breakpoint
CREATE INDEX `certificates_person` ON `certificates` (`person_id`);
--> statement-breakpoint
CREATE TABLE `__new_card_bindings` (
	`person_id` text PRIMARY KEY NOT NULL,
	`subject_key_id` text NOT NULL,
	`public_key_sha256` text NOT NULL,
	`bound_by` text NOT NULL,
	`bound_at` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_card_bindings` (`person_id`, `subject_key_id`, `public_key_sha256`, `bound_by`, `bound_at`)
SELECT `a`.`person_id`, `b`.`subject_key_id`, `b`.`public_key_sha256`, `b`.`bound_by`, `b`.`bound_at` FROM `card_bindings` `b` JOIN `accounts` `a` ON `a`.`account_id` = `b`.`cable_id`;
--> statement-breakpoint
DROP TABLE `card_bindings`;
--> statement-breakpoint
ALTER TABLE `__new_card_bindings` RENAME TO `card_bindings`;
--> statement-breakpoint
CREATE TABLE `__new_challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`nonce` text NOT NULL,
	`purpose` text NOT NULL,
	`tenant_id` text NOT NULL,
	`terminal_id` text,
	`person_id` text,
	`auth_serial_hex` text,
	`registration_session_id` text,
	`expires_at` text NOT NULL,
	`used_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
-- Challenges live two minutes; the open ones are carried over all the same (a PIN-less one names its person).
INSERT INTO `__new_challenges` (`id`, `nonce`, `purpose`, `tenant_id`, `terminal_id`, `person_id`, `auth_serial_hex`, `registration_session_id`, `expires_at`, `used_at`, `created_at`)
SELECT `c`.`id`, `c`.`nonce`, `c`.`purpose`, `c`.`operator_id`, `c`.`terminal_id`, `a`.`person_id`, `c`.`auth_serial_hex`, `c`.`registration_session_id`, `c`.`expires_at`, `c`.`used_at`, `c`.`created_at` FROM `challenges` `c` LEFT JOIN `accounts` `a` ON `a`.`account_id` = `c`.`cable_id`;
--> statement-breakpoint
DROP TABLE `challenges`;
--> statement-breakpoint
ALTER TABLE `__new_challenges` RENAME TO `challenges`;
--> statement-breakpoint
CREATE TABLE `__new_terminals` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`public_jwk` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
-- Every STB stands at its operator's portal site.
INSERT INTO `__new_terminals` (`id`, `site_id`, `owner_id`, `public_jwk`, `status`, `created_at`)
SELECT `id`, `operator_id` || '-home', `operator_id`, `public_jwk`, `status`, `created_at` FROM `terminals`;
--> statement-breakpoint
DROP TABLE `terminals`;
--> statement-breakpoint
ALTER TABLE `__new_terminals` RENAME TO `terminals`;
--> statement-breakpoint
CREATE INDEX `terminals_owner` ON `terminals` (`owner_id`);
--> statement-breakpoint
CREATE INDEX `terminals_site` ON `terminals` (`site_id`);
--> statement-breakpoint
ALTER TABLE `sessions` ADD `site_kind` text DEFAULT 'remote' NOT NULL;
--> statement-breakpoint
-- 0006's index on the same column under its old name gives way to the account-named one.
DROP INDEX IF EXISTS `sessions_cable`;
--> statement-breakpoint
CREATE INDEX `sessions_account` ON `sessions` (`cable_id`);
--> statement-breakpoint
ALTER TABLE `metering` RENAME COLUMN `operator_id` TO `tenant_id`;
--> statement-breakpoint
ALTER TABLE `audit_events` RENAME COLUMN `operator_id` TO `tenant_id`;
--> statement-breakpoint
ALTER TABLE `audit_events` RENAME COLUMN `cable_id` TO `account_id`;
--> statement-breakpoint
DROP TABLE `operators`;
--> statement-breakpoint
DROP TABLE `providers`;
--> statement-breakpoint
DROP TABLE `viewers`;
