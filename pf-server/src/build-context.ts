/**
 * @module Wires the PF's parts together (storage, J-LIS client, revocation checkers, tokens) — used by the
 * process entry, the tests and the benchmark alike.
 */
import type { PfContext } from "./domain/context.ts";
import { recordCrlRevocation } from "./domain/record-crl-revocation.ts";
import { defaultTariff, type Tariff } from "./domain/tariff.ts";
import type { JlisClient } from "./jlis-client/jlis-client.ts";
import { type Clock, systemClock } from "./platform/clock.ts";
import type { Logger } from "./platform/logger.ts";
import {
  type CrlChecker,
  createCrlChecker,
  type RegisteredCertificateRevocation,
} from "./revocation/crl-checker.ts";
import type { OcspAnswerCache } from "./revocation/ocsp-cache.ts";
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
  /** Where OCSP answers are kept between checks (default: this process's memory, 16 MiB LRU). */
  ocspCache?: OcspAnswerCache;
  /**
   * Called for each registered certificate a newly loaded CRL or delta CRL revokes; the default records it
   * once, ends the viewer's sessions for their current user-authentication certificate, and tells the operator.
   */
  onRegisteredCertificateRevoked?: (
    ctx: PfContext,
    revocation: RegisteredCertificateRevocation,
  ) => Promise<void>;
}): Promise<PfContext & { crl: CrlChecker }> {
  const key = await loadOrCreateSigningKey(options.store.keyValues);
  const pairwiseSecret = await loadOrCreateSecret(options.store.keyValues, "pairwise");
  const clock = options.clock ?? systemClock;
  const onRevoked = options.onRegisteredCertificateRevoked ?? recordCrlRevocation;
  const crl = createCrlChecker({
    jlis: options.jlis,
    anchors: options.jlis,
    clock,
    logger: options.logger,
    registered: options.store.viewers,
    onRegisteredCertificateRevoked: (revocation) => onRevoked(ctx, revocation),
    audit: (entry) => options.store.metering.record({ audit: [entry] }),
  });
  const ctx: PfContext & { crl: CrlChecker } = {
    store: options.store,
    clock,
    logger: options.logger,
    jlis: options.jlis,
    revocation: { ocsp: createOcspChecker(options.jlis, options.ocspCache), crl },
    crl,
    tokens: createTokenService({ issuer: options.issuer, key, pairwiseSecret }),
    tariff: options.tariff ?? defaultTariff,
    fetch: options.fetch ?? globalThis.fetch,
    challengeTtlSeconds: 120,
    providerTimeoutMs: 10_000,
  };
  return ctx;
}
