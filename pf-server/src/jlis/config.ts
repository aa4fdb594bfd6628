/**
 * @module The simulator's settings from the environment `npm start` provides (e2e/README.md), checked once at
 * start: a bad value stops the process with one line per problem.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
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

export interface JlisConfig {
  port: number;
  dataDir: string;
  /** Where the certificates point relying parties for CRLs and OCSP. */
  publicUrl: string;
  credentials: JlisCredentials;
  /** How often the CRLs are re-issued even without a revocation. */
  crlIntervalSeconds: number;
  /** How long SIGTERM waits for in-flight requests. */
  drainMs: number;
}

export function readJlisCredentials(path: string): JlisCredentials {
  return jlisCredentialsSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

export const jlisEnvSchema = z.object({
  JLIS_PORT: envPort(7010),
  CATV_DATA_DIR: envText(".data"),
  JLIS_URL: envUrl(undefined),
  CATV_DEMO_CREDENTIALS: envText(undefined),
  JLIS_CRL_INTERVAL_SECONDS: envInteger(600, { min: 1 }),
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
  if (!checked.data || !credentials) return failConfiguration("jlis", problems);
  return {
    port: checked.data.JLIS_PORT,
    dataDir,
    publicUrl: checked.data.JLIS_URL ?? `http://127.0.0.1:${checked.data.JLIS_PORT}`,
    credentials,
    crlIntervalSeconds: checked.data.JLIS_CRL_INTERVAL_SECONDS,
    drainMs: checked.data.CATV_SHUTDOWN_DRAIN_MS,
  };
}
