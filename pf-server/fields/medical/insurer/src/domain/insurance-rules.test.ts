import { describe, expect, it } from "vitest";
import {
  ageOn,
  certificateYear,
  contributionRatio,
  coveredOn,
  effectiveLoss,
  elderlyCertificate,
  elderlyFrom,
  lateElderlyFrom,
  limitCertificate,
  preschoolUntil,
} from "./insurance-rules.ts";

const person = (
  birthDate: string,
  incomeBracket: "top" | "upper" | "middle" | "general" | "low" | "lowest" = "general",
) => ({
  birthDate,
  incomeBracket,
  qualificationDate: "2000-04-01",
  disqualificationDate: null,
  reasonOfLoss: null,
});

describe("一部負担金割合 by age", () => {
  it("is 3割 from school age to 69", () => {
    expect(contributionRatio(person("1980-02-17"), "2026-12-01")).toBe("030");
  });

  it("is 2割 before compulsory schooling, up to the 31 March before the first school year", () => {
    expect(preschoolUntil("2020-08-08")).toBe("2027-03-31");
    expect(contributionRatio(person("2020-08-08"), "2027-03-31")).toBe("020");
    expect(contributionRatio(person("2020-08-08"), "2027-04-01")).toBe("030");
  });

  it("puts a child born on 1 April in the school year of those born before (早生まれ)", () => {
    expect(preschoolUntil("2015-04-01")).toBe("2021-03-31");
    expect(preschoolUntil("2015-04-02")).toBe("2022-03-31");
  });

  it("is 2割 from the month after the 70th birthday, 3割 with 現役並み所得", () => {
    expect(elderlyFrom("1956-01-20")).toBe("2026-02-01");
    expect(contributionRatio(person("1956-01-20"), "2026-01-31")).toBe("030");
    expect(contributionRatio(person("1956-01-20"), "2026-02-01")).toBe("020");
    expect(contributionRatio(person("1956-01-20", "upper"), "2026-02-01")).toBe("030");
  });

  it("starts 高齢受給者 in the birthday's own month for a birthday on the 1st", () => {
    expect(elderlyFrom("1956-03-01")).toBe("2026-03-01");
  });

  it("is 1割 at 70–74 for people born on or before 1 April 1944 (特例措置)", () => {
    expect(contributionRatio(person("1944-04-01"), "2016-01-01")).toBe("010");
    expect(contributionRatio(person("1944-04-02"), "2016-01-01")).toBe("020");
  });
});

describe("高齢受給者証 and 限度額適用認定証", () => {
  it("runs the 高齢受給者証 August to July, ending the day before the 75th birthday", () => {
    expect(elderlyCertificate(person("1952-09-09"), "2026-12-01")).toEqual({
      validFrom: "2026-08-01",
      validUntil: "2027-07-31",
      contributionRatio: "020",
    });
    expect(elderlyCertificate(person("1952-09-09"), "2027-08-15")?.validUntil).toBe("2027-09-08");
    expect(elderlyCertificate(person("1980-01-01"), "2026-12-01")).toBeUndefined();
  });

  it("gives ア…オ under 70 and 現役並みⅢ…低所得Ⅰ from 70, with the 減額認定証 for 住民税非課税", () => {
    expect(limitCertificate(person("1980-01-01", "middle"), "2026-12-01")).toMatchObject({
      classification: "01",
      classificationFlag: "A03",
    });
    expect(limitCertificate(person("1980-01-01", "lowest"), "2026-12-01")).toMatchObject({
      classification: "02",
      classificationFlag: "A05",
    });
    expect(limitCertificate(person("1953-05-05", "lowest"), "2026-12-01")).toMatchObject({
      classification: "02",
      classificationFlag: "B06",
    });
  });

  it("reads the certificate year from August", () => {
    expect(certificateYear("2026-07-31")).toEqual({ from: "2025-08-01", until: "2026-07-31" });
    expect(certificateYear("2026-08-01")).toEqual({ from: "2026-08-01", until: "2027-07-31" });
  });
});

describe("the end of the 資格", () => {
  it("ends on the 75th birthday (後期高齢者医療), as 医療保険等の資格取得", () => {
    expect(lateElderlyFrom("1951-09-30")).toBe("2026-09-30");
    expect(effectiveLoss(person("1951-09-30"), "2026-09-29")).toBeUndefined();
    expect(effectiveLoss(person("1951-09-30"), "2026-09-30")).toEqual({
      disqualificationDate: "2026-09-30",
      reasonOfLoss: "03",
    });
  });

  it("takes the register's earlier loss over the 75th birthday", () => {
    const died = { ...person("1952-01-01"), disqualificationDate: "2026-08-15", reasonOfLoss: "01" as const };
    expect(effectiveLoss(died, "2030-01-01")).toEqual({
      disqualificationDate: "2026-08-15",
      reasonOfLoss: "01",
    });
  });

  it("is not covered before the 資格取得日", () => {
    expect(coveredOn({ ...person("1990-01-01"), qualificationDate: "2027-01-01" }, "2026-12-31")).toBe(false);
  });

  it("counts a leap-day birthday's age from 28 February in a common year", () => {
    expect(ageOn("1968-02-29", "2027-02-27")).toBe(58);
    expect(ageOn("1968-02-29", "2027-02-28")).toBe(59);
  });
});
