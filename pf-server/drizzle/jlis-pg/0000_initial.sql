CREATE TABLE "ca_keys" (
	"name" text PRIMARY KEY NOT NULL,
	"private_key_pkcs8" "bytea" NOT NULL,
	"certificate_der" "bytea",
	"key_id" text,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"serial_number" text PRIMARY KEY NOT NULL,
	"certificate_type" text NOT NULL,
	"resident_id" text NOT NULL,
	"card_id" text NOT NULL,
	"der" "bytea" NOT NULL,
	"not_before" text NOT NULL,
	"not_after" text NOT NULL,
	"issued_at" text NOT NULL,
	"revoked_at" text,
	"revocation_reason" text,
	"paired_serial_number" text,
	"supersedes_serial_number" text,
	"superseded_by_serial_number" text
);
--> statement-breakpoint
CREATE TABLE "crls" (
	"certificate_type" text NOT NULL,
	"crl_number" integer NOT NULL,
	"scope" text DEFAULT 'full' NOT NULL,
	"base_crl_number" integer,
	"this_update" text NOT NULL,
	"next_update" text NOT NULL,
	"revoked_entries" json DEFAULT '[]'::json NOT NULL,
	"synthetic_count" integer DEFAULT 0 NOT NULL,
	"synthetic_seed" text DEFAULT '' NOT NULL,
	"synthetic_as_of" text,
	CONSTRAINT "crls_certificate_type_crl_number_pk" PRIMARY KEY("certificate_type","crl_number")
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_alternative_flags" text NOT NULL,
	"address" text NOT NULL,
	"address_alternative_flags" text NOT NULL,
	"birth_date" text NOT NULL,
	"gender" text NOT NULL,
	"town" text NOT NULL,
	"prefecture" text NOT NULL,
	"decoy_my_number" text NOT NULL,
	"card_id" text NOT NULL,
	"card_status" text NOT NULL,
	"card_expires_on" text NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verifier_usage" (
	"verifier_id" text NOT NULL,
	"kind" text NOT NULL,
	"month" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "verifier_usage_verifier_id_kind_month_pk" PRIMARY KEY("verifier_id","kind","month")
);
--> statement-breakpoint
CREATE TABLE "verifiers" (
	"id" text PRIMARY KEY NOT NULL,
	"secret_sha256" text NOT NULL,
	"registered_at" text NOT NULL
);
