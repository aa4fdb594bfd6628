CREATE TABLE "failure_windows" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"ends_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ocsp_answers" (
	"key" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"revoked_at" text,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_at" bigint NOT NULL,
	"full_at" double precision NOT NULL,
	"last_refused" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "failure_windows_ends_at" ON "failure_windows" USING btree ("ends_at");--> statement-breakpoint
CREATE INDEX "ocsp_answers_expires_at" ON "ocsp_answers" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "rate_limit_buckets_full_at" ON "rate_limit_buckets" USING btree ("full_at");