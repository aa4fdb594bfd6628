/**
 * @module Use case: a certificate the PF has registered turns up revoked in a newly loaded CRL or delta CRL.
 * Records it once (a second sighting, or the login-time check, finds it already revoked and does nothing), ends
 * all of the viewer's sessions when it is their current user-authentication certificate (the card that opened
 * them is no longer valid; a superseded one opened none of today's sessions), and sends the operator one
 * `cable_id.revoked` event. Audited with opaque IDs only; the serial is never logged.
 */
import { operatorEvent } from "../outbox/events.ts";
import type { RegisteredCertificateRevocation } from "../revocation/crl-checker.ts";
import type { PfContext } from "./context.ts";

export async function recordCrlRevocation(
  ctx: PfContext,
  revocation: RegisteredCertificateRevocation,
): Promise<void> {
  const known = await ctx.store.viewers.findCertificate(revocation.serialHex, revocation.kind);
  if (!known || known.status === "revoked") return;
  const viewer = await ctx.store.viewers.getViewer(known.cableId);
  const now = ctx.clock.now();
  const endSessions = revocation.kind === "auth" && known.status === "active";
  const { recorded, sessionsEnded } = await ctx.store.viewers.recordCertificateRevocation(
    {
      serialHex: revocation.serialHex,
      kind: revocation.kind,
      endSessionsAt: endSessions ? now.toISOString() : undefined,
    },
    {
      events: viewer
        ? [
            operatorEvent(
              viewer.operatorId,
              "cable_id.revoked",
              {
                cableId: viewer.cableId,
                revokedAt: revocation.revokedAt,
                reason: revocation.reason,
                certificate: revocation.kind === "sign" ? "signature" : "authentication",
              },
              now,
            ),
          ]
        : [],
      audit: [
        {
          event: "revocation.seen",
          outcome: "success",
          code: "certificate_revoked",
          actorKind: "system",
          operatorId: viewer?.operatorId ?? null,
          cableId: known.cableId,
        },
      ],
    },
  );
  if (recorded) {
    ctx.logger.log("info", "registered certificate found revoked in a CRL", {
      source: revocation.source,
      kind: revocation.kind,
      operatorId: viewer?.operatorId,
      sessionsEnded,
    });
  }
}
