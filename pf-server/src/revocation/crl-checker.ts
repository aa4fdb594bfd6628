/**
 * @module Periodic revocation checks: J-LIS's CRLs, one full CRL per CA plus the delta CRL its freshestCRL points
 * to (RFC 5280 §5.2.4, §6.3.3), each fetched with If-None-Match, verified and indexed off the request thread
 * (`crl-loader.ts`), and swapped in whole. A login looks the serial up in the delta, then in the full CRL.
 *
 * What is refused keeps the last good state: a CRL not signed by the CA of that kind, a CRL number that does not
 * go up, a full CRL past its nextUpdate or not yet valid, a delta whose base is not the full CRL in use (or an
 * older one), a full CRL that is a delta. Each refusal is logged and audited with its code. A check past the full
 * CRL's nextUpdate is answered `revocation_unavailable` (fail closed) rather than from stale data.
 *
 * When a new full or delta CRL revokes a certificate the PF has registered (and not yet marked revoked), that
 * finding is handed to `recordRevocation` once the new CRL is in use: the PF wires it to
 * `domain/record-revocation.ts`, the one place that marks it revoked, ends sessions and tells the operator.
 */

import type { x509 } from "@catv/jpki/x509";
import type { Logger } from "@catv/service-kit";
import type { JlisClient } from "../jlis-client/jlis-client.ts";
import type { TrustAnchorSource } from "../pki/trust-anchors.ts";
import type { Clock } from "../platform/clock.ts";
import { fail } from "../platform/errors.ts";
import { failureFields, type TranslateError } from "../platform/failure-fields.ts";
import type { AuditEntry, CertificateKind, PersonRepository } from "../storage/repositories.ts";
import { CrlRefusal, isoOfSeconds } from "./crl-der.ts";
import type { CrlAnchor, CrlInfo } from "./crl-load-job.ts";
import {
  type CrlLoader,
  crlAnchorOf,
  fetchCrlInWorker,
  type LoadedCrl,
  loadCrlHere,
  loadCrlInWorker,
} from "./crl-loader.ts";
import { type RevocationChecker, type RevocationStatus, reasonName } from "./revocation-checker.ts";
import type { RevokedSerialIndex } from "./revoked-serial-index.ts";

/** A registered certificate that a newly loaded CRL lists as revoked (a `FoundRevocation` of the domain). */
export interface RegisteredCertificateRevocation {
  serialHex: string;
  kind: CertificateKind;
  /** RFC 5280 CRLReason name. */
  reason: string;
  revokedAt: string;
  source: "crl";
}

export interface CrlCheckerOptions {
  jlis: Pick<JlisClient, "crlDownload" | "crlRequest">;
  anchors: TrustAnchorSource;
  clock: Clock;
  logger: Logger;
  /** The PF's certificate table, to find which registered certificates a new CRL revokes. */
  registered?: Pick<PersonRepository, "findCertificate" | "listUnrevokedCertificates">;
  /** Records a finding (`domain/record-revocation.ts`); a second finding of the same revocation changes nothing. */
  recordRevocation?: (revocation: RegisteredCertificateRevocation) => Promise<unknown>;
  audit?: (entry: AuditEntry) => Promise<void>;
  /**
   * Names the failure of an audit write or a finding's recording by its cause before it is logged: the running PF
   * gives `translateConnectionLoss`, so a lost database is logged as `service_unavailable`.
   */
  translateError?: TranslateError;
  /**
   * Without `jlis.crlRequest` (the worker cannot fetch for itself): CRLs up to this size are loaded on the
   * calling thread (a few milliseconds), larger ones piped to a worker.
   */
  inThreadMaxBytes?: number;
  loadInThread?: CrlLoader;
  loadInWorker?: CrlLoader;
}

export type CrlChecker = RevocationChecker & {
  /** Fetches (conditionally) and loads the CA's full CRL, then its delta CRL. */
  refresh(kind: CertificateKind): Promise<void>;
  refreshAll(): Promise<void>;
  /** What is in use, for logs and tests: CRL numbers and sizes (no serials). */
  describe(kind: CertificateKind): CrlStateSummary | undefined;
  /** The CRLs held for each kind (metrics, the administrator console). */
  status(): CrlStatus[];
};

export interface CrlStatus {
  kind: CertificateKind;
  /** Entries of the full CRL and the delta CRL in use. */
  entries: number;
  thisUpdate: Date;
  nextUpdate: Date;
  /** When the CRLs in use were last replaced. */
  fetchedAt: Date;
}

export interface CrlStateSummary {
  full: { crlNumber: bigint; entries: number; indexBytes: number; nextUpdate: number };
  delta: { crlNumber: bigint; baseCrlNumber: bigint; entries: number } | undefined;
}

interface LoadedPart {
  info: CrlInfo;
  index: LoadedCrl["index"];
  etag: string | undefined;
}
interface CrlState {
  full: LoadedPart;
  delta: LoadedPart | undefined;
}

const REMOVE_FROM_CRL = 8;
/** Clock skew tolerated on thisUpdate. */
const SKEW_MS = 5 * 60_000;
const PAGE = 1000;
const KINDS: CertificateKind[] = ["sign", "auth"];

/**
 * A serial's status in a full CRL and the delta CRL applied on it: the delta first (it is newer; removeFromCRL
 * there means the certificate listed in the base is no longer revoked, RFC 5280 §5.3.1), then the full CRL.
 */
export function revocationStatusIn(
  full: RevokedSerialIndex,
  delta: RevokedSerialIndex | undefined,
  serialHex: string,
): RevocationStatus {
  if (delta) {
    const position = delta.findHex(serialHex);
    if (position >= 0) {
      if (delta.reasonAt(position) === REMOVE_FROM_CRL) return { status: "good" };
      return revokedAt(delta, position);
    }
  }
  const position = full.findHex(serialHex);
  return position >= 0 ? revokedAt(full, position) : { status: "good" };
}

const revokedAt = (index: RevokedSerialIndex, position: number): RevocationStatus => ({
  status: "revoked",
  reason: reasonName(index.reasonAt(position)),
  revokedAt: isoOfSeconds(index.revokedAtSecondsAt(position)),
});

export function createCrlChecker(options: CrlCheckerOptions): CrlChecker {
  const { jlis, clock, logger } = options;
  const loadInThread = options.loadInThread ?? loadCrlHere;
  const loadInWorker = options.loadInWorker ?? loadCrlInWorker;
  const inThreadMaxBytes = options.inThreadMaxBytes ?? 64 * 1024;
  const states = new Map<CertificateKind, CrlState>();
  const replacedAt = new Map<CertificateKind, number>();
  const inflight = new Map<CertificateKind, Promise<void>>();
  const anchorCache = new WeakMap<x509.X509Certificate, CrlAnchor>();

  async function anchorsOf(kind: CertificateKind): Promise<CrlAnchor[]> {
    return (await options.anchors.get())[kind].map((certificate) => {
      let anchor = anchorCache.get(certificate);
      if (!anchor) {
        anchor = crlAnchorOf(
          new Uint8Array(certificate.rawData),
          new Uint8Array(certificate.publicKey.rawData),
        );
        anchorCache.set(certificate, anchor);
      }
      return anchor;
    });
  }

  async function audit(kind: CertificateKind, scope: string, code: string | null) {
    await options
      .audit?.({
        event: `revocation.crl.${kind}.${scope}`,
        outcome: code ? "failure" : "success",
        code,
        actorKind: "system",
      })
      .catch((error: unknown) =>
        logger.log("error", "audit write failed", {
          event: "revocation.crl",
          ...failureFields(error, options.translateError),
        }),
      );
  }

  /** Downloads (conditionally) and loads the CA's full or delta CRL, off the request thread when it is large. */
  async function download(
    kind: CertificateKind,
    scope: "full" | "delta",
    etag: string | undefined,
  ): Promise<LoadedPart | "not-modified"> {
    const started = performance.now();
    const anchors = await anchorsOf(kind);
    let part: LoadedPart;
    let thread: string;
    const request = jlis.crlRequest?.(kind, scope);
    if (request) {
      const fetched = await fetchCrlInWorker({ ...request, ifNoneMatch: etag }, anchors);
      if (fetched === "not-modified") return "not-modified";
      part = { ...fetched.crl, etag: fetched.etag };
      thread = "worker (fetch included)";
    } else {
      const response = await jlis.crlDownload(kind, scope, etag);
      if (response === "not-modified") return "not-modified";
      const small = response.length !== undefined && response.length <= inThreadMaxBytes;
      part = {
        ...(await (small ? loadInThread : loadInWorker)(response.body, anchors)),
        etag: response.etag,
      };
      thread = small ? "request" : "worker";
    }
    logger.log("info", "CRL loaded", {
      kind,
      scope,
      crlNumber: part.info.crlNumber.toString(),
      entries: part.index.size,
      bytes: part.info.bytes,
      indexBytes: part.index.byteLength,
      ms: Math.round(performance.now() - started),
      thread,
    });
    return part;
  }

  function checkTimes(info: CrlInfo, now: number) {
    if (info.thisUpdate > now + SKEW_MS)
      throw new CrlRefusal("crl_not_yet_valid", "thisUpdate is in the future");
    if (info.nextUpdate <= now) throw new CrlRefusal("crl_stale", "the CRL is past its nextUpdate");
    if (info.nextUpdate < info.thisUpdate)
      throw new CrlRefusal("crl_der_malformed", "nextUpdate before thisUpdate");
  }

  /** The new state, or undefined when the CRL is the one in use already. */
  function acceptFull(loaded: LoadedPart, state: CrlState | undefined, now: number): CrlState | undefined {
    const { info } = loaded;
    if (info.deltaBase !== undefined)
      throw new CrlRefusal("crl_unexpected_delta", "a delta CRL was served where the full CRL belongs");
    if (info.removeFromCrlCount > 0)
      throw new CrlRefusal("crl_der_malformed", "removeFromCRL in a full CRL (RFC 5280 §5.3.1)");
    if (state && info.crlNumber === state.full.info.crlNumber) return undefined;
    if (state && info.crlNumber < state.full.info.crlNumber)
      throw new CrlRefusal("crl_number_not_increasing", "the CRL number is lower than the one in use");
    checkTimes(info, now);
    // A delta stays usable on a newer full CRL as long as it is still newer (RFC 5280 §5.2.4).
    const delta = state?.delta;
    const keep =
      delta && info.crlNumber >= (delta.info.deltaBase as bigint) && info.crlNumber < delta.info.crlNumber;
    return { full: loaded, delta: keep ? delta : undefined };
  }

  function acceptDelta(loaded: LoadedPart, state: CrlState, now: number): CrlState | undefined {
    const { info } = loaded;
    if (info.deltaBase === undefined)
      throw new CrlRefusal("crl_not_a_delta", "a full CRL was served where the delta CRL belongs");
    if (info.deltaBase > state.full.info.crlNumber)
      throw new CrlRefusal("delta_base_not_loaded", "the delta CRL's base CRL is not loaded");
    if (state.delta && info.crlNumber === state.delta.info.crlNumber) return undefined;
    if (
      info.crlNumber <= state.full.info.crlNumber ||
      (state.delta && info.crlNumber < state.delta.info.crlNumber)
    )
      throw new CrlRefusal("crl_number_not_increasing", "the delta CRL number is not above the CRLs in use");
    checkTimes(info, now);
    return { full: state.full, delta: loaded };
  }

  const lookup = (state: CrlState, serialHex: string) =>
    revocationStatusIn(state.full.index, state.delta?.index, serialHex);

  async function report(kind: CertificateKind, state: CrlState, serialHex: string) {
    const status = lookup(state, serialHex);
    if (status.status !== "revoked" || !options.recordRevocation) return;
    try {
      await options.recordRevocation({
        serialHex,
        kind,
        reason: status.reason,
        revokedAt: status.revokedAt,
        source: "crl",
      });
    } catch (e) {
      logger.log("error", "recording a CRL revocation failed", {
        kind,
        ...failureFields(e, options.translateError),
      });
    }
  }

  /** Registered certificates the whole new state revokes: every unrevoked one is looked up. */
  async function reportFromFull(kind: CertificateKind, state: CrlState) {
    const registered = options.registered;
    if (!registered || !options.recordRevocation) return;
    let after = "";
    for (;;) {
      const page = await registered.listUnrevokedCertificates(kind, after, PAGE);
      for (const certificate of page) await report(kind, state, certificate.serialHex);
      if (page.length < PAGE) return;
      after = (page[page.length - 1] as { serialHex: string }).serialHex;
    }
  }

  /** Registered certificates among a delta's entries. */
  async function reportFromDelta(kind: CertificateKind, state: CrlState, delta: LoadedPart) {
    const registered = options.registered;
    if (!registered || !options.recordRevocation) return;
    for (const entry of delta.index.entries()) {
      if (entry.reason === REMOVE_FROM_CRL) continue;
      const known = await registered.findCertificate(entry.serialHex, kind);
      if (known && known.status !== "revoked") await report(kind, state, entry.serialHex);
    }
  }

  async function refreshScope(kind: CertificateKind, scope: "full" | "delta"): Promise<void> {
    const state = states.get(kind);
    if (scope === "delta" && (!state || state.full.info.freshestCrl.length === 0)) return;
    let next: CrlState | undefined;
    try {
      const loaded = await download(kind, scope, scope === "full" ? state?.full.etag : state?.delta?.etag);
      if (loaded === "not-modified") return;
      // The state may have changed while the CRL loaded; judge against the one in use now.
      const current = states.get(kind);
      const now = clock.now().getTime();
      next =
        scope === "full" ? acceptFull(loaded, current, now) : acceptDelta(loaded, current as CrlState, now);
    } catch (e) {
      if (e instanceof CrlRefusal) {
        logger.log("warn", "CRL refused; the last good one stays in use", { kind, scope, code: e.code });
        await audit(kind, scope, e.code);
      }
      throw e;
    }
    if (!next) return;
    states.set(kind, next);
    replacedAt.set(kind, clock.now().getTime());
    await audit(kind, scope, null);
    if (scope === "full") await reportFromFull(kind, next);
    else if (next.delta) await reportFromDelta(kind, next, next.delta);
  }

  function refresh(kind: CertificateKind): Promise<void> {
    let running = inflight.get(kind);
    if (!running) {
      running = (async () => {
        let failure: unknown;
        for (const scope of ["full", "delta"] as const) {
          try {
            await refreshScope(kind, scope);
          } catch (e) {
            failure ??= e;
          }
        }
        if (failure) throw failure;
      })().finally(() => inflight.delete(kind));
      inflight.set(kind, running);
    }
    return running;
  }

  return {
    refresh,
    status: () =>
      [...states].map(([kind, state]) => ({
        kind,
        entries: state.full.index.size + (state.delta?.index.size ?? 0),
        thisUpdate: new Date(state.full.info.thisUpdate),
        nextUpdate: new Date(state.full.info.nextUpdate),
        fetchedAt: new Date(replacedAt.get(kind) ?? state.full.info.thisUpdate),
      })),
    async refreshAll() {
      // One CA after the other: two national-size loads at once would double the peak memory.
      let failure: unknown;
      for (const kind of KINDS) {
        try {
          await refresh(kind);
        } catch (e) {
          failure ??= e;
        }
      }
      if (failure) throw failure;
    },
    describe(kind) {
      const state = states.get(kind);
      if (!state) return undefined;
      return {
        full: {
          crlNumber: state.full.info.crlNumber,
          entries: state.full.index.size,
          indexBytes: state.full.index.byteLength,
          nextUpdate: state.full.info.nextUpdate,
        },
        delta: state.delta && {
          crlNumber: state.delta.info.crlNumber,
          baseCrlNumber: state.delta.info.deltaBase as bigint,
          entries: state.delta.index.size,
        },
      };
    },
    async check({ kind, serialHex, now }) {
      let state = states.get(kind);
      if (!state || state.full.info.nextUpdate < now.getTime()) {
        // Missing or stale: one attempt (shared with any refresh under way) before failing closed.
        await refresh(kind).catch(() => undefined);
        state = states.get(kind);
      }
      if (!state || state.full.info.nextUpdate < now.getTime()) {
        throw fail("revocation_unavailable", "No current CRL from J-LIS (past its nextUpdate).");
      }
      return lookup(state, serialHex);
    },
  };
}
