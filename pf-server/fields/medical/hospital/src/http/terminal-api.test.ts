/**
 * The reception terminal's API over HTTP, with the reception PF double as the PF: every route, every refusal, and
 * the rules by which the PF's answers — and nothing the page says — become the patient's record.
 */
import { testQualification } from "@catv/reception-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  errorOf,
  type Harness,
  INSTITUTION_CODE,
  KENPO,
  KOKUHO,
  makeTestCardAnswers,
  recognised,
  recognisePinless,
  startHarness,
} from "../test-support/harness.ts";

type Card = Awaited<ReturnType<typeof makeTestCardAnswers>>;

let h: Harness;
const cards: Record<string, Card> = {};

const taroQualification = testQualification({
  name: "港 太郎",
  nameKana: "ミナト タロウ",
  birthDate: "1958-04-01",
  limitApplicationCertificate: { classification: "01", classificationFlag: "A03", validFrom: "2026-04-01" },
});

beforeAll(async () => {
  h = await startHarness();
  const names = ["taro", "hanako", "lost", "switched", "twice", "newcomer", "stranger", "revoked", "unbound"];
  const made = await Promise.all(names.map(() => makeTestCardAnswers({ birthDate: "1958-04-01" })));
  names.forEach((name, i) => {
    cards[name] = made[i]!;
  });
  const linked = (verifierId: string) => [{ verifierId, linkStatus: "linked" as const }];
  h.pf.addPerson({
    card: cards.taro!.card,
    registrations: linked(KOKUHO),
    eligibility: { [KOKUHO]: { validity: "1", qualifications: [taroQualification] } },
  });
  h.pf.addPerson({ card: cards.hanako!.card, registrations: [{ verifierId: KENPO, linkStatus: "pending" }] });
  h.pf.addPerson({
    card: cards.lost!.card,
    registrations: linked(KOKUHO),
    eligibility: {
      [KOKUHO]: {
        validity: "2",
        qualifications: [
          testQualification({ name: "喪失 花子", disqualificationDate: "2026-03-31", reasonOfLoss: "02" }),
        ],
      },
    },
  });
  h.pf.addPerson({
    card: cards.switched!.card,
    registrations: linked(KOKUHO),
    eligibility: {
      [KOKUHO]: {
        validity: "3",
        qualifications: [testQualification({ disqualificationDate: "2026-06-30", reasonOfLoss: "03" })],
      },
    },
  });
  h.pf.addPerson({
    card: cards.twice!.card,
    registrations: linked(KOKUHO),
    eligibility: {
      [KOKUHO]: {
        validity: "5",
        qualifications: [
          testQualification({ name: "二重 一郎", insuredIdentificationNumber: "1000001" }),
          testQualification({ name: "二重 一郎", insuredIdentificationNumber: "1000002" }),
        ],
      },
    },
  });
  h.pf.addPerson({ card: cards.newcomer!.card });
  h.pf.addPerson({ card: cards.revoked!.card, registrations: linked(KOKUHO) }).revoke();
  h.pf
    .addPerson({
      card: cards.unbound!.card,
      registrations: linked(KOKUHO),
      eligibility: { [KOKUHO]: { validity: "1", qualifications: [testQualification()] } },
    })
    .unbind();
}, 120_000);

afterAll(() => h.close());

const check = (recognitionId: string, consent = false) =>
  h.call("eligibilityChecks", { recognitionId, limitApplicationCertificateConsent: consent });

const patient = async (patientNumber: string) => (await h.deps.store.patients.byNumber(patientNumber))!;
const visitOf = async (recognitionId: string) => (await h.deps.store.visits.byRecognition(recognitionId))!;

describe("the terminal's own checks before anything reaches the PF", () => {
  it("refuses a call without a terminal assertion", async () => {
    const before = h.pf.calls.length;
    const response = await h.app.request("/terminal/api/site");
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe("terminal_assertion_missing");
    expect(h.pf.calls.length).toBe(before);
  });

  it("refuses a terminal of another hospital, even one the PF knows", async () => {
    const before = h.pf.calls.length;
    const response = await h.call("site", undefined, { as: h.foreignTerminal });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("terminal_unknown");
    expect(h.pf.calls.length).toBe(before);
  });

  it("refuses an assertion the bridge made for another PF route", async () => {
    const response = await h.call("site", undefined, {
      signedFor: { method: "POST", path: "/v1/reception/recognitions" },
    });
    expect((await errorOf(response)).code).toBe("terminal_assertion_invalid");
  });

  it("refuses a stale assertion", async () => {
    const response = await h.app.request("/terminal/api/site", {
      headers: {
        "x-terminal-assertion": await h.terminal.assert("GET", "/v1/reception/site", {
          iatOffsetSeconds: -600,
        }),
      },
    });
    expect((await errorOf(response)).code).toBe("terminal_assertion_invalid");
  });

  it("refuses a body its contract refuses, naming the field and not its value", async () => {
    const response = await h.call("recognitions", { method: "pinless", challengeId: "c", signature: "%%%" });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("validation_failed");
    expect(JSON.stringify(error)).not.toContain("%%%");
  });
});

describe("relayed calls", () => {
  it("answers the site as the PF knows it", async () => {
    const response = await h.call("site");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      medicalInstitutionCode: INSTITUTION_CODE,
      verifiers: [{ verifierId: KOKUHO }, { verifierId: KENPO }],
    });
  });

  it("gives a login challenge bound to this terminal", async () => {
    const response = await h.call("challenges", { purpose: "login" });
    expect(response.status).toBe(201);
    const { toBeSigned } = (await response.json()) as { toBeSigned: string };
    expect(Buffer.from(toBeSigned, "base64").toString()).toContain("rcp-minato-0001");
  });

  it("refuses a challenge for a purpose a reception does not use", async () => {
    expect((await h.call("challenges", { purpose: "step-up" })).status).toBe(400);
  });
});

describe("recognition and the patient card (診察券一体化)", () => {
  it("issues a 診察券番号 at the first visit and finds the same patient at the next", async () => {
    const first = await recognised(h, cards.taro!);
    expect(first.newPatient).toBe(true);
    expect(first.patientNumber).toMatch(/^[0-9]{7}-[0-9]$/);
    const next = await recognised(h, cards.taro!);
    expect(next).toMatchObject({ newPatient: false, patientNumber: first.patientNumber });
    expect((await patient(first.patientNumber)).patientReference).toBe(
      h.pf.person(cards.taro!.card.authenticationCertificate)?.patientReferenceAt("med-minato"),
    );
  });

  it("tells the terminal nothing of the insurance at recognition", async () => {
    const answer = await recognised(h, cards.taro!);
    expect(Object.keys(answer).sort()).toEqual(
      [
        "acr",
        "expiresAt",
        "newPatient",
        "patientNumber",
        "recognitionId",
        "registrations",
        "warnings",
      ].sort(),
    );
  });

  it("relays card_not_registered for a card registered with no insurer of this reception", async () => {
    const response = await recognisePinless(h, cards.newcomer!);
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: "card_not_registered", details: { from: "pf" } });
    expect(await h.deps.store.log.latestFor("rcp-minato-0001")).toMatchObject({
      step: "pinless_start",
      code: "card_not_registered",
    });
  });

  it("relays certificate_revoked for a lost card", async () => {
    expect((await errorOf(await recognisePinless(h, cards.revoked!))).code).toBe("certificate_revoked");
  });

  it("relays pinless_card_not_bound, and a PIN recognition with the card-binding proof recognises the patient", async () => {
    expect((await errorOf(await recognisePinless(h, cards.unbound!))).code).toBe("pinless_card_not_bound");
    const challenge = (await (await h.call("challenges", { purpose: "login" })).json()) as {
      challengeId: string;
      toBeSigned: string;
    };
    const toBeSigned = new Uint8Array(Buffer.from(challenge.toBeSigned, "base64"));
    const response = await h.call("recognitions", {
      method: "pin",
      challengeId: challenge.challengeId,
      authenticationCertificate: cards.unbound!.card.authenticationCertificate,
      signature: cards.unbound!.signWithAuthenticationKey(toBeSigned),
      cardKeyProof: {
        cardVerifiableCertificate: cards.unbound!.card.cardVerifiableCertificate,
        signature: cards.unbound!.signWithCardKey(toBeSigned),
      },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ acr: "urn:catv:acr:pin" });
    expect((await recognisePinless(h, cards.unbound!)).status).toBe(201);
  });

  it("relays the PF's refusal of a recognition whose challenge was issued to another terminal", async () => {
    const start = await h.call(
      "pinlessStart",
      {
        authenticationCertificate: cards.taro!.card.authenticationCertificate,
        cardVerifiableCertificate: cards.taro!.card.cardVerifiableCertificate,
      },
      { as: h.secondTerminal },
    );
    const { challengeId, challenge } = (await start.json()) as { challengeId: string; challenge: string };
    const response = await h.call("recognitions", {
      method: "pinless",
      challengeId,
      dateOfBirthRecord: cards.taro!.dateOfBirthRecord,
      cardVerifiableCertificate: cards.taro!.card.cardVerifiableCertificate,
      signature: cards.taro!.signWithCardKey(new Uint8Array(Buffer.from(challenge, "base64"))),
    });
    expect((await errorOf(response)).code).toBe("challenge_wrong_terminal");
  });
});

describe("eligibility checks and what the record keeps", () => {
  it("writes a 有効 answer: the check, the visit's 資格有効性 and the patient's name from the insurer", async () => {
    const { recognitionId, patientNumber } = await recognised(h, cards.taro!);
    const response = await check(recognitionId);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ outcome: "valid", patientNumber });
    expect(await visitOf(recognitionId)).toMatchObject({
      state: "answered",
      limitConsent: false,
      attempts: 1,
    });
    expect(await patient(patientNumber)).toMatchObject({
      name: "港 太郎",
      nameKana: "ミナト タロウ",
      birthDate: "1958-04-01",
    });
    const [stored] = await h.deps.store.checks.forVisit((await visitOf(recognitionId)).id);
    expect(stored).toMatchObject({ validity: "1", limitConsent: false });
  });

  it("asks the insurer without the 限度額 consent and keeps no 限度額 information", async () => {
    const { recognitionId } = await recognised(h, cards.taro!);
    await check(recognitionId, false);
    expect(h.pf.insurerRequests.at(-1)).toMatchObject({
      limitApplicationCertificateConsent: false,
      medicalInstitutionCode: INSTITUTION_CODE,
    });
    const [stored] = await h.deps.store.checks.forVisit((await visitOf(recognitionId)).id);
    expect(JSON.stringify(stored?.results)).not.toContain('limitApplicationCertificate":{"classification');
  });

  it("keeps the 限度額区分 when the patient consented", async () => {
    const { recognitionId } = await recognised(h, cards.taro!);
    await check(recognitionId, true);
    const [stored] = await h.deps.store.checks.forVisit((await visitOf(recognitionId)).id);
    const result = stored?.results[0];
    expect(
      result?.status === "answered" &&
        result.answer.qualifications[0]?.limitApplicationCertificate?.classificationFlag,
    ).toBe("A03");
    expect((await visitOf(recognitionId)).limitConsent).toBe(true);
  });

  it("writes 無効 with the 喪失日 and 喪失事由, and takes no identity from it", async () => {
    const { recognitionId, patientNumber } = await recognised(h, cards.lost!);
    expect(await (await check(recognitionId)).json()).toMatchObject({ outcome: "invalid" });
    expect((await patient(patientNumber)).name).toBeNull();
    const [stored] = await h.deps.store.checks.forVisit((await visitOf(recognitionId)).id);
    expect(stored?.validity).toBe("2");
  });

  it("writes 無効（新しい資格あり）", async () => {
    const { recognitionId } = await recognised(h, cards.switched!);
    expect(await (await check(recognitionId)).json()).toMatchObject({ outcome: "invalid_new_qualification" });
  });

  it("writes 複数該当 with every qualification, and takes no identity from it", async () => {
    const { recognitionId, patientNumber } = await recognised(h, cards.twice!);
    expect(await (await check(recognitionId)).json()).toMatchObject({ outcome: "multiple" });
    const [stored] = await h.deps.store.checks.forVisit((await visitOf(recognitionId)).id);
    const result = stored?.results[0];
    expect(result?.status === "answered" && result.answer.qualifications).toHaveLength(2);
    expect((await patient(patientNumber)).name).toBeNull();
  });

  it("writes 該当資格なし", async () => {
    const card = await makeTestCardAnswers();
    h.pf.addPerson({
      card: card.card,
      registrations: [{ verifierId: KOKUHO, linkStatus: "linked" }],
      eligibility: { [KOKUHO]: { validity: "4", qualifications: [] } },
    });
    const { recognitionId } = await recognised(h, card);
    expect(await (await check(recognitionId)).json()).toMatchObject({ outcome: "no_qualification" });
  });

  it("relays account_not_linked and records the visit as waiting for the insurer", async () => {
    const { recognitionId } = await recognised(h, cards.hanako!);
    const response = await check(recognitionId);
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe("account_not_linked");
    expect(await visitOf(recognitionId)).toMatchObject({
      state: "not_linked",
      lastCode: "account_not_linked",
    });
  });

  it("ignores whatever else the page puts in the body: only the PF's answer is written", async () => {
    const { recognitionId, patientNumber } = await recognised(h, cards.lost!);
    const response = await h.call("eligibilityChecks", {
      recognitionId,
      limitApplicationCertificateConsent: false,
      outcome: "valid",
      patientNumber: "0000001-8",
      results: [{ status: "answered", answer: { qualificationValidity: "1" } }],
    });
    expect(await response.json()).toMatchObject({ outcome: "invalid", patientNumber });
  });

  it("refuses a check of a recognition made at another terminal of this hospital", async () => {
    const { recognitionId } = await recognised(h, cards.taro!);
    const response = await h.call(
      "eligibilityChecks",
      { recognitionId, limitApplicationCertificateConsent: false },
      { as: h.secondTerminal },
    );
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("recognition_of_other_terminal");
  });

  it("refuses a check of a recognition this hospital never recorded", async () => {
    const response = await check("rcg_made-at-another-hospital");
    expect((await errorOf(response)).code).toBe("recognition_not_recorded");
  });
});

describe("insurer down: the same recognition is retried", () => {
  it("answers insurer_unavailable with the next attempt, lists the visit when due, and records the answer once the insurer is back", async () => {
    const { recognitionId } = await recognised(h, cards.taro!);
    h.pf.setInsurerAvailable(KOKUHO, false);
    h.deps.retry = { initialMs: 100, maxMs: 400 };
    try {
      const response = await check(recognitionId, true);
      expect(response.status).toBe(503);
      const error = await errorOf(response);
      expect(error.code).toBe("insurer_unavailable");
      expect(typeof error.details?.nextAttemptAt).toBe("string");
      expect(await visitOf(recognitionId)).toMatchObject({
        state: "retrying",
        attempts: 1,
        limitConsent: true,
      });
      await new Promise((r) => setTimeout(r, 150));
      const due = (await (await h.call("pendingChecks")).json()) as { retries: { recognitionId: string }[] };
      expect(due.retries.map((r) => r.recognitionId)).toContain(recognitionId);
      expect((await h.call("retry", { recognitionId })).status).toBe(503);
      expect(await visitOf(recognitionId)).toMatchObject({ state: "retrying", attempts: 2 });
      h.pf.setInsurerAvailable(KOKUHO, true);
      const retried = await h.call("retry", { recognitionId });
      expect(retried.status).toBe(201);
      expect(await visitOf(recognitionId)).toMatchObject({
        state: "answered",
        attempts: 3,
        nextAttemptAt: null,
      });
      expect(h.pf.insurerRequests.at(-1)?.limitApplicationCertificateConsent).toBe(true);
    } finally {
      h.pf.setInsurerAvailable(KOKUHO, true);
      h.deps.retry = { initialMs: 5_000, maxMs: 30_000 };
    }
  });

  it("does not list a visit before its time", async () => {
    const { recognitionId } = await recognised(h, cards.taro!);
    h.pf.setInsurerAvailable(KOKUHO, false);
    try {
      await check(recognitionId);
      const due = (await (await h.call("pendingChecks")).json()) as { retries: { recognitionId: string }[] };
      expect(due.retries.map((r) => r.recognitionId)).not.toContain(recognitionId);
    } finally {
      h.pf.setInsurerAvailable(KOKUHO, true);
    }
  });

  it("refuses a retry of a visit that is not waiting for one", async () => {
    const { recognitionId } = await recognised(h, cards.taro!);
    await check(recognitionId);
    expect((await errorOf(await h.call("retry", { recognitionId }))).code).toBe("nothing_to_retry");
  });

  it("lists another terminal's pending checks to no one but that terminal", async () => {
    const { recognitionId } = await recognised(h, cards.taro!, h.secondTerminal);
    h.pf.setInsurerAvailable(KOKUHO, false);
    h.deps.retry = { initialMs: 100, maxMs: 400 };
    try {
      await h.call(
        "eligibilityChecks",
        { recognitionId, limitApplicationCertificateConsent: false },
        { as: h.secondTerminal },
      );
      await new Promise((r) => setTimeout(r, 150));
      const mine = (await (await h.call("pendingChecks")).json()) as { retries: { recognitionId: string }[] };
      expect(mine.retries.map((r) => r.recognitionId)).not.toContain(recognitionId);
      const theirs = (await (await h.call("pendingChecks", undefined, { as: h.secondTerminal })).json()) as {
        retries: { recognitionId: string }[];
      };
      expect(theirs.retries.map((r) => r.recognitionId)).toContain(recognitionId);
    } finally {
      h.pf.setInsurerAvailable(KOKUHO, true);
      h.deps.retry = { initialMs: 5_000, maxMs: 30_000 };
    }
  });
});

describe("registration at the desk", () => {
  it("relays the registration and keeps only its outcome", async () => {
    const card = cards.newcomer!;
    const challenge = (await (await h.call("challenges", { purpose: "registration" })).json()) as {
      challengeId: string;
      toBeSigned: string;
    };
    const toBeSigned = new Uint8Array(Buffer.from(challenge.toBeSigned, "base64"));
    const response = await h.call("registrations", {
      challengeId: challenge.challengeId,
      signatureCertificate: card.signatureCertificate,
      authenticationCertificate: card.card.authenticationCertificate,
      signature: card.signWithSignatureKey(toBeSigned),
      cardKeyProof: {
        cardVerifiableCertificate: card.card.cardVerifiableCertificate,
        signature: card.signWithCardKey(toBeSigned),
      },
      consent: { textVersion: "reception-registration-2026-12", acceptedAt: new Date().toISOString() },
      verifierId: KENPO,
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ verifierId: KENPO, outcome: "new", linkStatus: "pending" });
    expect((await h.deps.store.registrations.recent(1))[0]).toMatchObject({
      verifierId: KENPO,
      outcome: "new",
      linkStatus: "pending",
    });
    expect(h.pf.person(card.card.authenticationCertificate)?.registrationAt(KENPO)).toBe("pending");
  });
});

describe("terminal events", () => {
  it("records the reader unplugged for the desk, by code only", async () => {
    const response = await h.call("events", { kind: "reader", code: "reader_unplugged" });
    expect(response.status).toBe(204);
    expect(await h.deps.store.log.latestFor("rcp-minato-0001", ["reader"])).toMatchObject({
      code: "reader_unplugged",
    });
  });

  it("refuses the same event assertion twice", async () => {
    const assertion = await h.terminal.assert("POST", "/terminal/api/events");
    const send = () =>
      h.app.request("/terminal/api/events", {
        method: "POST",
        headers: { "x-terminal-assertion": assertion, "content-type": "application/json" },
        body: JSON.stringify({ kind: "card", code: "card_removed" }),
      });
    expect((await send()).status).toBe(204);
    expect((await errorOf(await send())).code).toBe("terminal_assertion_invalid");
  });
});

describe("privacy of the hospital's own storage and logs", () => {
  it("keeps no certificate, CVC, card signature or patient reference in its logs, and no certificate in its database", async () => {
    const { recognitionId } = await recognised(h, cards.taro!);
    await check(recognitionId);
    const logs = h.logger.lines.join("\n");
    const database = h.sqlite.serialize().toString("latin1");
    for (const card of [cards.taro!, cards.newcomer!]) {
      const certificate = card.card.authenticationCertificate.slice(40, 100);
      expect(logs).not.toContain(certificate);
      expect(database).not.toContain(certificate);
      expect(database).not.toContain(card.card.cardVerifiableCertificate.slice(40, 100));
      expect(database).not.toContain(card.signatureCertificate.slice(40, 100));
    }
    const reference = h.pf
      .person(cards.taro!.card.authenticationCertificate)!
      .patientReferenceAt("med-minato")!;
    expect(logs).not.toContain(reference);
    expect(logs).not.toContain("港 太郎");
  });
});
