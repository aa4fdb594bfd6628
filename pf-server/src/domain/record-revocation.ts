/**
 * @module Records that a registered certificate was found revoked — by an OCSP answer at a login, or by a CRL —
 * once: the certificate is marked revoked, the viewer's sessions end when it is the user-authentication
 * certificate (every session was opened with that key), and the viewer's operator gets one `cable_id.revoked`
 * event, all in one transaction. A second finding of the same revocation changes nothing.
 */
import { operatorEvent } from "../outbox/events.ts";
import type { CertificateKind } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";

export interface FoundRevocation {
  serialHex: string;
  kind: CertificateKind;
  /** RFC 5280 reason name, as J-LIS reported it. */
  reason: string;
  revokedAt: string;
  source: "ocsp" | "crl";
  /** The terminal whose request found it, for the audit row; absent for a scheduled CRL pass. */
  foundBy?: TerminalScope;
}

export interface RecordedRevocation {
  /** False when the certificate is not registered, or its revocation was already recorded. */
  recorded: boolean;
  cableId: string | null;
}

export async function recordRevocation(ctx: PfContext, found: FoundRevocation): Promise<RecordedRevocation> {
  const known = await ctx.store.viewers.findCertificate(found.serialHex, found.kind);
  if (!known) return { recorded: false, cableId: null };
  if (known.status === "revoked") return { recorded: false, cableId: known.cableId };
  const viewer = await ctx.store.viewers.getViewer(known.cableId);
  const now = ctx.clock.now();
  const recorded = await ctx.store.viewers.recordCertificateRevoked(
    {
      serialHex: found.serialHex,
      kind: found.kind,
      at: now.toISOString(),
      endSessionsOf: found.kind === "auth" ? known.cableId : null,
    },
    {
      events: viewer
        ? [
            operatorEvent(
              viewer.operatorId,
              "cable_id.revoked",
              {
                cableId: viewer.cableId,
                revokedAt: found.revokedAt,
                reason: found.reason,
                certificate: found.kind === "sign" ? "signature" : "authentication",
              },
              now,
            ),
          ]
        : [],
      audit: [
        {
          event: found.kind === "auth" ? "revocation.recorded.sessions-ended" : "revocation.recorded",
          outcome: "success",
          code: "certificate_revoked",
          actorKind: "system",
          actorId: found.source,
          operatorId: viewer?.operatorId ?? null,
          terminalId: found.foundBy?.terminalId ?? null,
          cableId: known.cableId,
          requestId: found.foundBy?.requestId ?? null,
        },
      ],
    },
  );
  return { recorded, cableId: known.cableId };
}
