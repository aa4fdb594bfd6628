/**
 * @module Reads and checks the PF's environment once at start (e2e/README.md lists what the launcher provides):
 * a bad value stops the process with one line per problem (`@catv/service-kit/env-config`).
 */
import { join } from "node:path";
import {
  checkEnv,
  envInteger,
  envJson,
  envPort,
  envText,
  envUrl,
  failConfiguration,
  oneLine,
} from "@catv/service-kit/env-config";
import { DEFAULT_DRAIN_MS } from "@catv/service-kit/graceful-shutdown";
import { z } from "zod";
import { defaultTariff, type Tariff, tariffSchema } from "./domain/tariff.ts";
import { DEFAULT_GOOD_CACHE_SECONDS } from "./revocation/ocsp-checker.ts";

export interface PfConfig {
  port: number;
  dataDir: string;
  publicUrl: string;
  jlisUrl: string;
  tvUrl: string;
  /** The phone app's page (the cross-device QR code's target); the STB bridge's phone stand-in by default. */
  phoneAppUrl: string;
  consoleUrl: string;
  facilityUrl: string;
  healthcareUrl: string;
  demoCredentialsPath: string | undefined;
  /** Without a demo credentials file: the administrator API's token and the J-LIS verifier credential. */
  adminToken: string | undefined;
  jlisVerifier: { id: string; secret: string } | undefined;
  tariff: Tariff;
  crlRefreshSeconds: number;
  ocspGoodCacheSeconds: number;
  outboxPollMs: number;
  /** How long SIGTERM waits for in-flight requests and the outbox worker. */
  drainMs: number;
}

export const pfEnvSchema = z
  .object({
    PF_PORT: envPort(7000),
    CATV_DATA_DIR: envText(undefined),
    PF_URL: envUrl(undefined),
    JLIS_URL: envUrl("http://127.0.0.1:7010"),
    TV_URL: envUrl("http://127.0.0.1:7060"),
    BRIDGE_URL: envUrl("http://127.0.0.1:7020"),
    PHONE_URL: envUrl(undefined),
    CONSOLE_URL: envUrl(undefined),
    OPERATOR_CONSOLE_URL: envUrl("http://127.0.0.1:7050"),
    FACILITY_URL: envUrl(undefined),
    FACILITY_BOOKING_URL: envUrl("http://127.0.0.1:7030"),
    HEALTHCARE_URL: envUrl("http://127.0.0.1:7040"),
    CATV_DEMO_CREDENTIALS: envText(undefined),
    PF_ADMIN_TOKEN: envText(undefined),
    JLIS_VERIFIER_ID: envText(undefined),
    JLIS_VERIFIER_SECRET: envText(undefined),
    PF_TARIFF_JSON: envJson(tariffSchema),
    PF_CRL_REFRESH_SECONDS: envInteger(300, { min: 1 }),
    PF_OCSP_GOOD_CACHE_SECONDS: envInteger(DEFAULT_GOOD_CACHE_SECONDS, { min: 0, max: 3600 }),
    PF_OUTBOX_POLL_MS: envInteger(1000, { min: 10 }),
    CATV_SHUTDOWN_DRAIN_MS: envInteger(DEFAULT_DRAIN_MS, { min: 0, max: 300_000 }),
  })
  // Checked even when a variable above is wrong, so that one run lists every problem.
  .refine(
    (env) =>
      env.CATV_DEMO_CREDENTIALS || (env.PF_ADMIN_TOKEN && env.JLIS_VERIFIER_ID && env.JLIS_VERIFIER_SECRET),
    {
      path: ["CATV_DEMO_CREDENTIALS"],
      message:
        "must be set (npm start does), or else PF_ADMIN_TOKEN, JLIS_VERIFIER_ID and JLIS_VERIFIER_SECRET",
      when: () => true,
    },
  )
  .transform(
    (env): PfConfig => ({
      port: env.PF_PORT,
      dataDir: env.CATV_DATA_DIR ?? join(process.cwd(), ".data"),
      publicUrl: env.PF_URL ?? `http://127.0.0.1:${env.PF_PORT}`,
      jlisUrl: env.JLIS_URL,
      tvUrl: env.TV_URL,
      phoneAppUrl: env.PHONE_URL ?? `${env.BRIDGE_URL.replace(/\/$/, "")}/phone`,
      consoleUrl: env.CONSOLE_URL ?? env.OPERATOR_CONSOLE_URL,
      facilityUrl: env.FACILITY_URL ?? env.FACILITY_BOOKING_URL,
      healthcareUrl: env.HEALTHCARE_URL,
      demoCredentialsPath: env.CATV_DEMO_CREDENTIALS,
      adminToken: env.PF_ADMIN_TOKEN,
      jlisVerifier:
        env.JLIS_VERIFIER_ID && env.JLIS_VERIFIER_SECRET
          ? { id: env.JLIS_VERIFIER_ID, secret: env.JLIS_VERIFIER_SECRET }
          : undefined,
      tariff: env.PF_TARIFF_JSON ?? defaultTariff,
      crlRefreshSeconds: env.PF_CRL_REFRESH_SECONDS,
      ocspGoodCacheSeconds: env.PF_OCSP_GOOD_CACHE_SECONDS,
      outboxPollMs: env.PF_OUTBOX_POLL_MS,
      drainMs: env.CATV_SHUTDOWN_DRAIN_MS,
    }),
  );

/**
 * The PF's configuration and the demo credentials file it names (read by the caller's `readCredentials`), or
 * one line per problem of either on stderr and exit 78.
 */
export function readConfig<C>(
  readCredentials: (path: string) => C,
  env: NodeJS.ProcessEnv = process.env,
): PfConfig & { credentials: C | undefined } {
  const checked = checkEnv(pfEnvSchema, env);
  const problems: string[] = [...checked.problems];
  let credentials: C | undefined;
  const path = env.CATV_DEMO_CREDENTIALS;
  if (path) {
    try {
      credentials = readCredentials(path);
    } catch (error) {
      problems.push(
        `CATV_DEMO_CREDENTIALS: ${path} is not a readable demo credentials file (${oneLine(error)})`,
      );
    }
  }
  if (!checked.data || problems.length > 0) return failConfiguration("pf", problems);
  return { ...checked.data, credentials };
}
