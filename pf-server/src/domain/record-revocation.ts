/**
 * @module Records that a registered certificate was found revoked — by an OCSP answer at a login or recognition, or
 * by a CRL — once: the certificate is marked revoked, the sessions of all the person's accounts end when it is the
 * user-authentication certificate (every session was opened with that key), and every verifier holding an account
 * of the person gets one event with the reason (`cable_id.revoked` to an operator, `account.revoked` to any other
 * verifier), all in one transaction. A second finding of the same revocation changes nothing.
 */
import { accountEvent } from "../outbox/events.ts";
import type { CertificateKind } from "../storage/repositories.ts";
import type { CheckScope } from "./check-revocation.ts";
import type { PfContext } from "./context.ts";

export interface FoundRevocation {
  serialHex: string;
  kind: CertificateKind;
  /** RFC 5280 reason name, as J-LIS reported it. */
  reason: string;
  revokedAt: string;
  source: "ocsp" | "crl";
  /** The request that found it, for the audit row; absent for a scheduled CRL pass. */
  foundBy?: CheckScope;
}

export interface RecordedRevocation {
  /** False when the certificate is not registered, or its revocation was already recorded. */
  recorded: boolean;
  /** The person's account IDs (for audit rows): empty when the certificate is not registered. */
  accountIds: string[];
}

export async function recordRevocation(ctx: PfContext, found: FoundRevocation): Promise<RecordedRevocation> {
  const known = await ctx.store.people.findCertificate(found.serialHex, found.kind);
  if (!known) return { recorded: false, accountIds: [] };
  const accounts = await ctx.store.people.listAccounts(known.personId);
  const accountIds = accounts.map((a) => a.accountId);
  if (known.status === "revoked") return { recorded: false, accountIds };
  const now = ctx.clock.now();
  const events = [];
  for (const account of accounts) {
    const verifier = await ctx.store.tenants.getVerifier(account.verifierId);
    if (!verifier) continue;
    events.push(
      accountEvent(
        verifier,
        "revoked",
        {
          accountId: account.accountId,
          revokedAt: found.revokedAt,
          reason: found.reason,
          certificate: found.kind === "sign" ? "signature" : "authentication",
        },
        now,
      ),
    );
  }
  const { recorded } = await ctx.store.people.recordCertificateRevocation(
    {
      serialHex: found.serialHex,
      kind: found.kind,
      // Only the current user-authentication certificate opened today's sessions; a superseded one opened none.
      ...(found.kind === "auth" && known.status === "active" ? { endSessionsAt: now.toISOString() } : {}),
    },
    {
      events,
      audit: accounts.map((account) => ({
        event: found.kind === "auth" ? "revocation.recorded.sessions-ended" : "revocation.recorded",
        outcome: "success" as const,
        code: "certificate_revoked",
        actorKind: "system" as const,
        actorId: found.source,
        tenantId: account.verifierId,
        terminalId: found.foundBy?.terminalId ?? null,
        accountId: account.accountId,
        requestId: found.foundBy?.requestId ?? null,
      })),
    },
  );
  return { recorded, accountIds };
}
