/**
 * @module Wires the PF's parts together (storage, J-LIS client, revocation checkers, tokens) — used by the
 * process entry, the tests and the benchmark alike.
 */

import type { Logger } from "@catv/service-kit";
import type { PfContext } from "./domain/context.ts";
import { defaultTariff, type Tariff } from "./domain/tariff.ts";
import type { JlisClient } from "./jlis-client/jlis-client.ts";
import { observeRevocationChecker } from "./observability/observe-revocation-checker.ts";
import { observeSideEffects } from "./observability/observe-side-effects.ts";
import { createPfMetrics, type PfMetrics } from "./observability/pf-metrics.ts";
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
  /** The process's metrics (default: a registry of its own, without Node's default metrics). */
  metrics?: PfMetrics;
}): Promise<PfContext & { crl: ReturnType<typeof createCrlChecker> }> {
  const key = await loadOrCreateSigningKey(options.store.keyValues);
  const pairwiseSecret = await loadOrCreateSecret(options.store.keyValues, "pairwise");
  const metrics = options.metrics ?? createPfMetrics({ defaultMetrics: false });
  const clock = options.clock ?? systemClock;
  const store = observeSideEffects(options.store, (effects) => metrics.auditCommitted(effects.audit ?? []));
  const crl = observeRevocationChecker(createCrlChecker(options.jlis, options.jlis), "crl", metrics);
  const ocsp = createOcspChecker(options.jlis, {
    goodCacheSeconds: options.ocspGoodCacheSeconds,
    onCacheLookup: (hit) => metrics.ocspCacheLookup(hit),
  });
  metrics.readFrom({
    outbox: () => store.outbox.destinationStats(),
    crls: () => crl.status(),
    now: () => clock.now(),
  });
  return {
    store,
    clock,
    logger: options.logger,
    jlis: options.jlis,
    revocation: { ocsp: observeRevocationChecker(ocsp, "ocsp", metrics), crl },
    crl,
    metrics,
    tokens: createTokenService({ issuer: options.issuer, key, pairwiseSecret }),
    tariff: options.tariff ?? defaultTariff,
    fetch: options.fetch ?? globalThis.fetch,
    challengeTtlSeconds: 120,
    pinlessStartsPerCertificate: new TokenBuckets(
      options.pinlessStartLimit ?? { capacity: 6, refillPerSecond: 1 / 30 },
    ),
    providerTimeoutMs: 10_000,
  };
}
