/**
 * @module Wires the PF's parts together (storage, J-LIS client, revocation checkers, tokens) — used by the
 * process entry, the tests and the benchmark alike.
 */

import type { Logger } from "@catv/service-kit";
import type { PfContext } from "./domain/context.ts";
import { defaultTariff, type Tariff } from "./domain/tariff.ts";
import type { JlisClient } from "./jlis-client/jlis-client.ts";
import { type Clock, systemClock } from "./platform/clock.ts";
import { type RateLimit, TokenBuckets } from "./platform/token-buckets.ts";
import { createCrlChecker } from "./revocation/crl-checker.ts";
import { createOcspChecker } from "./revocation/ocsp-checker.ts";
import type { PfStore } from "./storage/repositories.ts";
import { loadOrCreateSecret, loadOrCreateSigningKey } from "./tokens/signing-keys.ts";
import { createTokenService } from "./tokens/token-service.ts";

export async function buildContext(options: {
  store: PfStore;
  jlis: JlisClient;
  logger: Logger;
  issuer: string;
  clock?: Clock;
  tariff?: Tariff;
  fetch?: typeof fetch;
  /** How long an OCSP `good` answer is reused (seconds; PF_OCSP_GOOD_CACHE_SECONDS). */
  ocspGoodCacheSeconds?: number;
  /** PIN-less starts per certificate across all terminals (default: 6 in a burst, then one every 30 s). */
  pinlessStartLimit?: RateLimit;
  /** How long an insurer has to answer an eligibility request (default 8 s). */
  eligibilityTimeoutMs?: number;
}): Promise<PfContext & { crl: ReturnType<typeof createCrlChecker> }> {
  const key = await loadOrCreateSigningKey(options.store.keyValues);
  const pairwiseSecret = await loadOrCreateSecret(options.store.keyValues, "pairwise");
  const crl = createCrlChecker(options.jlis, options.jlis);
  return {
    store: options.store,
    clock: options.clock ?? systemClock,
    logger: options.logger,
    jlis: options.jlis,
    revocation: {
      ocsp: createOcspChecker(options.jlis, { goodCacheSeconds: options.ocspGoodCacheSeconds }),
      crl,
    },
    crl,
    tokens: createTokenService({ issuer: options.issuer, key, pairwiseSecret }),
    tariff: options.tariff ?? defaultTariff,
    fetch: options.fetch ?? globalThis.fetch,
    challengeTtlSeconds: 120,
    pinlessStartsPerCertificate: new TokenBuckets(
      options.pinlessStartLimit ?? { capacity: 6, refillPerSecond: 1 / 30 },
    ),
    providerTimeoutMs: 10_000,
    eligibilityTimeoutMs: options.eligibilityTimeoutMs ?? 8_000,
    recognitionTtlSeconds: 10 * 60,
  };
}
