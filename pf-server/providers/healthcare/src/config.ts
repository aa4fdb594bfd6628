/**
 * @module The healthcare provider's settings from the launcher's environment (e2e/README.md).
 */
import { join } from "node:path";
import { loadProviderCredentials, type ProviderCredentials } from "@catv/provider-kit";

export const PROVIDER_ID = "prov-healthcare";

export interface HealthcareConfig {
  port: number;
  pfUrl: string;
  databaseFile: string;
  credentials: ProviderCredentials;
  staffPassword: string;
}

/** Documented demo default; set HEALTHCARE_STAFF_PASSWORD in any real installation. */
export const DEMO_STAFF_PASSWORD = "healthcare-staff-demo";

export function loadHealthcareConfig(env: NodeJS.ProcessEnv): HealthcareConfig {
  return {
    port: Number(env.HEALTHCARE_PORT ?? 7040),
    pfUrl: env.PF_URL ?? "http://127.0.0.1:7000",
    databaseFile: join(env.CATV_DATA_DIR ?? ".data", "healthcare.sqlite"),
    credentials: loadProviderCredentials(PROVIDER_ID, env),
    staffPassword: env.HEALTHCARE_STAFF_PASSWORD ?? DEMO_STAFF_PASSWORD,
  };
}
