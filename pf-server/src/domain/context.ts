/**
 * @module What every use case receives: storage, clock, J-LIS, revocation checkers, tokens and the tariff.
 * HTTP handlers build a `RequestScope` (who is calling) and pass both; use cases never see Hono.
 */

import type { Logger } from "@catv/service-kit";
import type { JlisClient } from "../jlis-client/jlis-client.ts";
import type { SecretBox } from "../keys/secret-box.ts";
import type { PfMetrics } from "../observability/pf-metrics.ts";
import type { Clock } from "../platform/clock.ts";
import type { RateLimiter, SharedRateLimits } from "../platform/shared-rate-limits.ts";
import type { RevocationChecker } from "../revocation/revocation-checker.ts";
import type { PfStore, RevocationPolicy, SiteChannel, SiteKind } from "../storage/repositories.ts";
import type { TokenService } from "../tokens/token-service.ts";
import type { Tariff } from "./tariff.ts";

export interface PfContext {
  store: PfStore;
  clock: Clock;
  logger: Logger;
  jlis: JlisClient;
  revocation: Record<RevocationPolicy, RevocationChecker>;
  tokens: TokenService;
  /** Seals webhook secrets at rest (`keys/secret-box.ts`). */
  secrets: SecretBox;
  tariff: Tariff;
  /** fetch, injectable for tests; used for provider calls and webhooks. */
  fetch: typeof fetch;
  challengeTtlSeconds: number;
  /** Rate limits every PF instance on the database shares (per terminal, per certificate, per login ID). */
  rateLimits: SharedRateLimits;
  /** PIN-less starts per user-authentication certificate, across all terminals and PF instances. */
  pinlessStartsPerCertificate: RateLimiter;
  providerTimeoutMs: number;
  /** How long an insurer has to answer an eligibility request (a reception waits for it). */
  eligibilityTimeoutMs: number;
  /** How long a recognition at a reception may be used for eligibility checks. */
  recognitionTtlSeconds: number;
  /** Prometheus metrics; use cases report what the audit trail does not already tell (webhook attempts). */
  metrics: PfMetrics;
}

export interface RequestScope {
  requestId: string;
}

/** A call signed by a terminal: whose it is (the site owner), which one, and where it stands. */
export interface TerminalScope extends RequestScope {
  /** The owner of the terminal's site (a CATV operator, a medical institution). */
  tenantId: string;
  terminalId: string;
  siteId: string;
  siteKind: SiteKind;
  channel: SiteChannel;
}

/** Where a registration comes from: a terminal, or a verifier's own registration page (no terminal). */
export type RegistrationChannel =
  | { kind: "terminal"; scope: TerminalScope }
  | { kind: "verifier"; verifierId: string; requestId: string };
