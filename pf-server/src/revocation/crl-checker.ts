/**
 * @module Periodic revocation checks: J-LIS's CRLs (one per CA) fetched on a schedule, verified against the CA,
 * held as an in-memory serial index. A check past the CRL's nextUpdate is refused (`revocation_unavailable`)
 * rather than answered from stale data; a failed fetch keeps the last good CRL until it goes stale.
 */

import { x509 } from "@catv/jpki/x509";
import type { JlisClient } from "../jlis-client/jlis-client.ts";
import type { TrustAnchorSource } from "../pki/trust-anchors.ts";
import { normalizeSerial } from "../pki/validate-certificate.ts";
import { fail } from "../platform/errors.ts";
import type { CertificateKind } from "../storage/repositories.ts";
import { type RevocationChecker, reasonName } from "./revocation-checker.ts";

interface CrlIndex {
  thisUpdate: number;
  nextUpdate: number;
  fetchedAt: number;
  revoked: Map<string, { reason: string; revokedAt: string }>;
}

export interface CrlStatus {
  kind: CertificateKind;
  entries: number;
  thisUpdate: Date;
  nextUpdate: Date;
  fetchedAt: Date;
}

export function createCrlChecker(
  jlis: Pick<JlisClient, "crl">,
  anchors: TrustAnchorSource,
): RevocationChecker & {
  refresh(kind: CertificateKind): Promise<void>;
  refreshAll(): Promise<void>;
  /** The CRL held for each kind (metrics, the administrator console). */
  status(): CrlStatus[];
} {
  const indexes = new Map<CertificateKind, CrlIndex>();

  async function refresh(kind: CertificateKind) {
    const crl = new x509.X509Crl(await jlis.crl(kind));
    const cas = (await anchors.get())[kind];
    let verified = false;
    for (const ca of cas) {
      if (crl.issuer === ca.subject && (await crl.verify({ publicKey: ca.publicKey }).catch(() => false)))
        verified = true;
    }
    if (!verified) throw fail("revocation_unavailable", "The CRL is not signed by the J-LIS CA.");
    const revoked = new Map<string, { reason: string; revokedAt: string }>();
    for (const entry of crl.entries) {
      revoked.set(normalizeSerial(entry.serialNumber), {
        reason: reasonName(entry.reason === undefined ? undefined : Number(entry.reason)),
        revokedAt: entry.revocationDate.toISOString(),
      });
    }
    indexes.set(kind, {
      thisUpdate: crl.thisUpdate.getTime(),
      nextUpdate: crl.nextUpdate?.getTime() ?? 0,
      fetchedAt: Date.now(),
      revoked,
    });
  }

  return {
    refresh,
    status: () =>
      [...indexes].map(([kind, index]) => ({
        kind,
        entries: index.revoked.size,
        thisUpdate: new Date(index.thisUpdate),
        nextUpdate: new Date(index.nextUpdate),
        fetchedAt: new Date(index.fetchedAt),
      })),
    async refreshAll() {
      await Promise.all((["sign", "auth"] as const).map((k) => refresh(k)));
    },
    async check({ kind, serialHex, now }) {
      let index = indexes.get(kind);
      if (!index || index.nextUpdate < now.getTime()) {
        // Missing or stale: one synchronous attempt before failing closed.
        try {
          await refresh(kind);
        } catch {
          // Fall through: the staleness check below decides.
        }
        index = indexes.get(kind);
      }
      if (!index || index.nextUpdate < now.getTime()) {
        throw fail("revocation_unavailable", "No current CRL from J-LIS (past its nextUpdate).");
      }
      const entry = index.revoked.get(serialHex);
      return entry ? { status: "revoked", ...entry } : { status: "good" };
    },
  };
}
