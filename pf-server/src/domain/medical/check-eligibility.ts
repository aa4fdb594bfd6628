/**
 * @module 保険証資格確認 (参考１－３ (2)): for a recognition made at this very terminal a few minutes ago, the PF asks
 * each insurer of the site with which the patient has a linked account (normally one) and answers with what they
 * said, and the institution's patient reference. Registered but not linked yet by the insurer → `account_not_linked`
 * (without asking it: the insurer links, ポイント5). No insurer answering → `insurer_unavailable`: staff fall back
 * to the 資格確認書 and the terminal retries with the same recognition. Metered per site to the institution;
 * audited with the account, never with what the insurer answered about the patient.
 */
import type { eligibilityCheckRequestSchema, eligibilityCheckResponseSchema } from "@catv/contracts";
import type { z } from "zod";
import { monthOf } from "../../platform/clock.ts";
import { auditedAs, fail } from "../../platform/errors.ts";
import { randomId } from "../../platform/ids.ts";
import type { Recognition } from "../../storage/repositories.ts";
import type { PfContext, TerminalScope } from "../context.ts";
import { METRICS, perSite } from "../metering.ts";
import { accountsAtSite } from "../site-boundary.ts";
import { askInsurerEligibility } from "./ask-insurer-eligibility.ts";
import { certificateWarnings, patientReferenceFor, receptionSiteOf } from "./reception-site.ts";

type Request = z.infer<typeof eligibilityCheckRequestSchema>;
type Response = z.infer<typeof eligibilityCheckResponseSchema>;
type Result = Response["results"][number];

/** How soon a reception may retry after `insurer_unavailable` (a hint in the error's details). */
const RETRY_AFTER_SECONDS = 30;

/** The recognition, if it was made at this terminal and is still valid; each refusal has its own code. */
async function ownRecognition(
  ctx: PfContext,
  scope: TerminalScope,
  recognitionId: string,
): Promise<Recognition> {
  const recognition = await ctx.store.recognitions.getRecognition(recognitionId);
  if (!recognition) throw fail("recognition_unknown");
  if (recognition.terminalId !== scope.terminalId || recognition.ownerId !== scope.tenantId)
    throw fail("recognition_wrong_terminal");
  if (new Date(recognition.expiresAt) <= ctx.clock.now()) throw fail("recognition_expired");
  return recognition;
}

export async function checkEligibility(
  ctx: PfContext,
  scope: TerminalScope,
  input: Request,
): Promise<Response> {
  const site = await receptionSiteOf(ctx, scope);
  const recognition = await ownRecognition(ctx, scope, input.recognitionId);
  let accounts = await accountsAtSite(ctx, site, recognition.personId);
  if (input.verifierId) {
    accounts = accounts.filter((a) => a.verifierId === input.verifierId);
    if (accounts.length === 0)
      throw fail("verifier_not_allowed_at_site", "The patient has no account at it.");
  }
  const [first] = accounts;
  if (!first) throw fail("card_not_registered");
  return auditedAs(first.accountId, async () => {
    const results: Result[] = [];
    for (const account of accounts) {
      const verifier = await ctx.store.tenants.getTenant(account.verifierId);
      const named = { verifierId: account.verifierId, verifierName: verifier?.name ?? account.verifierId };
      if (account.linkStatus !== "linked") {
        results.push({ status: "not_linked", ...named });
        continue;
      }
      const api = await ctx.store.tenants.getProviderSettings(account.verifierId);
      const outcome =
        api?.subject === "account"
          ? await askInsurerEligibility(ctx, scope, {
              verifierId: account.verifierId,
              apiBaseUrl: api.apiBaseUrl,
              accountId: account.accountId,
              acr: recognition.acr,
              siteKind: site.kind,
              medicalInstitutionCode: site.institutionCode,
              limitApplicationCertificateConsent: input.limitApplicationCertificateConsent,
            })
          : ({ answered: false, why: "no eligibility API" } as const);
      results.push(
        outcome.answered
          ? { status: "answered", ...named, answer: outcome.answer }
          : { status: "unavailable", ...named },
      );
    }
    const answered = results.find((r) => r.status === "answered");
    if (!answered) {
      if (results.every((r) => r.status === "not_linked")) throw fail("account_not_linked");
      throw fail("insurer_unavailable", undefined, { retryAfterSeconds: RETRY_AFTER_SECONDS });
    }
    const now = ctx.clock.now();
    // The recognition issued it (or found it): every recognition at the institution answers the same one.
    const reference =
      (await ctx.store.people.getReference(site.ownerId, recognition.personId)) ??
      (await patientReferenceFor(ctx, site.ownerId, recognition.personId)).reference;
    const answeredAccount = accounts.find((a) => a.verifierId === answered.verifierId) ?? first;
    await ctx.store.metering.record({
      meters: [
        { tenantId: site.ownerId, month: monthOf(now), metric: perSite(METRICS.eligibilityChecks, site.id) },
      ],
      audit: [
        {
          event: "reception.eligibility",
          outcome: "success",
          actorKind: "terminal",
          actorId: scope.terminalId,
          tenantId: scope.tenantId,
          terminalId: scope.terminalId,
          accountId: answeredAccount.accountId,
          requestId: scope.requestId,
        },
      ],
    });
    return {
      checkId: randomId("elc"),
      recognitionId: recognition.id,
      patientReference: reference.reference,
      acr: recognition.acr,
      siteKind: site.kind,
      checkedAt: now.toISOString(),
      results,
      warnings: certificateWarnings(recognition.certificateNotAfter, now),
    };
  });
}
