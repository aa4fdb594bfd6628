/**
 * @module A 資格 (qualification) for tests, with the fields an insurer's answer carries, overridable: by default
 * 酒田市国民健康保険 (保険者番号 069997, padded to 8 characters), 本人, 3割, no loss.
 */
import type { Qualification } from "@catv/contracts";

export function testQualification(overrides: Partial<Qualification> = {}): Qualification {
  return {
    insuredCardClassification: "01",
    insurerNumber: "00069997",
    insurerName: "酒田市国民健康保険（デモ）",
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
    ...overrides,
  };
}
