import { describe, expect, it } from "vitest";
import { contributionRatioInTenths, toEightDigitInsurerNumber } from "./codes.ts";
import {
  type EligibilityAnswer,
  eligibilityAnswerSchema,
  eligibilityAssertionClaimsSchema,
} from "./eligibility.ts";
import { eligibilityCheckRequestSchema, receptionRecognitionRequestSchema } from "./reception-api.ts";

const qualification = {
  insuredCardClassification: "01",
  insurerNumber: "00062040",
  insurerName: "酒田市国民健康保険",
  insuredCardSymbol: "酒田",
  insuredIdentificationNumber: "1234567",
  insuredBranchNumber: "01",
  personalFamilyClassification: "1",
  name: "試験 太郎",
  nameKana: "シケン タロウ",
  sex: "1",
  birthDate: "1980-02-17",
  qualificationDate: "2020-04-01",
  insuredPartialContributionRatio: "030",
  limitApplicationCertificateConsent: { consented: false },
} as const;

const answer = (overrides: Partial<EligibilityAnswer> = {}) => ({
  requestId: "req_0123456789",
  processedAt: "2026-05-01T01:00:00.000Z",
  qualificationConfirmationDate: "2026-05-01",
  medicalInstitutionCode: "0611234567",
  referenceClassification: "1",
  processingResult: { status: "1" },
  qualificationValidity: "1",
  qualifications: [qualification],
  ...overrides,
});

describe("the eligibility answer (資格確認)", () => {
  it("accepts 有効 with its qualification", () => {
    expect(eligibilityAnswerSchema.safeParse(answer()).success).toBe(true);
  });

  it("refuses 該当資格なし that names a qualification", () => {
    expect(eligibilityAnswerSchema.safeParse(answer({ qualificationValidity: "4" })).success).toBe(false);
    expect(
      eligibilityAnswerSchema.safeParse(answer({ qualificationValidity: "4", qualifications: [] })).success,
    ).toBe(true);
  });

  it("refuses 無効 without the 喪失日 and 喪失事由", () => {
    expect(eligibilityAnswerSchema.safeParse(answer({ qualificationValidity: "2" })).success).toBe(false);
    const lost = { ...qualification, disqualificationDate: "2026-03-31", reasonOfLoss: "03" as const };
    expect(
      eligibilityAnswerSchema.safeParse(answer({ qualificationValidity: "2", qualifications: [lost] }))
        .success,
    ).toBe(true);
  });

  it("refuses 複数該当 with a single qualification", () => {
    expect(eligibilityAnswerSchema.safeParse(answer({ qualificationValidity: "5" })).success).toBe(false);
  });

  it("refuses 限度額 information the patient did not consent to", () => {
    const withLimit = {
      ...qualification,
      limitApplicationCertificate: {
        classification: "01",
        classificationFlag: "A03",
        validFrom: "2026-04-01",
      },
    } as const;
    expect(eligibilityAnswerSchema.safeParse(answer({ qualifications: [withLimit] })).success).toBe(false);
    const consented = { ...withLimit, limitApplicationCertificateConsent: { consented: true } };
    expect(eligibilityAnswerSchema.safeParse(answer({ qualifications: [consented] })).success).toBe(true);
  });

  it("accepts an insurer's error answer without a 資格有効性", () => {
    const error = answer({
      processingResult: { status: "2", code: "E001", message: "被保険者DBに接続できません" },
      qualifications: [],
    });
    delete (error as { qualificationValidity?: string }).qualificationValidity;
    expect(eligibilityAnswerSchema.safeParse(error).success).toBe(true);
  });

  it("refuses a 保険者番号 that is not 8 digits", () => {
    const six = { ...qualification, insurerNumber: "062040" };
    expect(eligibilityAnswerSchema.safeParse(answer({ qualifications: [six] })).success).toBe(false);
  });
});

describe("the code helpers", () => {
  it("pads a 6-digit 国保 保険者番号 to 8 characters and keeps an 8-digit one", () => {
    expect(toEightDigitInsurerNumber("062040")).toBe("00062040");
    expect(toEightDigitInsurerNumber("06139876")).toBe("06139876");
    expect(() => toEightDigitInsurerNumber("6204")).toThrow(RangeError);
  });

  it("reads a 3-digit 負担割合 as 割", () => {
    expect(contributionRatioInTenths("030")).toBe(3);
    expect(contributionRatioInTenths("010")).toBe(1);
  });
});

describe("the requests", () => {
  it("takes an assertion whose subject is a 共通的PFID", () => {
    const claims = {
      iss: "http://pf.test",
      aud: "ins-sakata-kokuho",
      sub: "AB12-CD34-EF56-GH7J",
      acr: "urn:catv:acr:pinless",
      svc: "medical-eligibility",
      iat: 1,
      exp: 61,
      jti: "as_x",
      requestId: "req_0123456789",
      qualificationConfirmationDate: "2026-05-01",
      medicalInstitutionCode: "0611234567",
      limitApplicationCertificateConsent: false,
      siteKind: "in-person",
    };
    expect(eligibilityAssertionClaimsSchema.safeParse(claims).success).toBe(true);
    expect(eligibilityAssertionClaimsSchema.safeParse({ ...claims, sub: "a-pairwise-id" }).success).toBe(
      false,
    );
  });

  it("tells a PIN-less recognition from a PIN one by its method", () => {
    const pinless = receptionRecognitionRequestSchema.parse({
      method: "pinless",
      challengeId: "ch_1",
      dateOfBirthRecord: "AA==",
      cardVerifiableCertificate: "AA==",
      signature: "AA==",
    });
    expect(pinless.method).toBe("pinless");
    expect(
      receptionRecognitionRequestSchema.safeParse({ method: "pin", challengeId: "ch_1", signature: "AA==" })
        .success,
    ).toBe(false);
  });

  it("needs the 限度額 consent flag stated on every eligibility check", () => {
    expect(eligibilityCheckRequestSchema.safeParse({ recognitionId: "rcg_1" }).success).toBe(false);
  });
});
