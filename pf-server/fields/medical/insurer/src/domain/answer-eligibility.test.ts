import { eligibilityAnswerSchema } from "@catv/contracts";
import { createMemoryLogger } from "@catv/service-kit";
import { describe, expect, it } from "vitest";
import { openInsurerDb } from "../db/open-insurer-db.ts";
import { answerEligibility, decideValidity } from "./answer-eligibility.ts";
import type { Deps, InsuredPerson, Store } from "./ports.ts";

const claims = {
  iss: "http://pf.test",
  aud: "ins-a",
  sub: "7QK2-M9XR-4TB1-ZC8D",
  acr: "urn:catv:acr:pinless" as const,
  svc: "medical-eligibility" as const,
  iat: 1_780_000_000,
  exp: 1_780_000_060,
  jti: "as_1",
  requestId: "elg_0123456789",
  qualificationConfirmationDate: "2026-12-01",
  medicalInstitutionCode: "0610499996",
  limitApplicationCertificateConsent: false,
  siteKind: "in-person" as const,
};
const insurer = {
  id: "ins-a",
  name: "テスト国保",
  kind: "national-health-insurance" as const,
  insurerNumber: "069997",
  town: "酒田市",
  prefecture: "山形県",
};

const person = (overrides: Partial<InsuredPerson>): InsuredPerson => ({
  id: "ip_1",
  insurerId: "ins-a",
  householdId: "hh_1",
  symbol: "酒田",
  number: "1",
  branchNumber: "01",
  relationship: "1",
  name: "試験 花子",
  nameKana: "シケン ハナコ",
  sex: "2",
  birthDate: "1980-01-01",
  address: "酒田市",
  postalCode: null,
  cardClassification: "01",
  qualificationDate: "2020-04-01",
  disqualificationDate: null,
  reasonOfLoss: null,
  incomeBracket: "general",
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...overrides,
});

describe("deciding the 資格有効性", () => {
  it("names the latest loss when no record is in force", () => {
    const older = person({ id: "a", disqualificationDate: "2020-01-01", reasonOfLoss: "03" });
    const newer = person({ id: "b", disqualificationDate: "2026-06-01", reasonOfLoss: "99" });
    const decision = decideValidity([older, newer], "2026-12-01");
    expect(decision.validity).toBe("2");
    expect(decision.records.map((r) => r.person.id)).toEqual(["b"]);
  });

  it("answers 有効 when one record is in force and another was lost", () => {
    const lost = person({ id: "a", disqualificationDate: "2026-06-01", reasonOfLoss: "03" });
    const current = person({ id: "b", qualificationDate: "2026-06-01" });
    expect(decideValidity([lost, current], "2026-12-01")).toMatchObject({ validity: "1" });
  });

  it("answers 該当資格なし for a record whose 資格 has not begun", () => {
    expect(decideValidity([person({ qualificationDate: "2027-01-01" })], "2026-12-01").validity).toBe("4");
  });
});

describe("when the register cannot be read", () => {
  it("answers with processing status 2 (the insurer's failure), within the contract, and logs no personal data", async () => {
    const { store, close } = openInsurerDb(":memory:");
    const logger = createMemoryLogger("medical-insurer");
    const broken: Store = {
      ...store,
      links: {
        ...store.links,
        live: () => Promise.reject(new Error("SQLITE_IOERR: disk I/O error for 試験 花子")),
      },
    };
    const deps: Deps = {
      store: broken,
      pf: {} as Deps["pf"],
      secrets: () => undefined,
      now: () => new Date("2026-12-01T01:00:00.000Z"),
      logger,
    };
    const answer = await answerEligibility(deps, insurer, claims);
    expect(eligibilityAnswerSchema.safeParse(answer).error).toBeUndefined();
    expect(answer.processingResult).toMatchObject({ status: "2", code: "INS-E001" });
    expect(answer.qualifications).toEqual([]);
    expect(logger.lines.join("\n")).not.toContain("試験");
    expect((await store.eligibility.list("ins-a", { offset: 0, limit: 1 })).items[0]).toMatchObject({
      processingStatus: "2",
      validity: null,
    });
    close();
  });
});
