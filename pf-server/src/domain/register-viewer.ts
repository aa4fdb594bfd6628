/**
 * @module 利用者登録 (flow 1): the card signs a registration challenge with the signature key; the PF validates
 * the signature certificate and the user-authentication certificate from the same card, checks J-LIS's
 * 証明書紐付け, and issues a cable ID — or returns the existing one (same card), or links renewed serials to it.
 * The operator gets `cable_id.registered` (with the 4情報, after consent) or `cable_id.updated`. A viewer of
 * another operator is refused (an assisted registration always; otherwise unless both operators allow it), and
 * the viewer, certificates, household link and assisted-session use are written in one transaction — with the
 * card binding: the card's 券面 key, certified by the 券面 CA, signed the same challenge (domain/bind-card.ts).
 */

import type { registrationRequestSchema, registrationResponseSchema } from "@catv/contracts";
import type { z } from "zod";
import { operatorEvent } from "../outbox/events.ts";
import { readFourInfo } from "../pki/four-info.ts";
import {
  normalizeSerial,
  type ValidatedCertificate,
  validateCertificate,
} from "../pki/validate-certificate.ts";
import { verifyCardSignature } from "../pki/verify-card-signature.ts";
import { generateCableId } from "../platform/cable-id.ts";
import { monthOf } from "../platform/clock.ts";
import { fail } from "../platform/errors.ts";
import type {
  CertificateRecord,
  NewOutboxEvent,
  RegistrationSession,
  Viewer,
} from "../storage/repositories.ts";
import { bindingChange, verifyCardKeyProof } from "./bind-card.ts";
import { answerChallenge, toBeSigned } from "./challenges.ts";
import { checkRevocation } from "./check-revocation.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { METRICS } from "./metering.ts";
import { requireOperatorAllowsViewer } from "./operator-boundary.ts";
import { issueRegistrationReceipt } from "./read-registration-status.ts";
import { findCertificateByLinkage } from "./resolve-viewer.ts";

type Request = z.infer<typeof registrationRequestSchema>;
type Response = z.infer<typeof registrationResponseSchema>;

function requireConsent(consent: Request["consent"], now: Date) {
  if (!consent.textVersion.trim())
    throw fail("consent_required", "The viewer has not accepted the consent text.");
  if (new Date(consent.acceptedAt).getTime() > now.getTime() + 300_000) {
    throw fail("consent_required", "The consent time is in the future.");
  }
}

/** 証明書紐付け: J-LIS must pair the signature certificate with the user-authentication certificate offered. */
async function checkCertificatePair(
  ctx: PfContext,
  scope: TerminalScope,
  sign: ValidatedCertificate,
  auth: ValidatedCertificate,
) {
  const answer = await ctx.jlis.linkage(sign.serialHex, "sign");
  await ctx.store.metering.record({
    meters: [
      {
        operatorId: scope.operatorId,
        month: monthOf(ctx.clock.now()),
        metric: METRICS.jpkiCheckByPolicy("linkage"),
      },
    ],
  });
  if (!answer?.pairedSerialNumber || normalizeSerial(answer.pairedSerialNumber) !== auth.serialHex) {
    throw fail("certificate_pair_mismatch");
  }
  return answer;
}

export async function registerViewer(
  ctx: PfContext,
  scope: TerminalScope,
  input: Request,
): Promise<Response> {
  const challenge = await answerChallenge(ctx, scope, input.challengeId, "registration");
  const now = ctx.clock.now();
  requireConsent(input.consent, now);
  const anchors = await ctx.jlis.get();
  const sign = await validateCertificate(input.signatureCertificate, "sign", anchors, now);
  const auth = await validateCertificate(input.authenticationCertificate, "auth", anchors, now);
  verifyCardSignature(toBeSigned(challenge), input.signature, sign.publicKey);
  // The card's 券面 key signed the same challenge: the key this registration binds for PIN-less use.
  const cardKey = await verifyCardKeyProof(ctx, input.cardKeyProof, toBeSigned(challenge));
  await checkRevocation(ctx, scope, sign);
  await checkRevocation(ctx, scope, auth);
  const signLinkage = await checkCertificatePair(ctx, scope, sign, auth);
  const fourInfo = readFourInfo(sign.certificate);
  if (!fourInfo) throw fail("certificate_malformed", "The signature certificate carries no readable 4情報.");

  const assisted = await openAssistedSession(ctx, scope, challenge.registrationSessionId, now);

  // Same card → same cable ID; new serials → linked through the serial (move keeps the auth certificate) or
  // through J-LIS's old→new linkage (renewal).
  const sameSign = await ctx.store.viewers.findCertificate(sign.serialHex, "sign");
  const sameAuth = await ctx.store.viewers.findCertificate(auth.serialHex, "auth");
  const linked =
    sameSign ??
    sameAuth ??
    (await findCertificateByLinkage(ctx, sign.serialHex, "sign", signLinkage)) ??
    (await findCertificateByLinkage(ctx, auth.serialHex, "auth"));
  const outcome: Response["outcome"] = sameSign && sameAuth ? "existing" : linked ? "renewed" : "new";
  const existing = linked ? await ctx.store.viewers.getViewer(linked.cableId) : undefined;
  if (linked && !existing) throw fail("internal_error", "A certificate points at a missing viewer.");
  if (existing && existing.operatorId !== scope.operatorId) {
    // Another operator's viewer: their household is not this operator's to link, whatever staff opened here.
    if (assisted) throw fail("assisted_registration_other_operator");
    await requireOperatorAllowsViewer(ctx, scope, existing);
  }

  const cableId = existing?.cableId ?? generateCableId();
  const operatorId = existing?.operatorId ?? scope.operatorId;
  const viewer: Viewer = existing
    ? {
        ...existing,
        birthDate: fourInfo.dateOfBirth,
        householdLink: assisted ? "linked" : existing.householdLink,
        updatedAt: now.toISOString(),
      }
    : {
        cableId,
        operatorId,
        birthDate: fourInfo.dateOfBirth,
        householdLink: assisted ? "linked" : "pending",
        consentTextVersion: input.consent.textVersion,
        consentAcceptedAt: input.consent.acceptedAt,
        registeredAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
  const binding = await bindingChange(ctx, scope, cableId, cardKey, "registration");
  const certificates: CertificateRecord[] = [sign, auth].map((c) => ({
    serialHex: c.serialHex,
    kind: c.kind,
    cableId,
    notAfter: c.notAfter.toISOString(),
    status: "active",
    createdAt: now.toISOString(),
  }));

  const events: NewOutboxEvent[] = [];
  if (outcome === "new") {
    events.push(
      operatorEvent(
        operatorId,
        "cable_id.registered",
        {
          cableId,
          registeredAt: now.toISOString(),
          terminalId: scope.terminalId,
          fourInfo,
          ...(assisted ? { assisted: { contractId: assisted.contractId, memberId: assisted.memberId } } : {}),
        },
        now,
      ),
    );
  } else if (outcome === "renewed") {
    // A move re-issues only the signature certificate (the auth one stays): 再発行; otherwise a renewal.
    const reason = sameAuth ? "reissued" : "renewed";
    events.push(
      operatorEvent(
        operatorId,
        "cable_id.updated",
        { cableId, updatedAt: now.toISOString(), reason, fourInfo },
        now,
      ),
    );
  }
  const saved = await ctx.store.viewers.saveRegistration(
    {
      viewer,
      isNew: !existing,
      certificates,
      ...(assisted ? { consumeRegistrationSession: { id: assisted.id, at: now.toISOString() } } : {}),
      ...(binding ? { cardBinding: binding.binding } : {}),
    },
    {
      events,
      meters: [{ operatorId: scope.operatorId, month: monthOf(now), metric: METRICS.registrations }],
      audit: [
        {
          event: `registration.${outcome}`,
          outcome: "success",
          actorKind: "terminal",
          actorId: scope.terminalId,
          operatorId: scope.operatorId,
          terminalId: scope.terminalId,
          cableId,
          requestId: scope.requestId,
        },
        ...(binding ? [binding.audit] : []),
      ],
    },
  );
  if (!saved) throw fail("challenge_used", "The assisted registration was used by another registration.");
  return {
    cableId,
    outcome,
    householdLink: viewer.householdLink,
    receipt: await issueRegistrationReceipt(ctx, scope, cableId),
  };
}

/**
 * The assisted-registration session the challenge picked up, if it is still open for this terminal: staff of
 * this operator opened it on this STB, it has not expired and no registration used it yet.
 */
async function openAssistedSession(
  ctx: PfContext,
  scope: TerminalScope,
  registrationSessionId: string | null,
  now: Date,
): Promise<RegistrationSession | undefined> {
  if (!registrationSessionId) return undefined;
  const session = await ctx.store.challenges.getRegistrationSession(registrationSessionId);
  if (!session || session.usedAt || new Date(session.expiresAt) <= now) return undefined;
  if (session.operatorId !== scope.operatorId || session.terminalId !== scope.terminalId) return undefined;
  return session;
}
