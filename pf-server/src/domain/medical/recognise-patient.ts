/**
 * @module 利用者証明検証 at a reception (参考１－３ (1)): the card's answer — PIN-less (the 券面事項確認AP proof with the
 * bound card) or with the PIN (the user-authentication signature, when the terminal asks for it) — checked exactly
 * as a TV login is, for a patient registered with an insurer of the site. The PF records a recognition of this
 * patient at this terminal for a few minutes (the eligibility check uses it, and may retry with it) and answers
 * the institution's own patient reference, the patient's registrations at the site's insurers and any warning for
 * staff. Metered per site to the institution; audited with the account and the terminal, no personal data.
 */
import type { receptionRecognitionRequestSchema, receptionRecognitionResponseSchema } from "@catv/contracts";
import type { z } from "zod";
import { addSeconds, monthOf } from "../../platform/clock.ts";
import { auditedAs } from "../../platform/errors.ts";
import { randomId } from "../../platform/ids.ts";
import type { Account, Person } from "../../storage/repositories.ts";
import { bindCardAtPinLogin } from "../bind-card.ts";
import { toBeSigned } from "../challenges.ts";
import { completePinless } from "../complete-pinless-login.ts";
import type { PfContext, TerminalScope } from "../context.ts";
import { authenticateCardWithPin } from "../login-with-pin.ts";
import { METRICS, perSite } from "../metering.ts";
import {
  certificateWarnings,
  patientReferenceFor,
  receptionAccount,
  receptionSiteOf,
  registrationStates,
} from "./reception-site.ts";

type Request = z.infer<typeof receptionRecognitionRequestSchema>;
type Response = z.infer<typeof receptionRecognitionResponseSchema>;

/** The card's answer checked: the person, the account used, how, and the certificate's expiry (for the warning). */
async function recogniseCard(
  ctx: PfContext,
  scope: TerminalScope,
  input: Request,
  chooseAccount: (person: Person) => Promise<Account>,
) {
  if (input.method === "pinless") {
    const { method: _method, ...answer } = input;
    const { person, account, challenge } = await completePinless(ctx, scope, answer, chooseAccount);
    const certificate = challenge.authSerialHex
      ? await ctx.store.people.findCertificate(challenge.authSerialHex, "auth")
      : undefined;
    return {
      person,
      account,
      acr: "urn:catv:acr:pinless" as const,
      certificateNotAfter: certificate?.notAfter ?? null,
    };
  }
  const { method: _method, cardKeyProof, ...answer } = input;
  const pin = await authenticateCardWithPin(ctx, scope, answer, "login", chooseAccount);
  if (cardKeyProof)
    await bindCardAtPinLogin(
      ctx,
      scope,
      pin.person.id,
      pin.account.accountId,
      cardKeyProof,
      toBeSigned(pin.challenge),
    );
  return {
    person: pin.person,
    account: pin.account,
    acr: "urn:catv:acr:pin" as const,
    certificateNotAfter: pin.certificateNotAfter.toISOString(),
  };
}

export async function recognisePatient(
  ctx: PfContext,
  scope: TerminalScope,
  input: Request,
): Promise<Response> {
  const site = await receptionSiteOf(ctx, scope);
  const { person, account, acr, certificateNotAfter } = await recogniseCard(ctx, scope, input, (p) =>
    receptionAccount(ctx, site, p),
  );
  return auditedAs(account.accountId, async () => {
    const now = ctx.clock.now();
    const { reference, created } = await patientReferenceFor(ctx, site.ownerId, person.id);
    const recognition = {
      id: randomId("rcg"),
      terminalId: scope.terminalId,
      siteId: site.id,
      ownerId: site.ownerId,
      personId: person.id,
      acr,
      certificateNotAfter,
      recognisedAt: now.toISOString(),
      expiresAt: addSeconds(now, ctx.recognitionTtlSeconds).toISOString(),
    };
    const metric = acr === "urn:catv:acr:pin" ? METRICS.recognitionPin : METRICS.recognitionPinless;
    await ctx.store.recognitions.createRecognition(recognition, {
      meters: [{ tenantId: site.ownerId, month: monthOf(now), metric: perSite(metric, site.id) }],
      audit: [
        {
          event: acr === "urn:catv:acr:pin" ? "reception.recognition.pin" : "reception.recognition.pinless",
          outcome: "success",
          actorKind: "terminal",
          actorId: scope.terminalId,
          tenantId: scope.tenantId,
          terminalId: scope.terminalId,
          accountId: account.accountId,
          requestId: scope.requestId,
        },
      ],
    });
    return {
      recognitionId: recognition.id,
      patientReference: reference.reference,
      firstVisit: created,
      acr,
      siteKind: site.kind,
      recognisedAt: recognition.recognisedAt,
      expiresAt: recognition.expiresAt,
      registrations: await registrationStates(ctx, site, person.id),
      warnings: certificateWarnings(certificateNotAfter, now),
    };
  });
}
