/**
 * @module PF → insurer: the eligibility request (資格確認) the PF sends to an insurer's 資格確認データ受付サーバ after a
 * patient was recognised at a reception, and the insurer's answer, shaped after today's オンライン資格確認 message
 * (ONS `XmlMsg`: MessageHeader + ResultOfQualificationConfirmation, seed-demos §1(b)) as JSON with English camelCase
 * names; each field's Japanese term is in its description.
 *
 * **Request.** `POST <insurer apiBaseUrl>/pf/eligibility` with no body and `Authorization: Bearer <assertion>`.
 * The assertion is the whole request: an ES256 JWT from the PF (verify with `<PF_URL>/.well-known/jwks.json`, as a
 * provider verifies the PF's assertions) whose claims are `eligibilityAssertionClaimsSchema` — `aud` = the
 * insurer's tenant ID, `sub` = the insurer's own 共通的PFID for the patient, `acr` (PIN or PIN-less), `svc` =
 * `medical-eligibility`, the medical institution code, the 限度額 consent flag, the confirmation date, the request
 * ID; `exp` = `iat` + 60 s; refuse a replayed `jti`. Nothing in it identifies the patient to anyone but the insurer
 * that linked the 共通的PFID.
 *
 * **Answer.** HTTP 200 with `eligibilityAnswerSchema` for every outcome about the person — including 資格有効性
 * 4 該当資格なし for a 共通的PFID the insurer has not linked — and `processingResult.status` 2 for the insurer's own
 * failure to answer. A non-2xx status or a body the schema refuses is treated by the PF as `insurer_unavailable`.
 * 限度額適用認定証関連情報 is answered only when the request carries the patient's consent.
 */
import { z } from "zod";
import { acrSchema, commonPfIdSchema, siteKindSchema } from "../common.ts";
import {
  contributionRatioSchema,
  insuredCardClassificationSchema,
  insurerNumberSchema,
  limitCertificateClassificationSchema,
  limitClassificationFlagSchema,
  medicalInstitutionCodeSchema,
  medicalSexSchema,
  personalFamilyClassificationSchema,
  processingResultStatusSchema,
  qualificationValiditySchema,
  reasonOfLossSchema,
} from "./codes.ts";

/** Path below the insurer's API base URL. */
export const MEDICAL_ELIGIBILITY_PATH = "pf/eligibility";
/** The `svc` claim of an eligibility assertion. */
export const MEDICAL_ELIGIBILITY_SERVICE = "medical-eligibility";

const isoDate = z.iso.date();

/** The claims of the PF's eligibility assertion: the request itself. */
export const eligibilityAssertionClaimsSchema = z.object({
  iss: z.string().describe("the PF's URL"),
  aud: z.string().describe("the insurer's tenant ID at the PF"),
  sub: commonPfIdSchema,
  acr: acrSchema.describe("how the patient was recognised: urn:catv:acr:pin or urn:catv:acr:pinless"),
  svc: z.literal(MEDICAL_ELIGIBILITY_SERVICE),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string(),
  requestId: z
    .string()
    .min(8)
    .max(64)
    .describe("照会番号 of this request (ArbitraryFileIdentifier): the insurer echoes it in its answer"),
  qualificationConfirmationDate: isoDate.describe(
    "資格確認日 (QualificationConfirmationDate): the JST date the eligibility is asked for",
  ),
  medicalInstitutionCode: medicalInstitutionCodeSchema.describe(
    "医療機関コード (MedicalInstitutionCode) of the institution whose reception asks",
  ),
  limitApplicationCertificateConsent: z
    .boolean()
    .describe(
      "限度額適用認定証提供同意 (LimitApplicationCertificateRelatedConsFlg): the patient agreed at the reception to show the 限度額 information",
    ),
  siteKind: siteKindSchema.describe("in-person: a reception desk (the only kind that asks today)"),
});
export type EligibilityAssertionClaims = z.infer<typeof eligibilityAssertionClaimsSchema>;

/** 処理結果: whether the insurer could answer at all. */
export const processingResultSchema = z.object({
  status: processingResultStatusSchema,
  code: z
    .string()
    .max(20)
    .optional()
    .describe("処理結果コード (ProcessingResultCode): the insurer's own code, also on success"),
  message: z.string().max(400).optional().describe("処理結果メッセージ (ProcessingResultMessage)"),
});

/** 高齢受給者証情報 (ElderlyRecipientCertificateInfo), for insured persons aged 70 to 74. */
export const elderlyRecipientCertificateSchema = z.object({
  issuedOn: isoDate.optional().describe("高齢受給者証交付年月日"),
  validFrom: isoDate.describe("高齢受給者証有効開始年月日"),
  validUntil: isoDate.optional().describe("高齢受給者証有効終了年月日"),
  contributionRatio: contributionRatioSchema.describe('高齢受給者証一部負担金割合, e.g. "020" = 2割'),
});

/** 限度額適用認定証関連情報 (LimitApplicationCertificateRelatedInfo): present only when the patient consented. */
export const limitCertificateInfoSchema = z.object({
  classification: limitCertificateClassificationSchema,
  classificationFlag: limitClassificationFlagSchema,
  issuedOn: isoDate.optional().describe("限度額適用認定証交付年月日"),
  validFrom: isoDate.describe("限度額適用認定証有効開始年月日"),
  validUntil: isoDate.optional().describe("限度額適用認定証有効終了年月日"),
  longTermHospitalisationFrom: isoDate
    .optional()
    .describe("限度額適用認定証長期入院該当年月日 (LimitApplicationCertificateLongTermDate)"),
});

/** One 資格 (ResultOfQualificationConfirmation): the insured person's entry at this insurer. */
export const qualificationSchema = z.object({
  insuredCardClassification: insuredCardClassificationSchema,
  insurerNumber: insurerNumberSchema,
  insurerName: z.string().min(1).max(100).describe("保険者名称 (InsurerName)"),
  insuredCardSymbol: z
    .string()
    .max(38)
    .optional()
    .describe("記号 (InsuredCardSymbol); absent where the insurer has none (後期高齢者医療)"),
  insuredIdentificationNumber: z.string().min(1).max(38).describe("番号 (InsuredIdentificationNumber)"),
  insuredBranchNumber: z
    .string()
    .regex(/^[0-9]{2}$/, "2 digits")
    .optional()
    .describe("枝番 (InsuredBranchNumber): 2 digits"),
  personalFamilyClassification: personalFamilyClassificationSchema,
  insuredName: z
    .string()
    .max(100)
    .optional()
    .describe("被保険者氏名 (InsuredName): the 本人 (世帯主) of a family member"),
  name: z.string().min(1).max(100).describe("氏名 (Name)"),
  nameKana: z.string().max(100).optional().describe("氏名カナ (NameKana)"),
  sex: medicalSexSchema.describe("性別 (Sex1): 1 男, 2 女, 3 未設定"),
  birthDate: isoDate.describe("生年月日 (Birthdate)"),
  qualificationDate: isoDate.describe("資格取得年月日 (QualificationDate)"),
  disqualificationDate: isoDate.optional().describe("資格喪失年月日 (DisqualificationDate)"),
  reasonOfLoss: reasonOfLossSchema.optional().describe("資格喪失事由 (ReasonOfLoss), with the 喪失日"),
  insuredPartialContributionRatio: contributionRatioSchema.describe(
    '一部負担金割合 (InsuredPartialContributionRatio): "030" = 3割',
  ),
  elderlyRecipientCertificate: elderlyRecipientCertificateSchema
    .optional()
    .describe("高齢受給者証情報 (ElderlyRecipientCertificateInfo)"),
  limitApplicationCertificateConsent: z
    .object({
      consented: z.boolean().describe("限度額適用認定証提供同意フラグ (…RelatedConsFlg)"),
      consentedAt: z.iso.datetime().optional().describe("限度額適用認定証提供同意日時 (…RelatedConsTime)"),
    })
    .describe("限度額適用認定証提供同意"),
  limitApplicationCertificate: limitCertificateInfoSchema
    .optional()
    .describe("限度額適用認定証関連情報 (LimitApplicationCertificateRelatedInfo): only when consented"),
});
export type Qualification = z.infer<typeof qualificationSchema>;

/** The insurer's answer (HTTP 200), for every outcome about the person. */
export const eligibilityAnswerSchema = z
  .object({
    requestId: z.string().describe("照会番号: the request's `requestId`, echoed"),
    processedAt: z.iso.datetime().describe("処理実行日時 (ProcessExecutionTime)"),
    qualificationConfirmationDate: isoDate.describe("資格確認日, echoed"),
    medicalInstitutionCode: medicalInstitutionCodeSchema.describe("医療機関コード, echoed"),
    referenceClassification: z
      .literal("1")
      .describe("照会区分 (ReferenceClassification): 1 マイナンバーカード (by 共通的PFID)"),
    processingResult: processingResultSchema.describe("処理結果"),
    qualificationValidity: qualificationValiditySchema
      .optional()
      .describe("資格有効性: present whenever processingResult.status is 1"),
    qualifications: z
      .array(qualificationSchema)
      .max(10)
      .describe("資格 (ResultList): none for 4 該当資格なし, two or more for 5 複数該当"),
  })
  .superRefine((answer, issue) => {
    const ok = answer.processingResult.status === "1";
    if (ok && !answer.qualificationValidity) {
      issue.addIssue({
        code: "custom",
        path: ["qualificationValidity"],
        message: "required when status is 1",
      });
    }
    const count = answer.qualifications.length;
    const lost = answer.qualifications.some((q) => q.disqualificationDate && q.reasonOfLoss);
    const rule: Record<string, [boolean, string]> = {
      "1": [count >= 1, "有効 names the qualification"],
      "2": [count >= 1 && lost, "無効 names the lost qualification with its 喪失日 and 喪失事由"],
      "3": [
        count >= 1 && lost,
        "無効（新しい資格あり） names the lost qualification with its 喪失日 and 喪失事由",
      ],
      "4": [count === 0, "該当資格なし names no qualification"],
      "5": [count >= 2, "複数該当 names every qualification that matched"],
    };
    const [holds, message] = rule[answer.qualificationValidity ?? ""] ?? [true, ""];
    if (ok && !holds) issue.addIssue({ code: "custom", path: ["qualifications"], message });
    answer.qualifications.forEach((q, index) => {
      if (q.limitApplicationCertificate && !q.limitApplicationCertificateConsent.consented) {
        issue.addIssue({
          code: "custom",
          path: ["qualifications", index, "limitApplicationCertificate"],
          message: "限度額 information only with the patient's consent",
        });
      }
    });
  });
export type EligibilityAnswer = z.infer<typeof eligibilityAnswerSchema>;
