/**
 * @module The facility provider's settings from the environment the launcher gives every service (e2e/README.md).
 */
import { join } from "node:path";
import { loadProviderCredentials, type ProviderCredentials } from "@catv/provider-kit";

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
}

export function loadFacilityConfig(env: NodeJS.ProcessEnv): FacilityConfig {
  return {
    port: Number(env.FACILITY_PORT ?? 7030),
    pfUrl: env.PF_URL ?? "http://127.0.0.1:7000",
    databaseFile: join(env.CATV_DATA_DIR ?? ".data", "facility.sqlite"),
    credentials: loadProviderCredentials(PROVIDER_ID, env),
    staffPassword: env.FACILITY_STAFF_PASSWORD ?? DEMO_STAFF_PASSWORD,
    usageRetryIntervalMs: Number(env.FACILITY_USAGE_RETRY_MS ?? 5000),
  };
}
