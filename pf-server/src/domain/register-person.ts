/**
 * @module 利用者登録: a person registers with one verifier — a CATV operator on the TV, an insurer at a hospital
 * reception with staff help or on the insurer's own registration page. The card signs a registration challenge
 * with the signature key; the PF validates the signature certificate and the user-authentication certificate from
 * the same card, checks J-LIS's 証明書紐付け, binds the card's 券面 key (certified by the 券面 CA, over the same
 * challenge: domain/bind-card.ts) to the person, and answers the ID it issued to that verifier: a new account, the
 * existing one (same card), or the existing one with the renewed serials recorded.
 *
 * One person, one record: a card already registered with another verifier adds an account to the same person, so
 * every verifier's ID maps back to one person and one card binding. The verifier gets its registration event with
 * the 4情報 (after consent); the person's other verifiers get an update when the card's certificates changed. A
 * cable ID is exclusive: a person holds one, at their own operator — a registration at another operator's STB is
 * refused (an assisted one always; otherwise unless both operators allow logins across operators).
 */

import type { registrationRequestSchema } from "@catv/contracts";
import type { z } from "zod";
import { accountEvent, operatorEvent, verifierEvent } from "../outbox/events.ts";
import { readFourInfo } from "../pki/four-info.ts";
import {
  normalizeSerial,
  type ValidatedCertificate,
  validateCertificate,
} from "../pki/validate-certificate.ts";
import { verifyCardSignature } from "../pki/verify-card-signature.ts";
import { generateAccountId } from "../platform/account-id.ts";
import { monthOf } from "../platform/clock.ts";
import { fail } from "../platform/errors.ts";
import { randomId } from "../platform/ids.ts";
import type {
  Account,
  CertificateRecord,
  NewOutboxEvent,
  Person,
  RegistrationSession,
  VerifierSettings,
} from "../storage/repositories.ts";
import { type BindingScope, bindingChange, verifyCardKeyProof } from "./bind-card.ts";
import { answerChallenge, toBeSigned } from "./challenges.ts";
import { checkRevocation } from "./check-revocation.ts";
import type { PfContext, RegistrationChannel } from "./context.ts";
import { METRICS } from "./metering.ts";
import { findCertificateByLinkage } from "./resolve-person.ts";

type Request = z.infer<typeof registrationRequestSchema>;

export interface RegistrationResult {
  verifierId: string;
  accountId: string;
  /** new: a new account at this verifier; existing: the same card again; renewed: new serials of a known card. */
  outcome: "new" | "existing" | "renewed";
  linkStatus: "linked" | "pending";
}

function requireConsent(consent: Request["consent"], now: Date) {
  if (!consent.textVersion.trim())
    throw fail("consent_required", "The person has not accepted the consent text.");
  if (new Date(consent.acceptedAt).getTime() > now.getTime() + 300_000) {
    throw fail("consent_required", "The consent time is in the future.");
  }
}

/** 証明書紐付け: J-LIS must pair the signature certificate with the user-authentication certificate offered. */
async function checkCertificatePair(
  ctx: PfContext,
  verifierId: string,
  sign: ValidatedCertificate,
  auth: ValidatedCertificate,
) {
  const answer = await ctx.jlis.linkage(sign.serialHex, "sign");
  await ctx.store.metering.record({
    meters: [
      { tenantId: verifierId, month: monthOf(ctx.clock.now()), metric: METRICS.jpkiCheckByPolicy("linkage") },
    ],
  });
  if (!answer?.pairedSerialNumber || normalizeSerial(answer.pairedSerialNumber) !== auth.serialHex) {
    throw fail("certificate_pair_mismatch");
  }
  return answer;
}

const scopeOf = (channel: RegistrationChannel): BindingScope =>
  channel.kind === "terminal"
    ? channel.scope
    : { requestId: channel.requestId, tenantId: channel.verifierId, terminalId: null };

/**
 * Registers the card's person with `verifierId`. The caller has checked the verifier may be used from this
 * channel (the terminal's site lists it, or it is the calling verifier itself).
 */
export async function registerPerson(
  ctx: PfContext,
  channel: RegistrationChannel,
  verifierId: string,
  input: Request,
): Promise<RegistrationResult> {
  const scope = scopeOf(channel);
  const challenge = await answerChallenge(ctx, scope, input.challengeId, "registration");
  const verifier = await ctx.store.tenants.getVerifier(verifierId);
  if (!verifier) throw fail("verifier_not_allowed_at_site");
  const now = ctx.clock.now();
  requireConsent(input.consent, now);
  const anchors = await ctx.jlis.get();
  const sign = await validateCertificate(input.signatureCertificate, "sign", anchors, now);
  const auth = await validateCertificate(input.authenticationCertificate, "auth", anchors, now);
  verifyCardSignature(toBeSigned(challenge), input.signature, sign.publicKey);
  // The card's 券面 key signed the same challenge: the key this registration binds for PIN-less use.
  const cardKey = await verifyCardKeyProof(ctx, input.cardKeyProof, toBeSigned(challenge));
  await checkRevocation(ctx, scope, sign, { verifierId });
  await checkRevocation(ctx, scope, auth, { verifierId });
  const signLinkage = await checkCertificatePair(ctx, verifierId, sign, auth);
  const fourInfo = readFourInfo(sign.certificate);
  if (!fourInfo) throw fail("certificate_malformed", "The signature certificate carries no readable 4情報.");

  const assisted =
    channel.kind === "terminal"
      ? await openAssistedSession(ctx, channel.scope, challenge.registrationSessionId, now)
      : undefined;

  // Same card → same person; new serials → found through the serial (a move keeps the auth certificate) or
  // through J-LIS's old→new linkage (renewal).
  const sameSign = await ctx.store.people.findCertificate(sign.serialHex, "sign");
  const sameAuth = await ctx.store.people.findCertificate(auth.serialHex, "auth");
  const known =
    sameSign ??
    sameAuth ??
    (await findCertificateByLinkage(ctx, sign.serialHex, "sign", signLinkage)) ??
    (await findCertificateByLinkage(ctx, auth.serialHex, "auth"));
  const existingPerson = known ? await ctx.store.people.getPerson(known.personId) : undefined;
  if (known && !existingPerson) throw fail("internal_error", "A certificate points at a missing person.");
  let existingAccount = existingPerson
    ? await ctx.store.people.getAccount(verifierId, existingPerson.id)
    : undefined;
  if (existingPerson && !existingAccount && verifier.accountIdKind === "cable-id") {
    existingAccount = await cableIdHeldElsewhere(ctx, verifier, existingPerson.id, Boolean(assisted));
  }
  const certificatesChanged = Boolean(existingPerson) && !(sameSign && sameAuth);
  const outcome: RegistrationResult["outcome"] = !existingAccount
    ? "new"
    : certificatesChanged
      ? "renewed"
      : "existing";

  const personId = existingPerson?.id ?? randomId("psn");
  const person: Person = existingPerson
    ? { ...existingPerson, birthDate: fourInfo.dateOfBirth, updatedAt: now.toISOString() }
    : {
        id: personId,
        birthDate: fourInfo.dateOfBirth,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
  const account: Account = existingAccount
    ? {
        ...existingAccount,
        linkStatus: assisted ? "linked" : existingAccount.linkStatus,
        updatedAt: now.toISOString(),
      }
    : {
        verifierId,
        personId,
        accountId: generateAccountId(),
        linkStatus: assisted ? "linked" : "pending",
        consentTextVersion: input.consent.textVersion,
        consentAcceptedAt: input.consent.acceptedAt,
        registeredAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
  const binding = await bindingChange(ctx, scope, personId, account.accountId, cardKey, "registration");
  const certificates: CertificateRecord[] = [sign, auth].map((c) => ({
    serialHex: c.serialHex,
    kind: c.kind,
    personId,
    notAfter: c.notAfter.toISOString(),
    status: "active",
    createdAt: now.toISOString(),
  }));

  const events: NewOutboxEvent[] = [];
  if (!existingAccount)
    events.push(registeredEvent(verifier, account, channel, input, fourInfo, assisted, now));
  if (certificatesChanged) {
    // A move re-issues only the signature certificate (the auth one stays): 再発行; otherwise a renewal. Every
    // verifier that already knows the person hears of it, with the new 4情報.
    const reason = sameAuth ? "reissued" : "renewed";
    for (const other of await ctx.store.people.listAccounts(personId)) {
      const otherVerifier = await ctx.store.tenants.getVerifier(other.verifierId);
      if (!otherVerifier) continue;
      events.push(
        accountEvent(
          otherVerifier,
          "updated",
          { accountId: other.accountId, updatedAt: now.toISOString(), reason, fourInfo },
          now,
        ),
      );
    }
  }
  const saved = await ctx.store.people.saveRegistration(
    {
      person,
      isNewPerson: !existingPerson,
      account,
      isNewAccount: !existingAccount,
      certificates,
      ...(assisted ? { consumeRegistrationSession: { id: assisted.id, at: now.toISOString() } } : {}),
      ...(binding ? { cardBinding: binding.binding } : {}),
    },
    {
      events,
      meters: [{ tenantId: verifierId, month: monthOf(now), metric: METRICS.registrations }],
      audit: [
        {
          event: `registration.${outcome}`,
          outcome: "success",
          actorKind: scope.terminalId ? "terminal" : "verifier",
          actorId: scope.terminalId ?? verifierId,
          tenantId: scope.tenantId,
          terminalId: scope.terminalId,
          accountId: account.accountId,
          requestId: scope.requestId,
        },
        ...(binding ? [binding.audit] : []),
      ],
    },
  );
  if (!saved) throw fail("challenge_used", "The assisted registration was used by another registration.");
  return {
    verifierId: account.verifierId,
    accountId: account.accountId,
    outcome,
    linkStatus: account.linkStatus,
  };
}

/**
 * A cable ID is exclusive: the person's cable ID at another operator, when both operators allow logins across
 * operators (the registration then answers that cable ID). Refused otherwise — and always for an assisted
 * registration: the other operator's viewer is not this operator's household to link.
 */
async function cableIdHeldElsewhere(
  ctx: PfContext,
  verifier: VerifierSettings,
  personId: string,
  assisted: boolean,
): Promise<Account | undefined> {
  for (const account of await ctx.store.people.listAccounts(personId)) {
    const home = await ctx.store.tenants.getVerifier(account.verifierId);
    if (home?.accountIdKind !== "cable-id") continue;
    if (assisted) throw fail("assisted_registration_other_operator");
    if (home.crossVerifierLogins && verifier.crossVerifierLogins) return account;
    throw fail("viewer_of_other_operator");
  }
  return undefined;
}

/** The registration event, in the verifier's dialect: `cable_id.registered` to an operator, else `account.registered`. */
function registeredEvent(
  verifier: VerifierSettings,
  account: Account,
  channel: RegistrationChannel,
  input: Request,
  fourInfo: NonNullable<ReturnType<typeof readFourInfo>>,
  assisted: RegistrationSession | undefined,
  now: Date,
): NewOutboxEvent {
  if (verifier.accountIdKind === "cable-id") {
    if (channel.kind !== "terminal") throw fail("forbidden", "An operator registers viewers on its STBs.");
    return operatorEvent(
      verifier.tenantId,
      "cable_id.registered",
      {
        cableId: account.accountId,
        registeredAt: now.toISOString(),
        terminalId: channel.scope.terminalId,
        fourInfo,
        ...(assisted ? { assisted: { contractId: assisted.contractId, memberId: assisted.memberId } } : {}),
      },
      now,
    );
  }
  return verifierEvent(
    verifier.tenantId,
    "account.registered",
    {
      accountId: account.accountId,
      registeredAt: now.toISOString(),
      via:
        channel.kind === "terminal"
          ? { channel: "terminal", siteKind: channel.scope.siteKind }
          : { channel: "verifier" },
      fourInfo,
      consent: { textVersion: input.consent.textVersion, acceptedAt: input.consent.acceptedAt },
    },
    now,
  );
}

/**
 * The assisted-registration session the challenge picked up, if it is still open for this terminal: staff of
 * this operator opened it on this STB, it has not expired and no registration used it yet.
 */
async function openAssistedSession(
  ctx: PfContext,
  scope: { tenantId: string; terminalId: string },
  registrationSessionId: string | null,
  now: Date,
): Promise<RegistrationSession | undefined> {
  if (!registrationSessionId) return undefined;
  const session = await ctx.store.challenges.getRegistrationSession(registrationSessionId);
  if (!session || session.usedAt || new Date(session.expiresAt) <= now) return undefined;
  if (session.operatorId !== scope.tenantId || session.terminalId !== scope.terminalId) return undefined;
  return session;
}
