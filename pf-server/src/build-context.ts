/**
 * @module Wires the PF's parts together (storage, J-LIS client, revocation checkers, tokens) — used by the
 * process entry, the tests and the benchmark alike.
 */

import { randomBytes } from "node:crypto";
import type { Logger } from "@catv/service-kit";
import type { PfContext } from "./domain/context.ts";
import { recordRevocation } from "./domain/record-revocation.ts";
import { defaultTariff, type Tariff } from "./domain/tariff.ts";
import type { JlisClient } from "./jlis-client/jlis-client.ts";
import { openMemoryKeyStore } from "./keys/file-key-store.ts";
import { memoryRingFile } from "./keys/key-ring-file.ts";
import { moveLegacySigningKey } from "./keys/move-legacy-signing-key.ts";
import { sealStoredWebhookSecrets } from "./keys/seal-stored-webhook-secrets.ts";
import { createSecretBox, type SecretBox } from "./keys/secret-box.ts";
import { createSigningKeyRing, type SigningKeyRing } from "./keys/signing-key-ring.ts";
import { observeRevocationChecker } from "./observability/observe-revocation-checker.ts";
import { observeSideEffects } from "./observability/observe-side-effects.ts";
import { createPfMetrics, type PfMetrics } from "./observability/pf-metrics.ts";
import { type Clock, systemClock } from "./platform/clock.ts";
import type { TranslateError } from "./platform/failure-fields.ts";
import { createSharedRateLimits, type RateLimit } from "./platform/shared-rate-limits.ts";
import { type CrlChecker, createCrlChecker } from "./revocation/crl-checker.ts";
import {
  createMemoryOcspCache,
  createSharedOcspCache,
  type OcspAnswerCache,
} from "./revocation/ocsp-cache.ts";
import { createOcspChecker } from "./revocation/ocsp-checker.ts";
import type { PfStore } from "./storage/repositories.ts";
import { loadOrCreateSecret } from "./tokens/signing-keys.ts";
import { createTokenService } from "./tokens/token-service.ts";

export async function buildContext(options: {
  store: PfStore;
  jlis: JlisClient;
  logger: Logger;
  issuer: string;
  clock?: Clock;
  tariff?: Tariff;
  fetch?: typeof fetch;
  /**
   * Where OCSP answers are kept between checks (default: this process's memory, an LRU of `ocspCacheMaxBytes`, in
   * front of the store's shared table).
   */
  ocspCache?: OcspAnswerCache;
  /** Memory budget of the OCSP cache's first level (PF_OCSP_CACHE_MAX_BYTES; default 16 MiB). */
  ocspCacheMaxBytes?: number;
  /** How long an OCSP `good` answer is reused (seconds; PF_OCSP_GOOD_CACHE_SECONDS). */
  ocspGoodCacheSeconds?: number;
  /** PIN-less starts per certificate across all terminals (default: 6 in a burst, then one every 30 s). */
  pinlessStartLimit?: RateLimit;
  /** How long an insurer has to answer an eligibility request (default 8 s). */
  eligibilityTimeoutMs?: number;
  /** The signing keys (`keys/open-signing-keys.ts`); keys in memory for tests and benchmarks when absent. */
  signingKeys?: SigningKeyRing;
  /** Seals webhook secrets; a key in memory for tests and benchmarks when absent. */
  secrets?: SecretBox;
  /** The process's metrics (default: a registry of its own, without Node's default metrics). */
  metrics?: PfMetrics;
  /**
   * Names a background failure by its cause before it is logged (the CRL schedule's audit writes and findings): the
   * running PF gives `translateConnectionLoss`, so a lost database is logged as `service_unavailable`.
   */
  translateError?: TranslateError;
}): Promise<PfContext & { crl: CrlChecker; signingKeys: SigningKeyRing }> {
  const clock = options.clock ?? systemClock;
  const signingKeys =
    options.signingKeys ??
    createSigningKeyRing({
      store: openMemoryKeyStore(),
      ring: memoryRingFile(),
      policy: { rotateAfterSeconds: 30 * 86400, prepublishSeconds: 3600, maxTokenLifetimeSeconds: 660 },
    });
  // A key that was in the database may survive in its backups and freed pages: it gets a successor at once.
  const moved = await moveLegacySigningKey(options.store.keyValues, signingKeys, clock.now());
  await signingKeys.maintain(clock.now(), { forceRotation: moved !== undefined });
  const secrets = options.secrets ?? createSecretBox(randomBytes(32));
  await sealStoredWebhookSecrets(options.store, secrets);
  const pairwiseSecret = await loadOrCreateSecret(options.store.keyValues, "pairwise");
  // Keys the HMACs that name rows of the shared rate limits and OCSP answers (the same for every instance).
  const sharedStateSecret = await loadOrCreateSecret(options.store.keyValues, "shared-state-keys");
  const metrics = options.metrics ?? createPfMetrics({ defaultMetrics: false });
  const store = observeSideEffects(options.store, (effects) => metrics.auditCommitted(effects.audit ?? []));
  const crl = observeRevocationChecker(
    createCrlChecker({
      jlis: options.jlis,
      anchors: options.jlis,
      clock,
      logger: options.logger,
      registered: store.people,
      // A registered certificate a new CRL or delta revokes is recorded by the same use case as one an OCSP answer
      // revokes at a login or recognition: marked once, the sessions of all the person's accounts ended, every
      // verifier holding an account of the person told.
      recordRevocation: (found) => recordRevocation(ctx, found),
      audit: (entry) => store.metering.record({ audit: [entry] }),
      translateError: options.translateError,
    }),
    "crl",
    metrics,
  );
  const ocsp = createOcspChecker(options.jlis, {
    goodCacheSeconds: options.ocspGoodCacheSeconds,
    cache:
      options.ocspCache ??
      createSharedOcspCache({
        memory: createMemoryOcspCache({ maxBytes: options.ocspCacheMaxBytes }),
        shared: options.store.ocspAnswers,
        secret: sharedStateSecret,
      }),
    onCacheLookup: (hit) => metrics.ocspCacheLookup(hit),
  });
  metrics.readFrom({
    outbox: () => store.outbox.destinationStats(),
    crls: () => crl.status(),
    now: () => clock.now(),
  });
  const rateLimits = createSharedRateLimits(options.store.rateLimits, sharedStateSecret);
  const ctx: PfContext & { crl: CrlChecker; signingKeys: SigningKeyRing } = {
    store,
    clock,
    logger: options.logger,
    jlis: options.jlis,
    revocation: { ocsp: observeRevocationChecker(ocsp, "ocsp", metrics), crl },
    crl,
    metrics,
    tokens: createTokenService({ issuer: options.issuer, keys: signingKeys, pairwiseSecret }),
    signingKeys,
    secrets,
    tariff: options.tariff ?? defaultTariff,
    fetch: options.fetch ?? globalThis.fetch,
    challengeTtlSeconds: 120,
    rateLimits,
    pinlessStartsPerCertificate: rateLimits.bucket(
      "pinless-start-per-certificate",
      options.pinlessStartLimit ?? { capacity: 6, refillPerSecond: 1 / 30 },
    ),
    providerTimeoutMs: 10_000,
    eligibilityTimeoutMs: options.eligibilityTimeoutMs ?? 8_000,
    recognitionTtlSeconds: 10 * 60,
  };
  return ctx;
}
