/**
 * @module The facility provider's settings from the environment the launcher gives every service (e2e/README.md),
 * checked at start: a bad value stops the process with one line per problem.
 */
import { join } from "node:path";
import { chooseDatabase, type DatabaseChoice } from "@catv/postgres";
import { loadProviderCredentials, type ProviderCredentials, type StaffLogin } from "@catv/provider-kit";
import {
  checkEnv,
  envInteger,
  envPort,
  envText,
  envUrl,
  failConfiguration,
  oneLine,
} from "@catv/service-kit/env-config";
import { DEFAULT_DRAIN_MS } from "@catv/service-kit/graceful-shutdown";
import { z } from "zod";

export const PROVIDER_ID = "prov-facility";

export interface FacilityConfig {
  port: number;
  pfUrl: string;
  /** `DATABASE_URL`: PostgreSQL, or SQLite (`$CATV_DATA_DIR/facility.sqlite` when unset). */
  database: DatabaseChoice;
  credentials: ProviderCredentials;
  /** The staff pages' login: user `staff` with FACILITY_STAFF_PASSWORD, else the demo credentials' login. */
  staff: StaffLogin;
  usageRetryIntervalMs: number;
  /** How long the usage worker's claim on reports lasts; undefined: provider-kit's default (2 minutes). */
  usageLeaseMs: number | undefined;
  /**
   * Claims of usage reports the worker sends side by side (1: one at a time). Each report waits for the PF's
   * answer, so one at a time makes a backlog go out at one report per round trip; a booking's reports keep their
   * order at any setting.
   */
  usageConcurrency: number;
  /** How long SIGTERM waits for in-flight requests and a usage report being sent. */
  drainMs: number;
}

export const facilityEnvSchema = z.object({
  FACILITY_PORT: envPort(7030),
  PF_URL: envUrl("http://127.0.0.1:7000"),
  CATV_DATA_DIR: envText(".data"),
  FACILITY_STAFF_PASSWORD: envText(undefined),
  FACILITY_USAGE_RETRY_MS: envInteger(5000, { min: 10 }),
  // 0 (the default): provider-kit's lease, long enough for a whole claim.
  FACILITY_USAGE_LEASE_MS: envInteger(0, { min: 0 }),
  FACILITY_USAGE_CONCURRENCY: envInteger(4, { min: 1, max: 32 }),
  CATV_SHUTDOWN_DRAIN_MS: envInteger(DEFAULT_DRAIN_MS, { min: 0, max: 300_000 }),
  DATABASE_URL: envText(undefined),
});

/** The provider's configuration, or one line per problem on stderr and exit 78. */
export function loadFacilityConfig(env: NodeJS.ProcessEnv): FacilityConfig {
  const checked = checkEnv(facilityEnvSchema, env);
  const problems: string[] = [...checked.problems];
  let credentials: ProviderCredentials | undefined;
  try {
    credentials = loadProviderCredentials(PROVIDER_ID, env);
  } catch (error) {
    problems.push(env.CATV_DEMO_CREDENTIALS ? `CATV_DEMO_CREDENTIALS: ${oneLine(error)}` : oneLine(error));
  }
  const password = checked.data?.FACILITY_STAFF_PASSWORD;
  const staff = password ? { loginId: "staff", password } : credentials?.staff;
  if (credentials && !staff) {
    problems.push(
      "FACILITY_STAFF_PASSWORD: required (the staff pages' password; the demo credentials have none)",
    );
  }
  let database: DatabaseChoice | undefined;
  if (checked.data) {
    try {
      database = chooseDatabase(
        checked.data.DATABASE_URL,
        join(checked.data.CATV_DATA_DIR, "facility.sqlite"),
      );
    } catch (error) {
      problems.push(`DATABASE_URL: ${oneLine(error)}`);
    }
  }
  if (!checked.data || !credentials || !staff || !database) return failConfiguration("facility", problems);
  return {
    port: checked.data.FACILITY_PORT,
    pfUrl: checked.data.PF_URL,
    database,
    credentials,
    staff,
    usageRetryIntervalMs: checked.data.FACILITY_USAGE_RETRY_MS,
    usageLeaseMs: checked.data.FACILITY_USAGE_LEASE_MS || undefined,
    usageConcurrency: checked.data.FACILITY_USAGE_CONCURRENCY,
    drainMs: checked.data.CATV_SHUTDOWN_DRAIN_MS,
  };
}
