/**
 * @module Reads the PF's environment once at start (e2e/README.md lists what the launcher provides).
 */
import { join } from "node:path";
import { defaultTariff, type Tariff, tariffSchema } from "./domain/tariff.ts";
import { DEFAULT_OCSP_CACHE_BYTES } from "./revocation/ocsp-cache.ts";

export interface PfConfig {
  port: number;
  dataDir: string;
  publicUrl: string;
  jlisUrl: string;
  tvUrl: string;
  consoleUrl: string;
  facilityUrl: string;
  healthcareUrl: string;
  demoCredentialsPath: string | undefined;
  tariff: Tariff;
  crlRefreshSeconds: number;
  /** Memory budget of the OCSP answer cache (LRU). */
  ocspCacheMaxBytes: number;
  outboxPollMs: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): PfConfig {
  const port = Number(env.PF_PORT ?? 7000);
  const dataDir = env.CATV_DATA_DIR ?? join(process.cwd(), ".data");
  return {
    port,
    dataDir,
    publicUrl: env.PF_URL ?? `http://127.0.0.1:${port}`,
    jlisUrl: env.JLIS_URL ?? "http://127.0.0.1:7010",
    tvUrl: env.TV_URL ?? "http://127.0.0.1:7060",
    consoleUrl: env.CONSOLE_URL ?? env.OPERATOR_CONSOLE_URL ?? "http://127.0.0.1:7050",
    facilityUrl: env.FACILITY_URL ?? env.FACILITY_BOOKING_URL ?? "http://127.0.0.1:7030",
    healthcareUrl: env.HEALTHCARE_URL ?? "http://127.0.0.1:7040",
    demoCredentialsPath: env.CATV_DEMO_CREDENTIALS ?? undefined,
    tariff: env.PF_TARIFF_JSON ? tariffSchema.parse(JSON.parse(env.PF_TARIFF_JSON)) : defaultTariff,
    // Conditional GETs make a poll that finds nothing new cost one small request.
    crlRefreshSeconds: Number(env.PF_CRL_REFRESH_SECONDS ?? 60),
    ocspCacheMaxBytes: Number(env.PF_OCSP_CACHE_MAX_BYTES ?? DEFAULT_OCSP_CACHE_BYTES),
    outboxPollMs: Number(env.PF_OUTBOX_POLL_MS ?? 1000),
  };
}
