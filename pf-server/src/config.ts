/**
 * @module Reads and checks the PF's environment once at start (e2e/README.md lists what the launcher provides):
 * a bad value stops the process with one line per problem (`@catv/service-kit/env-config`).
 */
import { join } from "node:path";
import { chooseDatabase, type DatabaseChoice } from "@catv/postgres";
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
import { type SigningKeySettings, signingKeyEnvShape, signingKeySettings } from "./keys/open-signing-keys.ts";
import { DEFAULT_OCSP_CACHE_BYTES, DEFAULT_OCSP_SHARED_CACHE_ROWS } from "./revocation/ocsp-cache.ts";
import { DEFAULT_GOOD_CACHE_SECONDS } from "./revocation/ocsp-checker.ts";

export interface PfConfig {
  port: number;
  dataDir: string;
  /** `DATABASE_URL`: PostgreSQL (several PF instances may share it), or SQLite (`pf.sqlite` in the data folder). */
  database: DatabaseChoice;
  publicUrl: string;
  jlisUrl: string;
  tvUrl: string;
  /** The phone app's page (the cross-device QR code's target); the STB bridge's phone stand-in by default. */
  phoneAppUrl: string;
  consoleUrl: string;
  facilityUrl: string;
  healthcareUrl: string;
  /** The medical insurers' system: the demo seed registers each insurer's 資格確認 API and webhook below it. */
  medicalInsurerUrl: string;
  demoCredentialsPath: string | undefined;
  /** Without a demo credentials file: the administrator API's token and the J-LIS verifier credential. */
  adminToken: string | undefined;
  jlisVerifier: { id: string; secret: string } | undefined;
  tariff: Tariff;
  crlRefreshSeconds: number;
  /** Memory budget of the OCSP answer cache's first level (LRU). */
  ocspCacheMaxBytes: number;
  /** Rows the OCSP answer cache's shared level (a database table) keeps at most. */
  ocspSharedCacheMaxRows: number;
  ocspGoodCacheSeconds: number;
  outboxPollMs: number;
  /** How long an outbox claim lasts; undefined: long enough for its whole batch. */
  outboxLeaseMs: number | undefined;
  /** How long SIGTERM waits for in-flight requests and the outbox worker. */
  drainMs: number;
  /** Retention of rows that only grow (docs/operations.md); audit rows are archived to files first. */
  retention: { endedSessionDays: number; auditDays: number; pruneEverySeconds: number };
  /** Where the signing keys are kept and how they rotate (`keys/open-signing-keys.ts`). */
  signingKeys: SigningKeySettings;
}

export const pfEnvSchema = z
  .object({
    PF_PORT: envPort(7000),
    CATV_DATA_DIR: envText(undefined),
    DATABASE_URL: envText(undefined),
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
    MEDICAL_INSURER_URL: envUrl("http://127.0.0.1:7070"),
    CATV_DEMO_CREDENTIALS: envText(undefined),
    PF_ADMIN_TOKEN: envText(undefined),
    JLIS_VERIFIER_ID: envText(undefined),
    JLIS_VERIFIER_SECRET: envText(undefined),
    PF_TARIFF_JSON: envJson(tariffSchema),
    // Conditional GETs make a poll that finds nothing new cost one small request; a delta CRL is then seen within
    // a minute of its publication.
    PF_CRL_REFRESH_SECONDS: envInteger(60, { min: 1 }),
    PF_OCSP_CACHE_MAX_BYTES: envInteger(DEFAULT_OCSP_CACHE_BYTES, { min: 4096 }),
    PF_OCSP_SHARED_CACHE_MAX_ROWS: envInteger(DEFAULT_OCSP_SHARED_CACHE_ROWS, { min: 100 }),
    PF_OCSP_GOOD_CACHE_SECONDS: envInteger(DEFAULT_GOOD_CACHE_SECONDS, { min: 0, max: 3600 }),
    PF_OUTBOX_POLL_MS: envInteger(1000, { min: 10 }),
    // 0 (the default): a claim lasts long enough to try its whole batch (deliver-outbox-events.ts).
    PF_OUTBOX_LEASE_MS: envInteger(0, { min: 0 }),
    CATV_SHUTDOWN_DRAIN_MS: envInteger(DEFAULT_DRAIN_MS, { min: 0, max: 300_000 }),
    PF_SESSION_RETENTION_DAYS: envInteger(1, { min: 1, max: 3650 }),
    // Seven years by default: the longest retention Japanese law sets for business books (法人税法施行規則 59条),
    // which the metered fees these rows support fall under; the operator sets its own.
    PF_AUDIT_RETENTION_DAYS: envInteger(7 * 365 + 2, { min: 30, max: 36_500 }),
    PF_PRUNE_INTERVAL_SECONDS: envInteger(3600, { min: 10, max: 86_400 }),
    ...signingKeyEnvShape,
  })
  .refine((env) => databaseUrlProblem(env.DATABASE_URL) === undefined, {
    path: ["DATABASE_URL"],
    message: "use postgres://user:password@host:port/database, file:<path> or a path",
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
      database: chooseDatabase(
        env.DATABASE_URL,
        join(env.CATV_DATA_DIR ?? join(process.cwd(), ".data"), "pf.sqlite"),
      ),
      publicUrl: env.PF_URL ?? `http://127.0.0.1:${env.PF_PORT}`,
      jlisUrl: env.JLIS_URL,
      tvUrl: env.TV_URL,
      phoneAppUrl: env.PHONE_URL ?? `${env.BRIDGE_URL.replace(/\/$/, "")}/phone`,
      consoleUrl: env.CONSOLE_URL ?? env.OPERATOR_CONSOLE_URL,
      facilityUrl: env.FACILITY_URL ?? env.FACILITY_BOOKING_URL,
      healthcareUrl: env.HEALTHCARE_URL,
      medicalInsurerUrl: env.MEDICAL_INSURER_URL,
      demoCredentialsPath: env.CATV_DEMO_CREDENTIALS,
      adminToken: env.PF_ADMIN_TOKEN,
      jlisVerifier:
        env.JLIS_VERIFIER_ID && env.JLIS_VERIFIER_SECRET
          ? { id: env.JLIS_VERIFIER_ID, secret: env.JLIS_VERIFIER_SECRET }
          : undefined,
      tariff: env.PF_TARIFF_JSON ?? defaultTariff,
      crlRefreshSeconds: env.PF_CRL_REFRESH_SECONDS,
      ocspCacheMaxBytes: env.PF_OCSP_CACHE_MAX_BYTES,
      ocspSharedCacheMaxRows: env.PF_OCSP_SHARED_CACHE_MAX_ROWS,
      ocspGoodCacheSeconds: env.PF_OCSP_GOOD_CACHE_SECONDS,
      outboxPollMs: env.PF_OUTBOX_POLL_MS,
      outboxLeaseMs: env.PF_OUTBOX_LEASE_MS || undefined,
      drainMs: env.CATV_SHUTDOWN_DRAIN_MS,
      retention: {
        endedSessionDays: env.PF_SESSION_RETENTION_DAYS,
        auditDays: env.PF_AUDIT_RETENTION_DAYS,
        pruneEverySeconds: env.PF_PRUNE_INTERVAL_SECONDS,
      },
      signingKeys: signingKeySettings(env),
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

function databaseUrlProblem(url: string | undefined): string | undefined {
  try {
    chooseDatabase(url, "pf.sqlite");
    return undefined;
  } catch (error) {
    return oneLine(error);
  }
}
