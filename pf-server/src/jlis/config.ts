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

/**
 * `npm start` lists a thousand synthetic revocations per CA: enough that every CRL operator's login goes through a
 * real index and delta CRLs, small enough (about 50 kB) that the demo and the journeys stay quick. Set
 * JLIS_SYNTHETIC_REVOCATIONS to 10000000 for a national-scale CRL (about 450 MB).
 */
const DEFAULT_SYNTHETIC_REVOCATIONS = 1000;

export interface JlisConfig {
  port: number;
  dataDir: string;
  /** Where the certificates point relying parties for CRLs and OCSP. */
  publicUrl: string;
  credentials: JlisCredentials;
  /** How often full CRLs are re-issued. */
  crlIntervalSeconds: number;
  /** How often delta CRLs are re-issued even without a revocation (each revocation issues one at once). */
  deltaCrlIntervalSeconds: number;
  /** Synthetic revoked serials every full CRL lists besides the real ones, and the seed they are drawn from. */
  syntheticRevocations: { count: number; seed: string };
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
    deltaCrlIntervalSeconds: Number(env.JLIS_DELTA_CRL_INTERVAL_SECONDS ?? 60),
    syntheticRevocations: {
      count: z.coerce
        .number()
        .int()
        .min(0)
        .max(50_000_000)
        .parse(env.JLIS_SYNTHETIC_REVOCATIONS ?? DEFAULT_SYNTHETIC_REVOCATIONS),
      seed: env.JLIS_SYNTHETIC_SEED ?? "catv-jlis-demo",
    },
  };
}
