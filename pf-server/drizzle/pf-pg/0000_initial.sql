CREATE TABLE "accounts" (
	"verifier_id" text NOT NULL,
	"person_id" text NOT NULL,
	"account_id" text NOT NULL,
	"link_status" text NOT NULL,
	"consent_text_version" text NOT NULL,
	"consent_accepted_at" text NOT NULL,
	"registered_at" text NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "accounts_verifier_id_person_id_pk" PRIMARY KEY("verifier_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "admin_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"login_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" text NOT NULL,
	"last_seen_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_staff" (
	"login_id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" text NOT NULL,
	"event" text NOT NULL,
	"outcome" text NOT NULL,
	"code" text,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"tenant_id" text,
	"terminal_id" text,
	"account_id" text,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "card_bindings" (
	"person_id" text PRIMARY KEY NOT NULL,
	"subject_key_id" text NOT NULL,
	"public_key_sha256" text NOT NULL,
	"bound_by" text NOT NULL,
	"bound_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"serial_hex" text NOT NULL,
	"kind" text NOT NULL,
	"person_id" text NOT NULL,
	"not_after" text NOT NULL,
	"status" text NOT NULL,
	"created_at" text NOT NULL,
	CONSTRAINT "certificates_serial_hex_kind_pk" PRIMARY KEY("serial_hex","kind")
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"nonce" text NOT NULL,
	"purpose" text NOT NULL,
	"tenant_id" text NOT NULL,
	"terminal_id" text,
	"person_id" text,
	"auth_serial_hex" text,
	"registration_session_id" text,
	"expires_at" text NOT NULL,
	"used_at" text,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cross_device_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"user_code_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"operator_id" text NOT NULL,
	"terminal_id" text NOT NULL,
	"terminal_label" text NOT NULL,
	"session_id" text,
	"status" text NOT NULL,
	"challenge_id" text,
	"phone_token_hash" text,
	"failed_answers" integer DEFAULT 0 NOT NULL,
	"cable_id" text,
	"result" json,
	"expires_at" text NOT NULL,
	"created_at" text NOT NULL,
	"confirmed_at" text,
	"answered_at" text,
	"delivered_at" text
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"cable_id" text NOT NULL,
	"service_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"pairwise_id" text NOT NULL,
	"provider_user_id" text NOT NULL,
	"enrolled_at" text NOT NULL,
	CONSTRAINT "enrolments_cable_id_service_id_pk" PRIMARY KEY("cable_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "key_values" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metering" (
	"tenant_id" text NOT NULL,
	"month" text NOT NULL,
	"metric" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "metering_tenant_id_month_metric_pk" PRIMARY KEY("tenant_id","month","metric")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"position" bigint GENERATED ALWAYS AS IDENTITY (sequence name "outbox_position_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"next_attempt_at" text NOT NULL,
	"last_error" text,
	"created_at" text NOT NULL,
	"delivered_at" text,
	"lease_until" text,
	"claimed_by" text
);
--> statement-breakpoint
CREATE TABLE "person_references" (
	"owner_id" text NOT NULL,
	"person_id" text NOT NULL,
	"reference" text NOT NULL,
	"created_at" text NOT NULL,
	CONSTRAINT "person_references_owner_id_person_id_pk" PRIMARY KEY("owner_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" text PRIMARY KEY NOT NULL,
	"birth_date" text NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"api_base_url" text NOT NULL,
	"pinless_allowed" boolean NOT NULL,
	"subject" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognitions" (
	"id" text PRIMARY KEY NOT NULL,
	"terminal_id" text NOT NULL,
	"site_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"person_id" text NOT NULL,
	"acr" text NOT NULL,
	"certificate_not_after" text,
	"recognised_at" text NOT NULL,
	"expires_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"operator_id" text NOT NULL,
	"terminal_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"member_id" text NOT NULL,
	"expires_at" text NOT NULL,
	"used_at" text,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retired_refresh_tokens" (
	"hash" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"retired_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seen_terminal_assertions" (
	"key" text PRIMARY KEY NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_id" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"requires_pin" boolean NOT NULL,
	"scope" json NOT NULL,
	"kind" text
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"cable_id" text NOT NULL,
	"operator_id" text NOT NULL,
	"terminal_id" text NOT NULL,
	"acr" text NOT NULL,
	"site_kind" text DEFAULT 'remote' NOT NULL,
	"refresh_token_hash" text NOT NULL,
	"refresh_expires_at" text NOT NULL,
	"revoked_at" text,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"id" text PRIMARY KEY NOT NULL,
	"operator_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"month" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"body" json NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_services" (
	"site_id" text NOT NULL,
	"service_id" text NOT NULL,
	CONSTRAINT "site_services_site_id_service_id_pk" PRIMARY KEY("site_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "site_verifiers" (
	"site_id" text NOT NULL,
	"verifier_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "site_verifiers_site_id_verifier_id_pk" PRIMARY KEY("site_id","verifier_id")
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"branding" json,
	"institution_code" text,
	"session_lifetime_days" integer DEFAULT 30 NOT NULL,
	"all_portal_services" boolean NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"town" text,
	"prefecture" text,
	"roles" json NOT NULL,
	"api_key_hash" text NOT NULL,
	"webhook_url" text,
	"webhook_secret" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "terminal_last_use" (
	"terminal_id" text PRIMARY KEY NOT NULL,
	"last_used_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "terminals" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"public_jwk" json NOT NULL,
	"status" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_records" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"cable_id" text NOT NULL,
	"operator_id" text NOT NULL,
	"service_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount_yen" integer NOT NULL,
	"tax_rate_percent" integer NOT NULL,
	"description" text NOT NULL,
	"occurred_at" text NOT NULL,
	"provider_reference" text NOT NULL,
	"reverses_usage_id" text,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verifiers" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"account_id_kind" text NOT NULL,
	"revocation_policy" text NOT NULL,
	"pinless_at_remote_sites" boolean NOT NULL,
	"cross_verifier_logins" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_account_id" ON "accounts" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "accounts_person" ON "accounts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "admin_sessions_last_seen" ON "admin_sessions" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "certificates_person" ON "certificates" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "cross_device_requests_user_code" ON "cross_device_requests" USING btree ("user_code_hash");--> statement-breakpoint
CREATE INDEX "enrolments_pairwise" ON "enrolments" USING btree ("pairwise_id");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "person_references_reference" ON "person_references" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "recognitions_expiry" ON "recognitions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "retired_refresh_tokens_at" ON "retired_refresh_tokens" USING btree ("retired_at");--> statement-breakpoint
CREATE INDEX "seen_terminal_assertions_expiry" ON "seen_terminal_assertions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_refresh" ON "sessions" USING btree ("refresh_token_hash");--> statement-breakpoint
CREATE INDEX "sessions_account" ON "sessions" USING btree ("cable_id");--> statement-breakpoint
CREATE UNIQUE INDEX "settlements_idempotency" ON "settlements" USING btree ("operator_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "sites_owner" ON "sites" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_api_key" ON "tenants" USING btree ("api_key_hash");--> statement-breakpoint
CREATE INDEX "terminals_owner" ON "terminals" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "terminals_site" ON "terminals" USING btree ("site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_idempotency" ON "usage_records" USING btree ("provider_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "usage_reference" ON "usage_records" USING btree ("provider_id","provider_reference");