/**
 * @module The facility provider's settings from the environment the launcher gives every service (e2e/README.md),
 * checked at start: a bad value stops the process with one line per problem.
 */
import { join } from "node:path";
import { loadProviderCredentials, type ProviderCredentials } from "@catv/provider-kit";
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
/** Documented demo default; set FACILITY_STAFF_PASSWORD in any real installation. */
export const DEMO_STAFF_PASSWORD = "facility-staff-demo";

export interface FacilityConfig {
  port: number;
  pfUrl: string;
  databaseFile: string;
  credentials: ProviderCredentials;
  staffPassword: string;
  usageRetryIntervalMs: number;
  /** How long SIGTERM waits for in-flight requests and a usage report being sent. */
  drainMs: number;
}

export const facilityEnvSchema = z.object({
  FACILITY_PORT: envPort(7030),
  PF_URL: envUrl("http://127.0.0.1:7000"),
  CATV_DATA_DIR: envText(".data"),
  FACILITY_STAFF_PASSWORD: envText(DEMO_STAFF_PASSWORD),
  FACILITY_USAGE_RETRY_MS: envInteger(5000, { min: 10 }),
  CATV_SHUTDOWN_DRAIN_MS: envInteger(DEFAULT_DRAIN_MS, { min: 0, max: 300_000 }),
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
  if (!checked.data || !credentials) return failConfiguration("facility", problems);
  return {
    port: checked.data.FACILITY_PORT,
    pfUrl: checked.data.PF_URL,
    databaseFile: join(checked.data.CATV_DATA_DIR, "facility.sqlite"),
    credentials,
    staffPassword: checked.data.FACILITY_STAFF_PASSWORD,
    usageRetryIntervalMs: checked.data.FACILITY_USAGE_RETRY_MS,
    drainMs: checked.data.CATV_SHUTDOWN_DRAIN_MS,
  };
}
