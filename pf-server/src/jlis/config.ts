/**
 * @module The simulator's settings from the environment `npm start` provides (e2e/README.md), checked once at
 * start: a bad value stops the process with one line per problem.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chooseDatabase, type DatabaseChoice } from "@catv/postgres";
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

/** The part of the demo credentials file (docs/demo-credentials.md) the J-LIS simulator uses. */
export const jlisCredentialsSchema = z.object({
  jlisVerifier: z.object({ id: z.string().min(1), secret: z.string().min(16) }),
  jlisAdminToken: z.string().min(16),
});
export type JlisCredentials = z.infer<typeof jlisCredentialsSchema>;

/**
 * `npm start` lists a thousand synthetic revocations per CA: enough that every CRL operator's login goes through a
 * real index and delta CRLs, small enough (about 50 kB) that the demo and the journeys stay quick. Set
 * JLIS_SYNTHETIC_REVOCATIONS to 10000000 for a national-scale CRL (about 450 MB).
 */
const DEFAULT_SYNTHETIC_REVOCATIONS = 1000;

export interface JlisConfig {
  port: number;
  dataDir: string;
  /** `DATABASE_URL` of this process: PostgreSQL, or SQLite (`jlis.sqlite` in the data folder, the default). */
  database: DatabaseChoice;
  /** Where the certificates point relying parties for CRLs and OCSP. */
  publicUrl: string;
  credentials: JlisCredentials;
  /** How often full CRLs are re-issued. */
  crlIntervalSeconds: number;
  /** How often delta CRLs are re-issued even without a revocation (each revocation issues one at once). */
  deltaCrlIntervalSeconds: number;
  /** Synthetic revoked serials every full CRL lists besides the real ones, and the seed they are drawn from. */
  syntheticRevocations: { count: number; seed: string };
  /** How long SIGTERM waits for in-flight requests. */
  drainMs: number;
}

export function readJlisCredentials(path: string): JlisCredentials {
  return jlisCredentialsSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

export const jlisEnvSchema = z.object({
  JLIS_PORT: envPort(7010),
  CATV_DATA_DIR: envText(".data"),
  DATABASE_URL: envText(undefined),
  JLIS_URL: envUrl(undefined),
  CATV_DEMO_CREDENTIALS: envText(undefined),
  JLIS_CRL_INTERVAL_SECONDS: envInteger(600, { min: 1 }),
  // Clamped to the full CRL's interval by the service.
  JLIS_DELTA_CRL_INTERVAL_SECONDS: envInteger(60, { min: 1 }),
  JLIS_SYNTHETIC_REVOCATIONS: envInteger(DEFAULT_SYNTHETIC_REVOCATIONS, { min: 0, max: 50_000_000 }),
  JLIS_SYNTHETIC_SEED: envText("catv-jlis-demo"),
  CATV_SHUTDOWN_DRAIN_MS: envInteger(DEFAULT_DRAIN_MS, { min: 0, max: 300_000 }),
});

/** The simulator's configuration, or one line per problem on stderr and exit 78. */
export function loadJlisConfig(env: NodeJS.ProcessEnv = process.env): JlisConfig {
  const checked = checkEnv(jlisEnvSchema, env);
  const problems: string[] = [...checked.problems];
  const dataDir = resolve(checked.data?.CATV_DATA_DIR ?? env.CATV_DATA_DIR ?? ".data");
  const credentialsPath = env.CATV_DEMO_CREDENTIALS || join(dataDir, "demo-credentials.json");
  let credentials: JlisCredentials | undefined;
  try {
    credentials = readJlisCredentials(credentialsPath);
  } catch (error) {
    problems.push(
      `CATV_DEMO_CREDENTIALS: ${credentialsPath} is not a readable demo credentials file (${oneLine(error)})`,
    );
  }
  let database: DatabaseChoice | undefined;
  try {
    database = chooseDatabase(checked.data?.DATABASE_URL, join(dataDir, "jlis.sqlite"));
  } catch (error) {
    problems.push(`DATABASE_URL: ${oneLine(error)}`);
  }
  if (!checked.data || !credentials || !database) return failConfiguration("jlis", problems);
  return {
    port: checked.data.JLIS_PORT,
    dataDir,
    database,
    publicUrl: checked.data.JLIS_URL ?? `http://127.0.0.1:${checked.data.JLIS_PORT}`,
    credentials,
    crlIntervalSeconds: checked.data.JLIS_CRL_INTERVAL_SECONDS,
    deltaCrlIntervalSeconds: checked.data.JLIS_DELTA_CRL_INTERVAL_SECONDS,
    syntheticRevocations: {
      count: checked.data.JLIS_SYNTHETIC_REVOCATIONS,
      seed: checked.data.JLIS_SYNTHETIC_SEED,
    },
    drainMs: checked.data.CATV_SHUTDOWN_DRAIN_MS,
  };
}
