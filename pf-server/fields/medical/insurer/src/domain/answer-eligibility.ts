/**
 * @module The 資格確認データ受付サーバ's one use case (参考１－３ (2)): the PF asks, with a verified assertion, for the
 * 資格 of the person its `sub` names — the insurer's own 共通的PFID — on the reception's day, and the insurer answers
 * from its 被保険者DB what today's オンライン資格確認 answers (eligibility.ts, shaped after ONS's
 * ResultOfQualificationConfirmation): 資格有効性 1 有効, 2 無効 (with 喪失日 and 喪失事由), 3 無効（新しい資格あり）
 * — lost because the person acquired another 医療保険 (喪失事由 03) —, 4 該当資格なし (no link, or a 資格 not yet
 * begun) and 5 複数該当 (the ID is linked to two records that are both in force: a household's dependant never
 * struck off when they became insured in their own right, say). 限度額 information goes only with the patient's
 * consent. Every request is written to the 照会履歴 (without any 4情報).
 */
import {
  type EligibilityAnswer,
  type EligibilityAssertionClaims,
  eligibilityAnswerSchema,
  type Qualification,
  type QualificationValidity,
  toEightDigitInsurerNumber,
} from "@catv/contracts";
import {
  contributionRatio,
  coveredOn,
  dayBefore,
  type EffectiveLoss,
  effectiveLoss,
  elderlyCertificate,
  limitCertificate,
} from "./insurance-rules.ts";
import type { Deps, InsuredPerson, Insurer } from "./ports.ts";

export interface Decision {
  validity: QualificationValidity;
  /** The records the answer names, with their loss on the day (if lost). */
  records: { person: InsuredPerson; loss: EffectiveLoss | undefined }[];
}

/**
 * The 資格有効性 of the people a 共通的PFID is linked to, on a day: every record in force (5 when two or more), else
 * the latest loss (3 when the person acquired another 医療保険, else 2), else 4.
 */
export function decideValidity(persons: InsuredPerson[], on: string): Decision {
  const covered = persons.filter((p) => coveredOn(p, on));
  if (covered.length >= 2)
    return { validity: "5", records: covered.map((person) => ({ person, loss: undefined })) };
  if (covered.length === 1) return { validity: "1", records: [{ person: covered[0]!, loss: undefined }] };
  const lost = persons
    .map((person) => ({ person, loss: effectiveLoss(person, on) }))
    .filter((r): r is { person: InsuredPerson; loss: EffectiveLoss } => r.loss !== undefined)
    .sort((a, b) => b.loss.disqualificationDate.localeCompare(a.loss.disqualificationDate));
  if (lost.length === 0) return { validity: "4", records: [] };
  const latest = lost[0]!;
  return { validity: latest.loss.reasonOfLoss === "03" ? "3" : "2", records: [latest] };
}

function qualificationOf(
  insurer: Insurer,
  person: InsuredPerson,
  insuredName: string,
  loss: EffectiveLoss | undefined,
  on: string,
  consent: { consented: boolean; consentedAt?: string },
): Qualification {
  // A lost 資格 is described as it stood on its last day.
  const asOf = loss ? dayBefore(loss.disqualificationDate) : on;
  const elderly = elderlyCertificate(person, asOf);
  const limit = !loss && consent.consented ? limitCertificate(person, asOf) : undefined;
  return {
    insuredCardClassification: person.cardClassification,
    insurerNumber: toEightDigitInsurerNumber(insurer.insurerNumber),
    insurerName: insurer.name,
    ...(person.symbol ? { insuredCardSymbol: person.symbol } : {}),
    insuredIdentificationNumber: person.number,
    insuredBranchNumber: person.branchNumber,
    personalFamilyClassification: person.relationship,
    insuredName,
    name: person.name,
    nameKana: person.nameKana,
    sex: person.sex,
    birthDate: person.birthDate,
    qualificationDate: person.qualificationDate,
    ...(loss ? { disqualificationDate: loss.disqualificationDate, reasonOfLoss: loss.reasonOfLoss } : {}),
    insuredPartialContributionRatio: contributionRatio(person, asOf),
    ...(elderly ? { elderlyRecipientCertificate: elderly } : {}),
    limitApplicationCertificateConsent: consent,
    ...(limit ? { limitApplicationCertificate: limit } : {}),
  } as Qualification;
}

/**
 * @example const answer = await answerEligibility(deps, insurer, claims); // claims verified by the HTTP layer
 */
export async function answerEligibility(
  deps: Deps,
  insurer: Insurer,
  claims: EligibilityAssertionClaims,
): Promise<EligibilityAnswer> {
  const processedAt = deps.now().toISOString();
  const on = claims.qualificationConfirmationDate;
  const header = {
    requestId: claims.requestId,
    processedAt,
    qualificationConfirmationDate: on,
    medicalInstitutionCode: claims.medicalInstitutionCode,
    referenceClassification: "1" as const,
  };
  let answer: EligibilityAnswer;
  try {
    const links = await deps.store.links.live(insurer.id, claims.sub);
    const persons: InsuredPerson[] = [];
    for (const link of links) {
      const person = await deps.store.persons.get(insurer.id, link.personId);
      if (person) persons.push(person);
    }
    const decision = decideValidity(persons, on);
    const consent = {
      consented: claims.limitApplicationCertificateConsent,
      ...(claims.limitApplicationCertificateConsent
        ? { consentedAt: new Date(claims.iat * 1000).toISOString() }
        : {}),
    };
    const qualifications: Qualification[] = [];
    for (const { person, loss } of decision.records) {
      const household = await deps.store.persons.household(insurer.id, person.householdId);
      const head = household.find((p) => p.relationship === "1") ?? person;
      qualifications.push(qualificationOf(insurer, person, head.name, loss, on, consent));
    }
    answer = eligibilityAnswerSchema.parse({
      ...header,
      processingResult: { status: "1" },
      qualificationValidity: decision.validity,
      qualifications,
    });
  } catch (error) {
    deps.logger.error("eligibility answer failed", {
      insurerId: insurer.id,
      requestId: claims.requestId,
      error: error instanceof Error ? error.name : "unknown",
    });
    // The contract's own failure: status 2, so the reception falls back to the 資格確認書 and retries.
    answer = {
      ...header,
      processingResult: {
        status: "2",
        code: "INS-E001",
        message: "保険者の資格情報を取得できませんでした。資格確認書で確認し、後ほど再照会してください。",
      },
      qualifications: [],
    };
  }
  await deps.store.eligibility
    .append({
      insurerId: insurer.id,
      requestId: claims.requestId,
      accountId: claims.sub,
      medicalInstitutionCode: claims.medicalInstitutionCode,
      confirmationDate: on,
      acr: claims.acr,
      limitConsent: claims.limitApplicationCertificateConsent,
      processingStatus: answer.processingResult.status,
      validity: answer.qualificationValidity ?? null,
      processedAt,
    })
    .catch((error: unknown) =>
      deps.logger.error("eligibility log not written", {
        requestId: claims.requestId,
        error: error instanceof Error ? error.name : "unknown",
      }),
    );
  return answer;
}
