import { type EligibilityAnswer, eligibilityAnswerSchema, type FourInfo } from "@catv/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkAccount } from "../domain/link-account.ts";
import type { Actor } from "../domain/ports.ts";
import { type Harness, KENPO, KOKUHO, personId, residents, startHarness } from "../test-support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const actor = (insurerId: string): Actor => ({
  insurerId,
  loginId: insurerId === KOKUHO ? "kokuho-staff" : "kenpo-staff",
  role: "staff",
  requestId: "test",
});

/** Registers someone at an insurer and links the 共通的PFID to the given records (differences confirmed). */
async function linked(insurerId: string, fourInfo: FourInfo, ...records: [string, string, string][]) {
  const accountId = await h.register(insurerId, fourInfo);
  for (const [symbol, number, branch] of records) {
    await linkAccount(h.deps, actor(insurerId), {
      accountId,
      personId: personId(insurerId, symbol, number, branch),
      corrections: [],
      confirmMismatch: true,
      confirmSecondLink: true,
      method: "screen",
    });
  }
  return accountId;
}

const fiction = (name: string, dateOfBirth: string, gender: "1" | "2", address: string): FourInfo => ({
  name,
  dateOfBirth,
  gender,
  address,
});

async function answerOf(
  insurerId: string,
  accountId: string,
  claims: { qualificationConfirmationDate?: string; limitApplicationCertificateConsent?: boolean } = {},
): Promise<EligibilityAnswer> {
  const res = await h.askEligibility(insurerId, accountId, {
    qualificationConfirmationDate: "2026-12-01",
    ...claims,
  });
  expect(res.status).toBe(200);
  const parsed = eligibilityAnswerSchema.safeParse(await res.json());
  expect(parsed.error).toBeUndefined();
  return parsed.data!;
}

async function refusalCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe("the 資格確認データ受付サーバ answers every case of the demo registers", () => {
  it("answers 有効 with 3割 for 山田 太郎 at the 健保, with the 8-digit 保険者番号 and his 記号・番号・枝番", async () => {
    const answer = await answerOf(KENPO, await linked(KENPO, residents.yamadaTaro, ["3101", "12", "00"]));
    expect(answer).toMatchObject({
      processingResult: { status: "1" },
      qualificationValidity: "1",
      referenceClassification: "1",
      qualificationConfirmationDate: "2026-12-01",
    });
    expect(answer.qualifications).toEqual([
      expect.objectContaining({
        insuredCardClassification: "01",
        insurerNumber: "06069991",
        insuredCardSymbol: "3101",
        insuredIdentificationNumber: "12",
        insuredBranchNumber: "00",
        personalFamilyClassification: "1",
        insuredName: "山田 太郎",
        name: "山田 太郎",
        nameKana: "ヤマダ タロウ",
        sex: "1",
        birthDate: "1958-04-12",
        qualificationDate: "1981-04-01",
        insuredPartialContributionRatio: "030",
      }),
    ]);
    expect(answer.qualifications[0]).not.toHaveProperty("disqualificationDate");
    expect(answer.qualifications[0]).not.toHaveProperty("elderlyRecipientCertificate");
  });

  it("leaves the 限度額 information out without the patient's consent, and gives it with it", async () => {
    const accountId = await linked(KENPO, residents.satoHanako, ["5101", "14", "00"]);
    const without = await answerOf(KENPO, accountId);
    expect(without.qualifications[0]!.limitApplicationCertificateConsent).toEqual({ consented: false });
    expect(without.qualifications[0]).not.toHaveProperty("limitApplicationCertificate");
    const consented = await answerOf(KENPO, accountId, { limitApplicationCertificateConsent: true });
    expect(consented.qualifications[0]!.limitApplicationCertificateConsent.consented).toBe(true);
    expect(consented.qualifications[0]!.limitApplicationCertificate).toEqual({
      classification: "01",
      classificationFlag: "A04",
      validFrom: "2026-08-01",
      validUntil: "2027-07-31",
    });
  });

  it("pads the 6-digit 国保 保険者番号 to 8 and answers 2割 with the 高齢受給者証 for 水谷 誠 (74, 住所地特例)", async () => {
    const answer = await answerOf(
      KOKUHO,
      await linked(KOKUHO, residents.mizutaniMakoto, ["酒田", "210854", "01"]),
    );
    expect(answer.qualificationValidity).toBe("1");
    expect(answer.qualifications[0]).toMatchObject({
      insurerNumber: "00069997",
      insuredCardSymbol: "酒田",
      insuredPartialContributionRatio: "020",
      elderlyRecipientCertificate: {
        validFrom: "2026-08-01",
        validUntil: "2027-07-31",
        contributionRatio: "020",
      },
    });
  });

  it("answers 3割 for a 高齢受給者 with 現役並み所得 and the 限度額 区分 of 70 and over", async () => {
    const accountId = await linked(
      KOKUHO,
      fiction("阿部 健司", "1956-01-20", "1", "山形県酒田市中町一丁目4番10号"),
      ["酒田", "210412", "01"],
    );
    const answer = await answerOf(KOKUHO, accountId, { limitApplicationCertificateConsent: true });
    expect(answer.qualifications[0]).toMatchObject({
      insuredPartialContributionRatio: "030",
      elderlyRecipientCertificate: { contributionRatio: "030", validFrom: "2026-08-01" },
      limitApplicationCertificate: { classification: "01", classificationFlag: "B02" },
    });
  });

  it("answers 2割 for a child before school, with the 短期被保険者証 of the household", async () => {
    const accountId = await linked(
      KOKUHO,
      fiction("本間 陽菜", "2021-06-15", "2", "山形県酒田市若浜町12番8号"),
      ["酒田", "210455", "04"],
    );
    const answer = await answerOf(KOKUHO, accountId, { limitApplicationCertificateConsent: true });
    expect(answer.qualifications[0]).toMatchObject({
      insuredCardClassification: "03",
      personalFamilyClassification: "2",
      insuredName: "本間 大輔",
      insuredPartialContributionRatio: "020",
      limitApplicationCertificate: { classification: "02", classificationFlag: "A05" },
    });
  });

  it("answers a family member (家族) with the 本人's name as 被保険者氏名", async () => {
    const answer = await answerOf(
      KENPO,
      await linked(KENPO, residents.takahashiMisaki, ["3101", "27", "01"]),
    );
    expect(answer.qualifications[0]).toMatchObject({
      personalFamilyClassification: "2",
      insuredName: "髙橋 健",
      name: "髙橋 美咲",
      insuredPartialContributionRatio: "030",
    });
  });

  it("answers 無効 with the 喪失日 and 喪失事由 その他 for 服部 あおい, who moved out of 酒田市", async () => {
    const answer = await answerOf(
      KOKUHO,
      await linked(KOKUHO, residents.hattoriAoi, ["酒田", "210623", "01"]),
    );
    expect(answer.qualificationValidity).toBe("2");
    expect(answer.qualifications[0]).toMatchObject({
      disqualificationDate: "2026-04-01",
      reasonOfLoss: "99",
    });
  });

  it("answers 無効 with 喪失事由 その他 for 伊藤 健太, who left his employer", async () => {
    const answer = await answerOf(KENPO, await linked(KENPO, residents.itoKenta, ["5101", "5", "00"]));
    expect(answer.qualificationValidity).toBe("2");
    expect(answer.qualifications[0]).toMatchObject({
      disqualificationDate: "2026-10-01",
      reasonOfLoss: "99",
    });
  });

  it("answers 無効 with 喪失事由 死亡 and 生活保護受給開始", async () => {
    const death = await answerOf(
      KOKUHO,
      await linked(KOKUHO, fiction("遠藤 勝", "1958-12-25", "1", "山形県酒田市浜田1-7-3"), [
        "酒田",
        "210537",
        "02",
      ]),
    );
    expect(death.qualificationValidity).toBe("2");
    expect(death.qualifications[0]).toMatchObject({ reasonOfLoss: "01", disqualificationDate: "2026-08-15" });
    const welfare = await answerOf(
      KOKUHO,
      await linked(KOKUHO, fiction("高橋 隆", "1970-05-05", "1", "山形県酒田市光ケ丘4-2-15"), [
        "酒田",
        "210580",
        "01",
      ]),
    );
    expect(welfare.qualificationValidity).toBe("2");
    expect(welfare.qualifications[0]).toMatchObject({ reasonOfLoss: "02" });
  });

  it("answers 無効（新しい資格あり） at the old insurer and 有効 at the new one for 池田 美穂, who switched", async () => {
    const fourInfo = fiction("池田 美穂", "1988-10-10", "2", "山形県酒田市日吉町二丁目6番21号");
    const old = await answerOf(KOKUHO, await linked(KOKUHO, fourInfo, ["酒田", "210501", "01"]));
    expect(old.qualificationValidity).toBe("3");
    expect(old.qualifications[0]).toMatchObject({ disqualificationDate: "2026-07-01", reasonOfLoss: "03" });
    const current = await answerOf(KENPO, await linked(KENPO, fourInfo, ["1201", "101", "00"]));
    expect(current.qualificationValidity).toBe("1");
    expect(current.qualifications[0]).toMatchObject({
      qualificationDate: "2026-07-01",
      insurerNumber: "06069991",
    });
  });

  it("answers 無効（新しい資格あり） for 石黒 健一, who entered 後期高齢者医療 at 75", async () => {
    const answer = await answerOf(
      KENPO,
      await linked(KENPO, residents.ishiguroKenichi, ["3101", "31", "00"]),
    );
    expect(answer.qualificationValidity).toBe("3");
    expect(answer.qualifications[0]).toMatchObject({
      disqualificationDate: "2022-11-03",
      reasonOfLoss: "03",
      insuredPartialContributionRatio: "020",
    });
  });

  it("answers 複数該当 with both records for 北村 翔太, still a dependant of his father", async () => {
    const accountId = await linked(
      KENPO,
      residents.kitamuraShota,
      ["4101", "52", "00"],
      ["4101", "33", "01"],
    );
    const answer = await answerOf(KENPO, accountId);
    expect(answer.qualificationValidity).toBe("5");
    expect(
      answer.qualifications.map((q) => [q.insuredIdentificationNumber, q.personalFamilyClassification]),
    ).toEqual(
      expect.arrayContaining([
        ["52", "1"],
        ["33", "2"],
      ]),
    );
  });

  it("answers 複数該当 for 菅原 裕子, whose old household record was never closed", async () => {
    const accountId = await linked(
      KOKUHO,
      fiction("菅原 裕子", "1975-01-30", "2", "山形県酒田市京田二丁目1番7号"),
      ["酒田", "210702", "01"],
      ["酒田", "210666", "02"],
    );
    expect((await answerOf(KOKUHO, accountId)).qualificationValidity).toBe("5");
  });

  it("answers 該当資格なし for a 共通的PFID it has not linked", async () => {
    const answer = await answerOf(KOKUHO, await h.register(KOKUHO, residents.maruyamaChiyo));
    expect(answer).toMatchObject({
      processingResult: { status: "1" },
      qualificationValidity: "4",
      qualifications: [],
    });
  });

  it("answers by the day asked: 有効 the day before a 75th birthday, 無効（新しい資格あり） on it", async () => {
    const accountId = await linked(
      KOKUHO,
      fiction("佐々木 清", "1951-09-30", "1", "山形県酒田市亀ケ崎3-5-12"),
      ["酒田", "210388", "01"],
    );
    expect(
      (await answerOf(KOKUHO, accountId, { qualificationConfirmationDate: "2026-09-29" }))
        .qualificationValidity,
    ).toBe("1");
    expect(
      (await answerOf(KOKUHO, accountId, { qualificationConfirmationDate: "2026-09-30" }))
        .qualificationValidity,
    ).toBe("3");
  });

  it("ends the 資格 at the 75th birthday even before the register records it (後期高齢者医療)", async () => {
    // 水谷 誠 (born 1952-09-09) was linked by an earlier test; his record has no 喪失日.
    const link = await h.store.links.liveForPerson(KOKUHO, personId(KOKUHO, "酒田", "210854", "01"));
    const accountId =
      link?.accountId ?? (await linked(KOKUHO, residents.mizutaniMakoto, ["酒田", "210854", "01"]));
    const answer = await answerOf(KOKUHO, accountId, { qualificationConfirmationDate: "2027-09-09" });
    expect(answer.qualificationValidity).toBe("3");
    expect(answer.qualifications[0]).toMatchObject({
      disqualificationDate: "2027-09-09",
      reasonOfLoss: "03",
    });
  });

  it("echoes the request ID and the medical institution code, and writes the request to the 照会履歴", async () => {
    const accountId = await linked(KENPO, residents.matsumotoSakura, ["3101", "45", "00"]);
    const res = await h.askEligibility(KENPO, accountId, {
      requestId: "elg_echo_0001",
      medicalInstitutionCode: "0610499996",
    });
    const answer = eligibilityAnswerSchema.parse(await res.json());
    expect(answer).toMatchObject({ requestId: "elg_echo_0001", medicalInstitutionCode: "0610499996" });
    const log = await h.store.eligibility.list(KENPO, { offset: 0, limit: 5 });
    expect(log.items[0]).toMatchObject({
      requestId: "elg_echo_0001",
      accountId,
      medicalInstitutionCode: "0610499996",
      validity: "1",
      processingStatus: "1",
    });
  });
});

describe("the 資格確認データ受付サーバ refuses what the PF did not send", () => {
  let accountId: string;
  beforeAll(async () => {
    accountId = await linked(KENPO, residents.kobayashiIchiro, ["4101", "8", "00"]);
  });

  it("refuses a request without the PF's assertion", async () => {
    const res = await h.app.request(`/insurers/${KENPO}/pf/eligibility`, { method: "POST" });
    expect(res.status).toBe(401);
    expect(await refusalCode(res)).toBe("assertion_missing");
  });

  it("refuses an assertion signed with a key the PF does not publish (a forgery)", async () => {
    const res = await h.askEligibility(KENPO, accountId, { foreignKey: true });
    expect(res.status).toBe(401);
    expect(await refusalCode(res)).toBe("assertion_invalid");
  });

  it("refuses an assertion whose subject was changed after signing", async () => {
    const token = await h.pf.eligibilityAssertion({ aud: KENPO, sub: accountId });
    const [head, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    claims.sub = await h.register(KENPO, residents.yamadaTaro);
    const forged = `${head}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
    const res = await h.app.request(`/insurers/${KENPO}/pf/eligibility`, {
      method: "POST",
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(await refusalCode(res)).toBe("assertion_invalid");
  });

  it("refuses an assertion presented a second time (replay)", async () => {
    const token = await h.pf.eligibilityAssertion({ aud: KENPO, sub: accountId });
    const send = () =>
      h.app.request(`/insurers/${KENPO}/pf/eligibility`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await send()).status).toBe(200);
    const replay = await send();
    expect(replay.status).toBe(401);
    expect(await refusalCode(replay)).toBe("assertion_replayed");
  });

  it("refuses an assertion made for another insurer, at this insurer's address", async () => {
    const res = await h.askEligibility(KENPO, accountId, {}, `/insurers/${KOKUHO}/pf/eligibility`);
    expect(res.status).toBe(401);
    expect(await refusalCode(res)).toBe("assertion_wrong_audience");
  });

  it("refuses an expired assertion, and one issued longer ago than two minutes whatever its expiry", async () => {
    expect(await refusalCode(await h.askEligibility(KENPO, accountId, { expiresIn: -30 }))).toBe(
      "assertion_expired",
    );
    const old = await h.askEligibility(KENPO, accountId, { expiresIn: 3600, issuedSecondsAgo: 600 });
    expect(await refusalCode(old)).toBe("assertion_expired");
  });

  it("refuses an assertion from another issuer", async () => {
    expect(
      await refusalCode(await h.askEligibility(KENPO, accountId, { iss: "https://pf.evil.example" })),
    ).toBe("assertion_wrong_issuer");
  });

  it("refuses an assertion for another service (a provider's assertion replayed here)", async () => {
    const res = await h.askEligibility(KENPO, accountId, { claims: { svc: "facility-booking" } });
    expect(await refusalCode(res)).toBe("assertion_invalid");
  });

  it("refuses an assertion whose claims break the contract (no 医療機関コード, a subject that is no 共通的PFID)", async () => {
    expect(
      await refusalCode(
        await h.askEligibility(KENPO, accountId, { claims: { medicalInstitutionCode: "123" } }),
      ),
    ).toBe("assertion_invalid");
    const pairwise = await h.pf.eligibilityAssertion({ aud: KENPO, sub: "pw-0123456789abcdef-pairwise" });
    const res = await h.app.request(`/insurers/${KENPO}/pf/eligibility`, {
      method: "POST",
      headers: { authorization: `Bearer ${pairwise}` },
    });
    expect(await refusalCode(res)).toBe("assertion_invalid");
  });

  it("answers not_found for an insurer this system does not serve", async () => {
    const res = await h.askEligibility("ins-elsewhere", accountId);
    expect(res.status).toBe(404);
    expect(await refusalCode(res)).toBe("insurer_unknown");
  });

  it("audits each refusal by its code, without the subject", async () => {
    await h.askEligibility(KENPO, accountId, { foreignKey: true });
    const audit = await h.store.audit.list(KENPO, { offset: 0, limit: 50 });
    const refusal = audit.items.find((e) => e.action === "refused.eligibility");
    expect(refusal).toMatchObject({ actor: "pf", detail: "assertion_invalid (401)", target: null });
  });
});
