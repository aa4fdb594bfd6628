/**
 * @module The PF → insurer call (参考１－３ (2), 保険資格確認データ受付サーバ): the same mechanism as the provider
 * proxy — a per-request ES256 assertion, here with `sub` = the insurer's own 共通的PFID for the patient and the
 * request itself in its claims (medical/eligibility.ts) — and the answer held to the contract: an answer outside
 * it, for another request or institution, a non-2xx status, a timeout or a refused connection all count as the
 * insurer not answering. 限度額 information the patient did not consent to is never relayed, whatever the insurer
 * sends. Nothing about the patient is logged: the insurer, the outcome and the request ID only.
 */
import {
  type Acr,
  type EligibilityAnswer,
  eligibilityAnswerSchema,
  MEDICAL_ELIGIBILITY_PATH,
  type SiteKind,
} from "@catv/contracts";
import { jstDate } from "@catv/contracts/calendar";
import { randomId } from "../../platform/ids.ts";
import type { PfContext, RequestScope } from "../context.ts";
import { withSlash } from "../enrol-viewer.ts";

export interface EligibilityQuestion {
  verifierId: string;
  apiBaseUrl: string;
  /** The insurer's 共通的PFID for the patient. */
  accountId: string;
  acr: Acr;
  siteKind: SiteKind;
  medicalInstitutionCode: string;
  limitApplicationCertificateConsent: boolean;
}

export type InsurerOutcome = { answered: true; answer: EligibilityAnswer } | { answered: false; why: string };

export async function askInsurerEligibility(
  ctx: PfContext,
  scope: RequestScope,
  question: EligibilityQuestion,
): Promise<InsurerOutcome> {
  const now = ctx.clock.now();
  const requestId = randomId("req", 12);
  const assertion = await ctx.tokens.signEligibilityAssertion(
    {
      aud: question.verifierId,
      sub: question.accountId,
      acr: question.acr,
      requestId,
      qualificationConfirmationDate: jstDate(now),
      medicalInstitutionCode: question.medicalInstitutionCode,
      limitApplicationCertificateConsent: question.limitApplicationCertificateConsent,
      siteKind: question.siteKind,
    },
    now,
  );
  const unanswered = (why: string): InsurerOutcome => {
    ctx.logger.log("warn", "insurer did not answer the eligibility request", {
      requestId: scope.requestId,
      insurer: question.verifierId,
      why,
    });
    return { answered: false, why };
  };
  let res: Response;
  try {
    res = await ctx.fetch(new URL(MEDICAL_ELIGIBILITY_PATH, withSlash(question.apiBaseUrl)), {
      method: "POST",
      headers: {
        authorization: `Bearer ${assertion}`,
        accept: "application/json",
        "x-request-id": scope.requestId,
      },
      signal: AbortSignal.timeout(ctx.eligibilityTimeoutMs),
      redirect: "manual",
    });
  } catch (e) {
    return unanswered(e instanceof Error && e.name === "TimeoutError" ? "timeout" : "unreachable");
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) return unanswered(`HTTP ${res.status}`);
  const parsed = eligibilityAnswerSchema.safeParse(body);
  if (!parsed.success) return unanswered("answer outside the contract");
  const answer = parsed.data;
  if (answer.requestId !== requestId) return unanswered("answer for another request");
  if (answer.medicalInstitutionCode !== question.medicalInstitutionCode)
    return unanswered("answer for another institution");
  if (question.limitApplicationCertificateConsent) return { answered: true, answer };
  // Without the patient's consent the PF relays no 限度額 information, even one the insurer sent by mistake.
  return {
    answered: true,
    answer: {
      ...answer,
      qualifications: answer.qualifications.map(({ limitApplicationCertificate: _dropped, ...q }) => ({
        ...q,
        limitApplicationCertificateConsent: { consented: false },
      })),
    },
  };
}
