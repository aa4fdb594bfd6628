/**
 * @module The simulator's settings from the environment `npm start` provides (e2e/README.md), checked once.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
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
}

export function readJlisCredentials(path: string): JlisCredentials {
  return jlisCredentialsSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

export function loadJlisConfig(env: NodeJS.ProcessEnv = process.env): JlisConfig {
  const dataDir = resolve(env.CATV_DATA_DIR ?? ".data");
  const port = Number(env.JLIS_PORT ?? 7010);
  const credentialsPath = env.CATV_DEMO_CREDENTIALS ?? join(dataDir, "demo-credentials.json");
  return {
    port,
    dataDir,
    publicUrl: (env.JLIS_URL ?? `http://127.0.0.1:${port}`).replace(/\/$/, ""),
    credentials: readJlisCredentials(credentialsPath),
    crlIntervalSeconds: Number(env.JLIS_CRL_INTERVAL_SECONDS ?? 600),
  };
}
