/**
 * 保険証資格確認 at a reception (参考１－３ (2)) over HTTP: the PF asks the patient's insurer with a signed assertion
 * (aud = insurer, sub = its 共通的PFID) and relays the ONS-shaped answer; every outcome the reception must show, and
 * every way the insurer can fail it, each with its own code.
 */
import { eligibilityCheckResponseSchema, receptionRecognitionResponseSchema } from "@catv/contracts";
import { describe, expect, it } from "vitest";
import { monthOf } from "../../platform/clock.ts";
import {
  accountIdAt,
  asTenant,
  checkEligibility,
  INSTITUTION_CODES,
  INSURERS,
  linkedPatient,
  medicalHarnessForFile,
  recognisePin,
  recognisePinless,
  registerAtReception,
} from "../../testing/medical-fixture.ts";
import { errorCode } from "../../testing/pf-harness.ts";

const { h, m } = medicalHarnessForFile({ eligibilityTimeoutMs: 500 });

async function recognised(terminal = m.terminals.a1, verifier: "city" | "kenpo" = "city") {
  const patient = await linkedPatient(h, m, verifier);
  const res = await recognisePinless(h, terminal, patient.card);
  expect(res.status).toBe(200);
  return { ...patient, ...receptionRecognitionResponseSchema.parse(await res.json()) };
}
/** The same person registered with the city too (at the reception) and linked by the city's staff. */
async function linkedAlsoWithCity(card: Parameters<typeof registerAtReception>[2]) {
  await registerAtReception(h, m.terminals.a1, card, INSURERS.city.id);
  const accountId = await accountIdAt(h, INSURERS.city.id, card);
  const res = await asTenant(h, m.insurerKeys.city, "PUT", `/v1/verifier/accounts/${accountId}/link`, {
    status: "linked",
  });
  expect(res.status).toBe(204);
  return { accountId };
}
const checked = async (res: Response) => {
  expect(res.status).toBe(200);
  return eligibilityCheckResponseSchema.parse(await res.json());
};
const answerOf = (r: Awaited<ReturnType<typeof checked>>) => {
  const [first] = r.results;
  if (first?.status !== "answered") throw new Error(`not answered: ${JSON.stringify(first)}`);
  return first.answer;
};

describe("the eligibility check (資格確認)", { timeout: 15_000 }, () => {
  it("answers 有効 with the 負担割合 the insurer gave, under the institution's patient reference", async () => {
    const p = await recognised();
    m.insurer.scenarios.set(p.accountId, { kind: "valid", ratio: "030" });
    const r = await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId));
    expect(r).toMatchObject({ patientReference: p.patientReference, acr: "urn:catv:acr:pinless" });
    const answer = answerOf(r);
    expect(answer.qualificationValidity).toBe("1");
    expect(answer.qualifications[0]).toMatchObject({
      insurerNumber: "00069997",
      insuredPartialContributionRatio: "030",
    });
  });

  it("asks the insurer with its own 共通的PFID, the acr, the 医療機関コード and the consent", async () => {
    const p = await recognised();
    m.insurer.scenarios.set(p.accountId, { kind: "valid" });
    await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId, true));
    expect(m.insurer.requests.at(-1)).toMatchObject({
      insurerId: INSURERS.city.id,
      aud: INSURERS.city.id,
      sub: p.accountId,
      acr: "urn:catv:acr:pinless",
      siteKind: "in-person",
      medicalInstitutionCode: INSTITUTION_CODES.a,
      limitApplicationCertificateConsent: true,
    });
  });

  it("asks the insurer the patient registered with among the site's, never another", async () => {
    const p = await recognised(m.terminals.a1, "kenpo");
    m.insurer.scenarios.set(p.accountId, { kind: "valid" });
    const r = await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId));
    expect(r.results.map((x) => x.verifierId)).toEqual([INSURERS.kenpo.id]);
    expect(m.insurer.requests.at(-1)?.insurerId).toBe(INSURERS.kenpo.id);
  });

  it("asks every insurer of the site the patient is linked with, in the site's order", async () => {
    const p = await recognised(m.terminals.a1, "kenpo");
    const { accountId: cityId } = await linkedAlsoWithCity(p.card);
    m.insurer.scenarios.set(cityId, { kind: "switched", lostOn: "2026-03-31" });
    m.insurer.scenarios.set(p.accountId, { kind: "valid" });
    const r = await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId));
    expect(r.results.map((x) => [x.verifierId, x.status])).toEqual([
      [INSURERS.city.id, "answered"],
      [INSURERS.kenpo.id, "answered"],
    ]);
  });

  it("answers with the insurers that answered when another is down, marking it unavailable", async () => {
    const p = await recognised(m.terminals.a1, "kenpo");
    const { accountId: cityId } = await linkedAlsoWithCity(p.card);
    m.insurer.scenarios.set(cityId, { kind: "http-error", status: 503 });
    m.insurer.scenarios.set(p.accountId, { kind: "valid" });
    const r = await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId));
    expect(r.results.map((x) => [x.verifierId, x.status])).toEqual([
      [INSURERS.city.id, "unavailable"],
      [INSURERS.kenpo.id, "answered"],
    ]);
  });

  it("narrows the check to the insurer the reception names", async () => {
    const p = await recognised(m.terminals.a1, "kenpo");
    await linkedAlsoWithCity(p.card);
    m.insurer.scenarios.set(p.accountId, { kind: "valid" });
    const r = await checked(
      await checkEligibility(h, m.terminals.a1, p.recognitionId, false, INSURERS.kenpo.id),
    );
    expect(r.results.map((x) => x.verifierId)).toEqual([INSURERS.kenpo.id]);
  });

  it("relays the 限度額 information when the patient consented on the terminal", async () => {
    const p = await recognised();
    m.insurer.scenarios.set(p.accountId, { kind: "valid", limitFlag: "A03" });
    const r = await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId, true));
    expect(answerOf(r).qualifications[0]?.limitApplicationCertificate).toMatchObject({
      classificationFlag: "A03",
    });
  });

  it("drops 限度額 information the insurer sent without the patient's consent", async () => {
    const p = await recognised();
    m.insurer.scenarios.set(p.accountId, { kind: "limit-regardless" });
    const r = await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId, false));
    const [q] = answerOf(r).qualifications;
    expect(q?.limitApplicationCertificate).toBeUndefined();
    expect(q?.limitApplicationCertificateConsent).toEqual({ consented: false });
  });

  it("relays 無効 with the date and reason of the loss (資格喪失)", async () => {
    const p = await recognised();
    m.insurer.scenarios.set(p.accountId, { kind: "lost", reason: "01", lostOn: "2026-09-30" });
    const answer = answerOf(await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId)));
    expect(answer.qualificationValidity).toBe("2");
    expect(answer.qualifications[0]).toMatchObject({
      disqualificationDate: "2026-09-30",
      reasonOfLoss: "01",
    });
  });

  it("relays 無効（新しい資格あり） and 複数該当 as the insurer answered them", async () => {
    const switched = await recognised();
    m.insurer.scenarios.set(switched.accountId, { kind: "switched", lostOn: "2026-10-31" });
    expect(
      answerOf(await checked(await checkEligibility(h, m.terminals.a1, switched.recognitionId)))
        .qualificationValidity,
    ).toBe("3");
    const twice = await recognised();
    m.insurer.scenarios.set(twice.accountId, { kind: "multiple" });
    const multiple = answerOf(await checked(await checkEligibility(h, m.terminals.a1, twice.recognitionId)));
    expect(multiple.qualificationValidity).toBe("5");
    expect(multiple.qualifications).toHaveLength(2);
  });

  it("relays the insurer's own processing error (処理結果 2) within the contract", async () => {
    const p = await recognised();
    m.insurer.scenarios.set(p.accountId, { kind: "insurer-error" });
    const answer = answerOf(await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId)));
    expect(answer.processingResult).toMatchObject({ status: "2", code: "E9001" });
  });

  it("answers account_not_linked for a registration the insurer has not linked, without asking it", async () => {
    const { card } = await h.issue();
    await registerAtReception(h, m.terminals.a1, card, INSURERS.city.id);
    const rec = receptionRecognitionResponseSchema.parse(
      await (await recognisePin(h, m.terminals.a1, card)).json(),
    );
    const asked = m.insurer.requests.length;
    expect(await errorCode(await checkEligibility(h, m.terminals.a1, rec.recognitionId))).toBe(
      "account_not_linked",
    );
    expect(m.insurer.requests.length).toBe(asked);
  });

  it("answers insurer_unavailable (503, retry hint) while the insurer is down, and answers on the retry", async () => {
    const p = await recognised();
    m.insurer.scenarios.set(p.accountId, { kind: "valid" });
    m.insurer.setDown(true);
    try {
      const down = await checkEligibility(h, m.terminals.a1, p.recognitionId);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({
        error: { code: "insurer_unavailable", details: { retryAfterSeconds: 30 } },
      });
    } finally {
      m.insurer.setDown(false);
    }
    const retried = await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId));
    expect(answerOf(retried).qualificationValidity).toBe("1");
  });

  it.each([
    ["an error status", { kind: "http-error", status: 500 }],
    ["a body outside the contract", { kind: "outside-contract" }],
    ["an answer to another request", { kind: "other-request" }],
    ["no answer within the timeout", { kind: "slow", ms: 1500 }],
  ] as const)("counts %s from the insurer as insurer_unavailable", async (_what, scenario) => {
    const p = await recognised();
    m.insurer.scenarios.set(p.accountId, scenario);
    expect(await errorCode(await checkEligibility(h, m.terminals.a1, p.recognitionId))).toBe(
      "insurer_unavailable",
    );
  });

  it("answers recognition_unknown to a recognition ID never issued", async () => {
    expect(await errorCode(await checkEligibility(h, m.terminals.a1, "rcg_neverissued000000000"))).toBe(
      "recognition_unknown",
    );
  });

  it("answers recognition_expired once the recognition's few minutes have passed", async () => {
    const p = await recognised();
    h.clock.offsetMs = (h.ctx.recognitionTtlSeconds + 1) * 1000;
    try {
      expect(await errorCode(await checkEligibility(h, m.terminals.a1, p.recognitionId))).toBe(
        "recognition_expired",
      );
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it("answers verifier_not_allowed_at_site when narrowed to an insurer the patient has no account at", async () => {
    const p = await recognised();
    expect(
      await errorCode(await checkEligibility(h, m.terminals.a1, p.recognitionId, false, INSURERS.kenpo.id)),
    ).toBe("verifier_not_allowed_at_site");
  });

  it("counts each answered check per reception site for the institution, and none that failed", async () => {
    const month = monthOf(h.clock.now());
    const metric = `eligibility_checks@${m.sites.a}`;
    const count = async () => (await h.ctx.store.metering.monthCounts("med-a", month))[metric] ?? 0;
    const p = await recognised();
    m.insurer.scenarios.set(p.accountId, { kind: "valid" });
    const before = await count();
    await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId));
    m.insurer.setDown(true);
    try {
      await checkEligibility(h, m.terminals.a1, p.recognitionId);
    } finally {
      m.insurer.setDown(false);
    }
    expect(await count()).toBe(before + 1);
  });

  it("audits the check with the 共通的PFID and nothing the insurer said about the patient", async () => {
    const p = await recognised();
    m.insurer.scenarios.set(p.accountId, { kind: "valid" });
    await checked(await checkEligibility(h, m.terminals.a1, p.recognitionId));
    const rows = await h.audit();
    expect(rows.filter((r) => r.event === "reception.eligibility").at(-1)).toMatchObject({
      outcome: "success",
      accountId: p.accountId,
      terminalId: m.terminals.a1.terminalId,
    });
    const logged = JSON.stringify([rows, h.logs]);
    for (const personal of ["試験 太郎", "1234567", "1980-02-17"]) expect(logged).not.toContain(personal);
  });
});
