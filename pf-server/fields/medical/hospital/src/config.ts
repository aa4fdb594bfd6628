/**
 * @module The hospital system's settings from the environment the launcher gives every service (e2e/README.md) and
 * its part of the demo credentials file (`medical.institutions[]`, docs/demo-credentials.md), checked at start: a
 * bad value stops the process with one line per problem (exit 78).
 */

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chooseDatabase, type DatabaseChoice } from "@catv/postgres";
import {
  checkEnv,
  envChoice,
  envInteger,
  envPort,
  envText,
  envUrl,
  failConfiguration,
  oneLine,
} from "@catv/service-kit/env-config";
import { DEFAULT_DRAIN_MS } from "@catv/service-kit/graceful-shutdown";
import { z } from "zod";

/** The reception bridge writes this file in the data directory (firmware-shims' reception profile). */
export const RECEPTION_BRIDGE_BOOT_FILE = "reception-bridge-boot.json";

const jwkSchema = z.object({ kty: z.literal("EC"), crv: z.literal("P-256"), x: z.string(), y: z.string() });

/** The institution as the demo credentials describe it (only what this system reads). */
export const institutionCredentialsSchema = z.object({
  id: z.string(),
  name: z.string(),
  medicalInstitutionCode: z.string().regex(/^[0-9]{10}$/),
  apiKey: z.string().min(16),
  staff: z.array(
    z.object({
      loginId: z.string(),
      password: z.string(),
      role: z.enum(["staff", "admin"]),
      displayName: z.string(),
    }),
  ),
  sites: z.array(
    z.object({
      siteId: z.string(),
      name: z.string(),
      insurerIds: z.array(z.string()),
      terminals: z.array(z.object({ terminalId: z.string(), publicJwk: jwkSchema })),
    }),
  ),
});
export type InstitutionCredentials = z.infer<typeof institutionCredentialsSchema>;

const credentialsFileSchema = z.object({
  medical: z.object({ institutions: z.array(institutionCredentialsSchema) }),
});

export interface RetryPolicy {
  /** Wait before the first retry of a check no insurer answered. */
  initialMs: number;
  /** The longest wait between two retries (the wait doubles up to it). */
  maxMs: number;
}

export interface HospitalConfig {
  port: number;
  pfUrl: string;
  dataDir: string;
  /** `DATABASE_URL`: PostgreSQL, or SQLite (`$CATV_DATA_DIR/hospital.sqlite` when unset). */
  database: DatabaseChoice;
  bridgeBootFile: string;
  institution: InstitutionCredentials;
  /** `pinless` (かざすだけ, the default at a reception desk) or `pin` (the terminal asks for the 4-digit PIN). */
  receptionMethod: "pinless" | "pin";
  retry: RetryPolicy;
  drainMs: number;
}

export const hospitalEnvSchema = z.object({
  HOSPITAL_PORT: envPort(7080),
  PF_URL: envUrl("http://127.0.0.1:7000"),
  CATV_DATA_DIR: envText(".data"),
  CATV_DEMO_CREDENTIALS: envText(undefined),
  HOSPITAL_INSTITUTION_ID: envText("med-minato"),
  HOSPITAL_RECEPTION_METHOD: envChoice(["pinless", "pin"], "pinless"),
  HOSPITAL_RETRY_INITIAL_MS: envInteger(5_000, { min: 100, max: 600_000 }),
  HOSPITAL_RETRY_MAX_MS: envInteger(30_000, { min: 100, max: 3_600_000 }),
  CATV_SHUTDOWN_DRAIN_MS: envInteger(DEFAULT_DRAIN_MS, { min: 0, max: 300_000 }),
  DATABASE_URL: envText(undefined),
});

/** The institution `institutionId` from the credentials file at `path`; throws a one-line reason. */
export function readInstitutionCredentials(path: string, institutionId: string): InstitutionCredentials {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path} is not a readable demo credentials file (${oneLine(error)})`);
  }
  const parsed = credentialsFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${path}: ${oneLine(parsed.error)}`);
  const institution = parsed.data.medical.institutions.find((i) => i.id === institutionId);
  if (!institution) throw new Error(`${path} has no medical institution ${institutionId}`);
  return institution;
}

/** The configuration, or one line per problem on stderr and exit 78. */
export function loadHospitalConfig(env: NodeJS.ProcessEnv): HospitalConfig {
  const checked = checkEnv(hospitalEnvSchema, env);
  const problems: string[] = [...checked.problems];
  let institution: InstitutionCredentials | undefined;
  let database: DatabaseChoice | undefined;
  if (checked.data) {
    const dataDir = resolve(checked.data.CATV_DATA_DIR);
    const path = resolve(checked.data.CATV_DEMO_CREDENTIALS ?? join(dataDir, "demo-credentials.json"));
    try {
      institution = readInstitutionCredentials(path, checked.data.HOSPITAL_INSTITUTION_ID);
    } catch (error) {
      problems.push(`CATV_DEMO_CREDENTIALS: ${oneLine(error)}`);
    }
    if (checked.data.HOSPITAL_RETRY_MAX_MS < checked.data.HOSPITAL_RETRY_INITIAL_MS) {
      problems.push("HOSPITAL_RETRY_MAX_MS: must not be less than HOSPITAL_RETRY_INITIAL_MS");
    }
    try {
      database = chooseDatabase(checked.data.DATABASE_URL, join(dataDir, "hospital.sqlite"));
    } catch (error) {
      problems.push(`DATABASE_URL: ${oneLine(error)}`);
    }
  }
  if (!checked.data || !institution || !database || problems.length > 0) {
    return failConfiguration("hospital", problems);
  }
  const dataDir = resolve(checked.data.CATV_DATA_DIR);
  return {
    port: checked.data.HOSPITAL_PORT,
    pfUrl: checked.data.PF_URL,
    dataDir,
    database,
    bridgeBootFile: join(dataDir, RECEPTION_BRIDGE_BOOT_FILE),
    institution,
    receptionMethod: checked.data.HOSPITAL_RECEPTION_METHOD,
    retry: {
      initialMs: checked.data.HOSPITAL_RETRY_INITIAL_MS,
      maxMs: checked.data.HOSPITAL_RETRY_MAX_MS,
    },
    drainMs: checked.data.CATV_SHUTDOWN_DRAIN_MS,
  };
}
