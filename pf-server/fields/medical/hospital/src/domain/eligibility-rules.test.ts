import type { EligibilityAnswer, QualificationValidity } from "@catv/contracts";
import { testQualification } from "@catv/reception-kit/testing";
import { describe, expect, it } from "vitest";
import { identityFrom, retryDelayMs, summariseResults } from "./eligibility-rules.ts";
import type { EligibilityResults } from "./ports.ts";

const answer = (validity: QualificationValidity, count = 1): EligibilityAnswer => ({
  requestId: "req_0123456789",
  processedAt: "2026-12-01T01:00:00.000Z",
  qualificationConfirmationDate: "2026-12-01",
  medicalInstitutionCode: "0610499996",
  referenceClassification: "1",
  processingResult: { status: "1" },
  qualificationValidity: validity,
  qualifications:
    validity === "4"
      ? []
      : Array.from({ length: count }, () =>
          validity === "2" || validity === "3"
            ? testQualification({ disqualificationDate: "2026-03-31", reasonOfLoss: "03" })
            : testQualification(),
        ),
});
const answered = (verifierId: string, a: EligibilityAnswer) =>
  ({ status: "answered", verifierId, verifierName: verifierId, answer: a }) as const;

describe("reading the PF's eligibility answer", () => {
  it("lets a valid qualification at one insurer speak for a patient whose old insurer says 新しい資格あり", () => {
    const results: EligibilityResults = [answered("old", answer("3")), answered("new", answer("1"))];
    expect(summariseResults(results)).toMatchObject({
      validity: "1",
      outcome: "valid",
      chosen: { verifierId: "new" },
    });
  });

  it("puts 複数該当 before 無効 and 該当資格なし", () => {
    const results: EligibilityResults = [
      answered("a", answer("4")),
      answered("b", answer("2")),
      answered("c", answer("5", 2)),
    ];
    expect(summariseResults(results).outcome).toBe("multiple");
  });

  it("reads an insurer's own failure (処理結果 2) as an error, not as a 資格有効性", () => {
    const failed: EligibilityAnswer = {
      ...answer("1"),
      processingResult: { status: "2", code: "E1", message: "DB停止" },
      qualificationValidity: undefined,
      qualifications: [],
    };
    const results: EligibilityResults = [
      answered("a", failed),
      { status: "unavailable", verifierId: "b", verifierName: "b" },
    ];
    expect(summariseResults(results)).toEqual({
      validity: null,
      outcome: "insurer_error",
      chosen: undefined,
    });
  });

  it("takes the patient's identity only from a 有効 answer with one qualification", () => {
    expect(identityFrom(summariseResults([answered("a", answer("1"))]))).toEqual({
      name: "試験 太郎",
      nameKana: "シケン タロウ",
      birthDate: "1980-02-17",
      sex: "1",
    });
    expect(identityFrom(summariseResults([answered("a", answer("5", 2))]))).toBeUndefined();
    expect(identityFrom(summariseResults([answered("a", answer("2"))]))).toBeUndefined();
  });

  it("doubles the wait between retries up to the cap", () => {
    const policy = { initialMs: 5_000, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, policy))).toEqual([
      5_000, 10_000, 20_000, 30_000, 30_000,
    ]);
  });
});
