/**
 * The reception PF double is held to the contracts: every route answers a body its schema parses (success and
 * refusal alike), and the rules the PF states in the contract — 限度額 only with consent, a recognition only at its
 * own terminal, registrations pending until the insurer links — hold in the double too.
 */
import {
  challengeResponseSchema,
  eligibilityCheckResponseSchema,
  errorBodySchema,
  errorCatalogue,
  patientReferenceStatusSchema,
  receptionPinlessStartResponseSchema,
  receptionRecognitionResponseSchema,
  receptionRegistrationResponseSchema,
  receptionSiteSchema,
} from "@catv/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { patientReferencePath, receptionRoutes } from "../reception-routes.ts";
import { type ReceptionPfDouble, startReceptionPfDouble } from "./reception-pf-double.ts";
import { makeTestCardAnswers, type TestCardAnswers } from "./test-card.ts";
import { testQualification } from "./test-qualification.ts";
import { makeTestTerminal, type TestTerminal } from "./test-terminal.ts";

let pf: ReceptionPfDouble;
let terminal: TestTerminal;
let otherTerminal: TestTerminal;
let foreignTerminal: TestTerminal;
let taro: TestCardAnswers;
let hanako: TestCardAnswers;
let newcomer: TestCardAnswers;

const kokuho = "ins-sakata-kokuho";
const kenpo = "ins-shonai-kenpo";

beforeAll(async () => {
  [terminal, otherTerminal, foreignTerminal] = await Promise.all([
    makeTestTerminal("rcp-minato-0001"),
    makeTestTerminal("rcp-minato-0002"),
    makeTestTerminal("rcp-other-0001"),
  ]);
  [taro, hanako, newcomer] = await Promise.all([
    makeTestCardAnswers({ birthDate: "1958-04-01" }),
    makeTestCardAnswers(),
    makeTestCardAnswers(),
  ]);
  pf = await startReceptionPfDouble({
    verifiers: [
      { verifierId: kokuho, name: "酒田市国民健康保険（デモ）" },
      { verifierId: kenpo, name: "庄内ものづくり健康保険組合（デモ）" },
    ],
    institutions: [
      {
        id: "med-minato",
        name: "日本海みなと病院（デモ）",
        medicalInstitutionCode: "0610499996",
        apiKey: "institution-key",
        sites: [
          {
            siteId: "med-minato-reception",
            name: "外来受付",
            verifierIds: [kokuho, kenpo],
            terminals: [terminal, otherTerminal],
          },
        ],
      },
      {
        id: "med-other",
        name: "ほかの病院",
        medicalInstitutionCode: "0610400001",
        apiKey: "other-key",
        sites: [
          {
            siteId: "med-other-reception",
            name: "受付",
            verifierIds: [kokuho],
            terminals: [foreignTerminal],
          },
        ],
      },
    ],
  });
  pf.addPerson({
    card: taro.card,
    registrations: [{ verifierId: kokuho, linkStatus: "linked" }],
    eligibility: {
      [kokuho]: {
        validity: "1",
        qualifications: [
          testQualification({
            birthDate: "1958-04-01",
            limitApplicationCertificate: {
              classification: "01",
              classificationFlag: "A03",
              validFrom: "2026-04-01",
            },
          }),
        ],
      },
    },
  });
  pf.addPerson({ card: hanako.card, registrations: [{ verifierId: kenpo, linkStatus: "pending" }] });
  pf.addPerson({ card: newcomer.card });
}, 60_000);

afterAll(() => pf.close());

async function call(
  route: { method: string; path: string },
  body?: unknown,
  as: TestTerminal | null = terminal,
): Promise<Response> {
  return fetch(`${pf.url}${route.path}`, {
    method: route.method,
    headers: {
      "content-type": "application/json",
      ...(as ? { "x-terminal-assertion": await as.assert(route.method, route.path) } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function parsed<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
  const json = await response.json();
  const result = schema.safeParse(json);
  if (!result.success) throw new Error(`${response.status} ${JSON.stringify(json)}: ${result.error.message}`);
  return result.data;
}

async function refusal(response: Response): Promise<string> {
  const { error } = await parsed(response, errorBodySchema);
  expect(response.status).toBe(errorCatalogue[error.code].status);
  return error.code;
}

async function recognisePinless(card: TestCardAnswers, as = terminal) {
  const start = await parsed(
    await call(
      receptionRoutes.pinlessStart,
      {
        authenticationCertificate: card.card.authenticationCertificate,
        cardVerifiableCertificate: card.card.cardVerifiableCertificate,
      },
      as,
    ),
    receptionPinlessStartResponseSchema,
  );
  return call(
    receptionRoutes.recognitions,
    {
      method: "pinless",
      challengeId: start.challengeId,
      dateOfBirthRecord: card.dateOfBirthRecord,
      cardVerifiableCertificate: card.card.cardVerifiableCertificate,
      signature: card.signWithCardKey(new Uint8Array(Buffer.from(start.challenge, "base64"))),
    },
    as,
  );
}

describe("the reception PF double, route by route against the contracts", () => {
  it("answers the site with its insurers", async () => {
    const site = await parsed(await call(receptionRoutes.site), receptionSiteSchema);
    expect(site).toMatchObject({ siteKind: "in-person", medicalInstitutionCode: "0610499996" });
    expect(site.verifiers.map((v) => v.verifierId)).toEqual([kokuho, kenpo]);
  });

  it("issues a login challenge whose toBeSigned names the institution and the terminal", async () => {
    const challenge = await parsed(
      await call(receptionRoutes.challenges, { purpose: "login" }),
      challengeResponseSchema,
    );
    const text = Buffer.from(challenge.toBeSigned, "base64").toString("utf8").split("\n");
    expect(text.slice(0, 4)).toEqual(["CATV-PF", "login", "med-minato", "rcp-minato-0001"]);
  });

  it("recognises a registered card without a PIN and issues the institution's patient reference", async () => {
    const response = await recognisePinless(taro);
    expect(response.status).toBe(201);
    const recognition = await parsed(response, receptionRecognitionResponseSchema);
    expect(recognition).toMatchObject({ acr: "urn:catv:acr:pinless", firstVisit: true, warnings: [] });
    expect(recognition.registrations).toEqual([
      { verifierId: kokuho, verifierName: "酒田市国民健康保険（デモ）", linkStatus: "linked" },
    ]);
    const again = await parsed(await recognisePinless(taro), receptionRecognitionResponseSchema);
    expect(again).toMatchObject({ firstVisit: false, patientReference: recognition.patientReference });
  });

  it("gives another institution another reference for the same patient", async () => {
    const here = await parsed(await recognisePinless(taro), receptionRecognitionResponseSchema);
    const there = await parsed(
      await recognisePinless(taro, foreignTerminal),
      receptionRecognitionResponseSchema,
    );
    expect(there.patientReference).not.toBe(here.patientReference);
  });

  it("recognises with the PIN: the user-authentication signature over a login challenge", async () => {
    const challenge = await parsed(
      await call(receptionRoutes.challenges, { purpose: "login" }),
      challengeResponseSchema,
    );
    const response = await call(receptionRoutes.recognitions, {
      method: "pin",
      challengeId: challenge.challengeId,
      authenticationCertificate: taro.card.authenticationCertificate,
      signature: taro.signWithAuthenticationKey(new Uint8Array(Buffer.from(challenge.toBeSigned, "base64"))),
    });
    expect((await parsed(response, receptionRecognitionResponseSchema)).acr).toBe("urn:catv:acr:pin");
  });

  it("answers the eligibility check with the insurer's answer, without 限度額 information unless consented", async () => {
    const { recognitionId } = await parsed(await recognisePinless(taro), receptionRecognitionResponseSchema);
    const without = await parsed(
      await call(receptionRoutes.eligibilityChecks, {
        recognitionId,
        limitApplicationCertificateConsent: false,
      }),
      eligibilityCheckResponseSchema,
    );
    const [result] = without.results;
    expect(result?.status).toBe("answered");
    if (result?.status !== "answered") return;
    expect(result.answer.qualificationValidity).toBe("1");
    expect(result.answer.qualifications[0]?.limitApplicationCertificate).toBeUndefined();
    const withConsent = await parsed(
      await call(receptionRoutes.eligibilityChecks, {
        recognitionId,
        limitApplicationCertificateConsent: true,
      }),
      eligibilityCheckResponseSchema,
    );
    const [consented] = withConsent.results;
    if (consented?.status !== "answered") throw new Error("not answered");
    expect(consented.answer.qualifications[0]?.limitApplicationCertificate?.classificationFlag).toBe("A03");
    expect(pf.insurerRequests.at(-1)).toMatchObject({
      verifierId: kokuho,
      medicalInstitutionCode: "0610499996",
      limitApplicationCertificateConsent: true,
    });
  });

  it("registers a card at the desk, pending until the insurer links it", async () => {
    const challenge = await parsed(
      await call(receptionRoutes.challenges, { purpose: "registration" }),
      challengeResponseSchema,
    );
    const toBeSigned = new Uint8Array(Buffer.from(challenge.toBeSigned, "base64"));
    const response = await call(receptionRoutes.registrations, {
      challengeId: challenge.challengeId,
      signatureCertificate: newcomer.signatureCertificate,
      authenticationCertificate: newcomer.card.authenticationCertificate,
      signature: newcomer.signWithSignatureKey(toBeSigned),
      cardKeyProof: {
        cardVerifiableCertificate: newcomer.card.cardVerifiableCertificate,
        signature: newcomer.signWithCardKey(toBeSigned),
      },
      consent: { textVersion: "reception-registration-test", acceptedAt: new Date().toISOString() },
      verifierId: kenpo,
    });
    expect(response.status).toBe(201);
    expect(await parsed(response, receptionRegistrationResponseSchema)).toMatchObject({
      outcome: "new",
      linkStatus: "pending",
    });
    expect(pf.person(newcomer.card.authenticationCertificate)?.registrationAt(kenpo)).toBe("pending");
  });

  it("tells the institution's back office a patient's registrations by reference", async () => {
    const { patientReference } = await parsed(
      await recognisePinless(taro),
      receptionRecognitionResponseSchema,
    );
    const response = await fetch(`${pf.url}${patientReferencePath(patientReference)}`, {
      headers: { authorization: "Bearer institution-key" },
    });
    const status = await parsed(response, patientReferenceStatusSchema);
    expect(status.registrations).toEqual([
      expect.objectContaining({ verifierId: kokuho, linkStatus: "linked" }),
    ]);
  });
});

describe("the reception PF double's refusals, each with the PF's error body and status", () => {
  it("refuses a call without a terminal assertion", async () => {
    expect(await refusal(await call(receptionRoutes.site, undefined, null))).toBe("terminal_unauthorized");
  });

  it("refuses an assertion made for another path", async () => {
    const response = await fetch(`${pf.url}${receptionRoutes.site.path}`, {
      headers: { "x-terminal-assertion": await terminal.assert("POST", receptionRoutes.recognitions.path) },
    });
    expect(await refusal(response)).toBe("terminal_unauthorized");
  });

  it("refuses a replayed assertion", async () => {
    const assertion = await terminal.assert("GET", receptionRoutes.site.path);
    const send = () =>
      fetch(`${pf.url}${receptionRoutes.site.path}`, { headers: { "x-terminal-assertion": assertion } });
    expect((await send()).status).toBe(200);
    expect(await refusal(await send())).toBe("terminal_unauthorized");
  });

  it("refuses a card issued but registered with no insurer of this site", async () => {
    const unregistered = await makeTestCardAnswers();
    pf.addPerson({ card: unregistered.card });
    const response = await call(receptionRoutes.pinlessStart, {
      authenticationCertificate: unregistered.card.authenticationCertificate,
      cardVerifiableCertificate: unregistered.card.cardVerifiableCertificate,
    });
    expect(await refusal(response)).toBe("card_not_registered");
  });

  it("refuses a card it was never given as not registered", async () => {
    const stranger = await makeTestCardAnswers();
    const response = await call(receptionRoutes.pinlessStart, {
      authenticationCertificate: stranger.card.authenticationCertificate,
      cardVerifiableCertificate: stranger.card.cardVerifiableCertificate,
    });
    expect(await refusal(response)).toBe("card_not_registered");
  });

  it("refuses the eligibility check of a recognition made at another terminal", async () => {
    const { recognitionId } = await parsed(await recognisePinless(taro), receptionRecognitionResponseSchema);
    const response = await call(
      receptionRoutes.eligibilityChecks,
      { recognitionId, limitApplicationCertificateConsent: false },
      otherTerminal,
    );
    expect(await refusal(response)).toBe("recognition_wrong_terminal");
  });

  it("answers account_not_linked while the insurer has not linked the account", async () => {
    const { recognitionId } = await parsed(
      await recognisePinless(hanako),
      receptionRecognitionResponseSchema,
    );
    const response = await call(receptionRoutes.eligibilityChecks, {
      recognitionId,
      limitApplicationCertificateConsent: false,
    });
    expect(await refusal(response)).toBe("account_not_linked");
  });

  it("answers insurer_unavailable when no insurer answers, and the same recognition succeeds later", async () => {
    const { recognitionId } = await parsed(await recognisePinless(taro), receptionRecognitionResponseSchema);
    pf.setInsurerAvailable(kokuho, false);
    const body = { recognitionId, limitApplicationCertificateConsent: false };
    expect(await refusal(await call(receptionRoutes.eligibilityChecks, body))).toBe("insurer_unavailable");
    pf.setInsurerAvailable(kokuho, true);
    expect((await call(receptionRoutes.eligibilityChecks, body)).status).toBe(201);
  });

  it("refuses a revoked card", async () => {
    const lost = await makeTestCardAnswers();
    pf.addPerson({ card: lost.card, registrations: [{ verifierId: kokuho, linkStatus: "linked" }] }).revoke();
    const response = await call(receptionRoutes.pinlessStart, {
      authenticationCertificate: lost.card.authenticationCertificate,
      cardVerifiableCertificate: lost.card.cardVerifiableCertificate,
    });
    expect(await refusal(response)).toBe("certificate_revoked");
  });

  it("refuses an expired certificate", async () => {
    const old = await makeTestCardAnswers({ validUntil: new Date(Date.now() - 86_400_000) });
    pf.addPerson({ card: old.card, registrations: [{ verifierId: kokuho, linkStatus: "linked" }] });
    const response = await call(receptionRoutes.pinlessStart, {
      authenticationCertificate: old.card.authenticationCertificate,
      cardVerifiableCertificate: old.card.cardVerifiableCertificate,
    });
    expect(await refusal(response)).toBe("certificate_expired");
  });

  it("warns when the certificate expires within three months", async () => {
    const soon = await makeTestCardAnswers({ validUntil: new Date(Date.now() + 30 * 86_400_000) });
    pf.addPerson({ card: soon.card, registrations: [{ verifierId: kokuho, linkStatus: "linked" }] });
    const recognition = await parsed(await recognisePinless(soon), receptionRecognitionResponseSchema);
    expect(recognition.warnings.map((w) => w.code)).toEqual(["card_certificate_expiring"]);
  });

  it("refuses a PIN-less start from a card not bound to the person", async () => {
    const renewed = await makeTestCardAnswers();
    pf.addPerson({
      card: renewed.card,
      registrations: [{ verifierId: kokuho, linkStatus: "linked" }],
    }).unbind();
    const response = await call(receptionRoutes.pinlessStart, {
      authenticationCertificate: renewed.card.authenticationCertificate,
      cardVerifiableCertificate: renewed.card.cardVerifiableCertificate,
    });
    expect(await refusal(response)).toBe("pinless_card_not_bound");
  });

  it("refuses a PIN-less proof signed by another card", async () => {
    const start = await parsed(
      await call(receptionRoutes.pinlessStart, {
        authenticationCertificate: taro.card.authenticationCertificate,
        cardVerifiableCertificate: taro.card.cardVerifiableCertificate,
      }),
      receptionPinlessStartResponseSchema,
    );
    const response = await call(receptionRoutes.recognitions, {
      method: "pinless",
      challengeId: start.challengeId,
      dateOfBirthRecord: taro.dateOfBirthRecord,
      cardVerifiableCertificate: taro.card.cardVerifiableCertificate,
      signature: hanako.signWithCardKey(new Uint8Array(Buffer.from(start.challenge, "base64"))),
    });
    expect(await refusal(response)).toBe("card_genuineness_failed");
  });

  it("refuses a registration with an insurer the site may not use", async () => {
    const challenge = await parsed(
      await call(receptionRoutes.challenges, { purpose: "registration" }),
      challengeResponseSchema,
    );
    const toBeSigned = new Uint8Array(Buffer.from(challenge.toBeSigned, "base64"));
    const response = await call(receptionRoutes.registrations, {
      challengeId: challenge.challengeId,
      signatureCertificate: hanako.signatureCertificate,
      authenticationCertificate: hanako.card.authenticationCertificate,
      signature: hanako.signWithSignatureKey(toBeSigned),
      cardKeyProof: {
        cardVerifiableCertificate: hanako.card.cardVerifiableCertificate,
        signature: hanako.signWithCardKey(toBeSigned),
      },
      consent: { textVersion: "t", acceptedAt: new Date().toISOString() },
      verifierId: "ins-elsewhere",
    });
    expect(await refusal(response)).toBe("verifier_not_allowed_at_site");
  });

  it("refuses a body its schema refuses", async () => {
    expect(await refusal(await call(receptionRoutes.eligibilityChecks, { recognitionId: 7 }))).toBe(
      "validation_failed",
    );
  });

  it("refuses another institution's key, and a reference it never issued", async () => {
    const wrongKey = await fetch(`${pf.url}${patientReferencePath("pr_0123456789012345678901")}`, {
      headers: { authorization: "Bearer nope" },
    });
    expect(await refusal(wrongKey)).toBe("unauthorized");
    const unknown = await fetch(`${pf.url}${patientReferencePath("pr_0123456789012345678901")}`, {
      headers: { authorization: "Bearer institution-key" },
    });
    expect(await refusal(unknown)).toBe("patient_reference_unknown");
  });

  it("answers a failure it was told to make", async () => {
    pf.failNext("pinlessStart", "revocation_unavailable");
    const response = await call(receptionRoutes.pinlessStart, {
      authenticationCertificate: taro.card.authenticationCertificate,
      cardVerifiableCertificate: taro.card.cardVerifiableCertificate,
    });
    expect(await refusal(response)).toBe("revocation_unavailable");
  });
});

describe("the reception PF double with trusted 券面 CA keys", () => {
  it("refuses a card whose CVC no trusted 券面 CA signed (a forged card)", async () => {
    const genuine = await makeTestCardAnswers();
    const forged = await makeTestCardAnswers();
    const strict = await startReceptionPfDouble({
      verifiers: [{ verifierId: kokuho, name: "国保" }],
      institutions: [
        {
          id: "med-minato",
          name: "病院",
          medicalInstitutionCode: "0610499996",
          apiKey: "k",
          sites: [{ siteId: "s", name: "受付", verifierIds: [kokuho], terminals: [terminal] }],
        },
      ],
      trustedKenkakuCaKeys: [genuine.kenkakuCaPublicKey],
    });
    try {
      const registered = { registrations: [{ verifierId: kokuho, linkStatus: "linked" as const }] };
      strict.addPerson({ card: genuine.card, ...registered });
      strict.addPerson({ card: forged.card, ...registered });
      const recogniseAt = async (card: TestCardAnswers) => {
        const route = receptionRoutes.pinlessStart;
        const start = await parsed(
          await fetch(`${strict.url}${route.path}`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "x-terminal-assertion": await terminal.assert("POST", route.path),
            },
            body: JSON.stringify({
              authenticationCertificate: card.card.authenticationCertificate,
              cardVerifiableCertificate: card.card.cardVerifiableCertificate,
            }),
          }),
          receptionPinlessStartResponseSchema,
        );
        const recognitions = receptionRoutes.recognitions;
        return fetch(`${strict.url}${recognitions.path}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-terminal-assertion": await terminal.assert("POST", recognitions.path),
          },
          body: JSON.stringify({
            method: "pinless",
            challengeId: start.challengeId,
            dateOfBirthRecord: card.dateOfBirthRecord,
            cardVerifiableCertificate: card.card.cardVerifiableCertificate,
            signature: card.signWithCardKey(new Uint8Array(Buffer.from(start.challenge, "base64"))),
          }),
        });
      };
      expect((await recogniseAt(genuine)).status).toBe(201);
      expect(await refusal(await recogniseAt(forged))).toBe("card_genuineness_failed");
    } finally {
      await strict.close();
    }
  }, 60_000);
});
