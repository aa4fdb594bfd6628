CREATE TABLE "registration_call_windows" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "registration_call_windows_window_idx" ON "registration_call_windows" USING btree ("window_started_at");