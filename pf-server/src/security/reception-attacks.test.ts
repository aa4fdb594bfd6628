/**
 * Attacks on the hospital reception flows: a terminal of another institution (or another terminal of the same one)
 * using a recognition, a challenge or a key that is not its own; someone holding another person's readable
 * user-authentication certificate; someone with a genuine card of their own claiming another birth date or another
 * insurer; replayed terminal assertions and card answers; a terminal at the wrong kind of site. Each is refused
 * with its own code and audited without personal data.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import {
  buildCardVerifiableCertificate,
  buildDateOfBirthRecord,
  parseCardVerifiableCertificate,
} from "@catv/jpki";
import type { CardImage } from "@catv/jpki/card-image";
import { x509 } from "@catv/jpki/x509";
import { describe, expect, it } from "vitest";
import { normalizeSerial } from "../pki/validate-certificate.ts";
import {
  checkEligibility,
  INSURERS,
  linkedPatient,
  medicalHarnessForFile,
  recognisePin,
  recognisePinless,
  registerAtReception,
} from "../testing/medical-fixture.ts";
import {
  cardSign,
  errorCode,
  loginPinless,
  loginWithPin,
  type PinlessStart,
  register,
  type TestTerminal,
} from "../testing/pf-harness.ts";

const { h, m } = medicalHarnessForFile();

async function recognitionAt(terminal: TestTerminal, card: CardImage): Promise<string> {
  const res = await recognisePinless(h, terminal, card);
  expect(res.status).toBe(200);
  return ((await res.json()) as { recognitionId: string }).recognitionId;
}
/** The attacker's own card with a date-of-birth record it had its 券面 key sign with `birthDate`. */
function withForgedBirthDate(card: CardImage, birthDate: string): CardImage {
  const cardKey = createPrivateKey({
    key: Buffer.from(card.kenkaku.cardPrivateKey, "base64"),
    format: "der",
    type: "pkcs8",
  });
  const record = buildDateOfBirthRecord({
    birthDate,
    cardPublicKey: createPublicKey(cardKey),
    signingKey: cardKey,
  });
  return { ...card, kenkaku: { ...card.kenkaku, dateOfBirthRecord: Buffer.from(record).toString("base64") } };
}
const serialOf = (base64: string) =>
  normalizeSerial(new x509.X509Certificate(Buffer.from(base64, "base64")).serialNumber);
/** The last audit row of `event`, and proof that no audit row or log line holds the card's serial or birth date. */
async function lastAuditOf(event: string, card: CardImage) {
  const rows = await h.audit();
  const logged = JSON.stringify([rows, h.logs]);
  expect(logged).not.toContain(serialOf(card.jpki.authCertificate));
  expect(logged).not.toContain("1980-02-17");
  return rows.findLast((r) => r.event === event);
}

describe("a terminal of another institution", { timeout: 15_000 }, () => {
  it("cannot use a recognition made at another institution's reception (recognition_wrong_terminal)", async () => {
    const { card, accountId } = await linkedPatient(h, m);
    m.insurer.scenarios.set(accountId, { kind: "valid" });
    const recognitionId = await recognitionAt(m.terminals.a1, card);
    const asked = m.insurer.requests.length;
    expect(await errorCode(await checkEligibility(h, m.terminals.b1, recognitionId))).toBe(
      "recognition_wrong_terminal",
    );
    expect(m.insurer.requests.length).toBe(asked);
    expect(await lastAuditOf("reception.eligibility", card)).toMatchObject({
      outcome: "failure",
      code: "recognition_wrong_terminal",
      terminalId: m.terminals.b1.terminalId,
    });
  });

  it("cannot use a recognition made at another terminal of the same institution (recognition_wrong_terminal)", async () => {
    const { card } = await linkedPatient(h, m);
    const recognitionId = await recognitionAt(m.terminals.a1, card);
    expect(await errorCode(await checkEligibility(h, m.terminals.a2, recognitionId))).toBe(
      "recognition_wrong_terminal",
    );
  });

  it("cannot answer a challenge issued to another institution's terminal", async () => {
    const { card } = await linkedPatient(h, m);
    const ch = (await (
      await h.call(m.terminals.b1, "POST", "/v1/challenges", { purpose: "login" })
    ).json()) as {
      challengeId: string;
      toBeSigned: string;
    };
    const res = await h.call(m.terminals.a1, "POST", "/v1/reception/recognitions", {
      method: "pin",
      challengeId: ch.challengeId,
      authenticationCertificate: card.jpki.authCertificate,
      signature: cardSign(card.jpki.authPrivateKey, Buffer.from(ch.toBeSigned, "base64")),
    });
    expect(await errorCode(res)).toBe("challenge_wrong_operator");
  });

  it("cannot sign for a terminal with another institution's terminal key (terminal_unauthorized)", async () => {
    const impostor = { ...m.terminals.a1, privateKey: m.terminals.b1.privateKey };
    const res = await h.call(impostor, "GET", "/v1/reception/site");
    expect(await errorCode(res)).toBe("terminal_unauthorized");
  });

  it("cannot register patients with an insurer its own site does not consult (verifier_not_allowed_at_site)", async () => {
    const { card } = await h.issue();
    expect(await errorCode(await registerAtReception(h, m.terminals.b1, card, INSURERS.kenpo.id))).toBe(
      "verifier_not_allowed_at_site",
    );
  });
});

describe("someone holding another person's readable certificate", { timeout: 15_000 }, () => {
  it("gets no birth-date key for the victim's certificate shown with their own card's CVC (pinless_card_mismatch)", async () => {
    const victim = await linkedPatient(h, m);
    const { card: own } = await h.issue({ birthDate: "1980-02-17" });
    const res = await h.call(m.terminals.a1, "POST", "/v1/reception/pinless/start", {
      authenticationCertificate: victim.card.jpki.authCertificate,
      cardVerifiableCertificate: own.kenkaku.cardVerifiableCertificate,
    });
    const body = await res.json();
    expect(body).toMatchObject({ error: { code: "pinless_card_mismatch" } });
    expect(JSON.stringify(body)).not.toContain("birthDateKey");
    expect(await lastAuditOf("reception.pinless.start", victim.card)).toMatchObject({
      outcome: "failure",
      code: "pinless_card_mismatch",
    });
  });

  it("cannot answer the victim's PIN-less challenge with another card born the same day (pinless_card_mismatch)", async () => {
    const victim = await linkedPatient(h, m);
    const { card: sameBirthday } = await h.issue({ birthDate: "1980-02-17" });
    // The start used the victim's own CVC, read from the card when it was at hand.
    const start = await h.call(m.terminals.a1, "POST", "/v1/reception/pinless/start", {
      authenticationCertificate: victim.card.jpki.authCertificate,
      cardVerifiableCertificate: victim.card.kenkaku.cardVerifiableCertificate,
    });
    const ch = (await start.json()) as PinlessStart;
    const res = await h.call(m.terminals.a1, "POST", "/v1/reception/recognitions", {
      method: "pinless",
      challengeId: ch.challengeId,
      dateOfBirthRecord: sameBirthday.kenkaku.dateOfBirthRecord,
      cardVerifiableCertificate: sameBirthday.kenkaku.cardVerifiableCertificate,
      signature: cardSign(sameBirthday.kenkaku.cardPrivateKey, Buffer.from(ch.challenge, "base64")),
    });
    expect(await errorCode(res)).toBe("pinless_card_mismatch");
  });

  it("cannot pass a PIN recognition with the victim's certificate and another key's signature (signature_invalid)", async () => {
    const victim = await linkedPatient(h, m);
    const { card: own } = await h.issue();
    const forged = { ...victim.card, jpki: { ...victim.card.jpki, authPrivateKey: own.jpki.authPrivateKey } };
    expect(await errorCode(await recognisePin(h, m.terminals.a1, forged))).toBe("signature_invalid");
  });

  it("cannot register the victim with an insurer using their own signature key (signature_invalid)", async () => {
    const { card: victim } = await h.issue();
    const { card: own } = await h.issue();
    const forged = { ...victim, jpki: { ...victim.jpki, signPrivateKey: own.jpki.signPrivateKey } };
    expect(await errorCode(await registerAtReception(h, m.terminals.a1, forged, INSURERS.city.id))).toBe(
      "signature_invalid",
    );
  });
});

describe("someone with a genuine card of their own", { timeout: 15_000 }, () => {
  it("cannot pass as the victim with a record their card signed with the victim's birth date (pinless_card_mismatch)", async () => {
    const victim = await linkedPatient(h, m);
    const { card: own } = await h.issue({ birthDate: "1999-09-09" });
    const res = await recognisePinless(
      h,
      m.terminals.a1,
      victim.card,
      withForgedBirthDate(own, "1980-02-17"),
    );
    expect(await errorCode(res)).toBe("pinless_card_mismatch");
  });

  it("cannot pair their own user-authentication certificate with the victim's signature certificate (certificate_pair_mismatch)", async () => {
    const { card: victim } = await h.issue();
    const { card: own } = await h.issue();
    const mixed = {
      ...own,
      jpki: {
        ...own.jpki,
        signCertificate: victim.jpki.signCertificate,
        signPrivateKey: victim.jpki.signPrivateKey,
      },
    };
    expect(await errorCode(await registerAtReception(h, m.terminals.a1, mixed, INSURERS.city.id))).toBe(
      "certificate_pair_mismatch",
    );
  });

  it("learns nothing of their registration at an insurer another institution's reception does not consult", async () => {
    const { card } = await linkedPatient(h, m, "kenpo");
    expect(await errorCode(await recognisePinless(h, m.terminals.b1, card))).toBe("card_not_registered");
  });

  it("gets no answer from the insurer before its staff linked them (account_not_linked)", async () => {
    const { card } = await h.issue();
    await registerAtReception(h, m.terminals.a1, card, INSURERS.city.id);
    const recognitionId = await recognitionAt(m.terminals.a1, card);
    expect(await errorCode(await checkEligibility(h, m.terminals.a1, recognitionId))).toBe(
      "account_not_linked",
    );
  });
});

describe("a forged or outdated card", { timeout: 15_000 }, () => {
  it("refuses a CVC not signed by the 券面 CA for the bound key (card_genuineness_failed)", async () => {
    const { card } = await linkedPatient(h, m);
    const genuine = parseCardVerifiableCertificate(
      Buffer.from(card.kenkaku.cardVerifiableCertificate, "base64"),
    );
    const forged = buildCardVerifiableCertificate({
      issuerKeyId: Buffer.from(genuine.issuerKeyId, "hex"),
      subjectKeyId: Buffer.from(genuine.subjectKeyId, "hex"),
      subjectPublicKey: genuine.publicKey,
      issuerPrivateKey: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey,
    });
    const res = await h.call(m.terminals.a1, "POST", "/v1/reception/pinless/start", {
      authenticationCertificate: card.jpki.authCertificate,
      cardVerifiableCertificate: Buffer.from(forged).toString("base64"),
    });
    expect(await errorCode(res)).toBe("card_genuineness_failed");
  });

  it("refuses a card whose certificate has expired (certificate_expired)", async () => {
    const { card } = await linkedPatient(h, m);
    h.clock.offsetMs = 6 * 366 * 86_400_000;
    try {
      expect(await errorCode(await recognisePin(h, m.terminals.a1, card))).toBe("certificate_expired");
    } finally {
      h.clock.offsetMs = 0;
    }
  });
});

describe("replays", { timeout: 15_000 }, () => {
  it("refuses a reception terminal's assertion sent again (terminal_unauthorized)", async () => {
    const assertion = await h.assertion(m.terminals.a1, "GET", "/v1/reception/site");
    const once = await h.call(m.terminals.a1, "GET", "/v1/reception/site", undefined, undefined, assertion);
    expect(once.status).toBe(200);
    const again = await h.call(m.terminals.a1, "GET", "/v1/reception/site", undefined, undefined, assertion);
    expect(await errorCode(again)).toBe("terminal_unauthorized");
  });

  it("refuses an assertion made for another route (terminal_unauthorized)", async () => {
    const assertion = await h.assertion(m.terminals.a1, "GET", "/v1/reception/site");
    const res = await h.call(
      m.terminals.a1,
      "POST",
      "/v1/reception/eligibility-checks",
      {
        recognitionId: "rcg_x",
        limitApplicationCertificateConsent: false,
      },
      undefined,
      assertion,
    );
    expect(await errorCode(res)).toBe("terminal_unauthorized");
  });

  it("refuses a card's PIN-less answer sent again (challenge_used)", async () => {
    const { card } = await linkedPatient(h, m);
    const start = await h.call(m.terminals.a1, "POST", "/v1/reception/pinless/start", {
      authenticationCertificate: card.jpki.authCertificate,
      cardVerifiableCertificate: card.kenkaku.cardVerifiableCertificate,
    });
    const ch = (await start.json()) as PinlessStart;
    const answer = {
      method: "pinless",
      challengeId: ch.challengeId,
      dateOfBirthRecord: card.kenkaku.dateOfBirthRecord,
      cardVerifiableCertificate: card.kenkaku.cardVerifiableCertificate,
      signature: cardSign(card.kenkaku.cardPrivateKey, Buffer.from(ch.challenge, "base64")),
    };
    expect((await h.call(m.terminals.a1, "POST", "/v1/reception/recognitions", answer)).status).toBe(200);
    const again = await h.call(m.terminals.a1, "POST", "/v1/reception/recognitions", answer);
    expect(await errorCode(again)).toBe("challenge_used");
  });

  it("signs each eligibility request afresh: one insurer, a new jti, a lifetime of a minute or less", async () => {
    const { card, accountId } = await linkedPatient(h, m);
    m.insurer.scenarios.set(accountId, { kind: "valid" });
    const recognitionId = await recognitionAt(m.terminals.a1, card);
    await checkEligibility(h, m.terminals.a1, recognitionId);
    await checkEligibility(h, m.terminals.a1, recognitionId);
    const [first, second] = m.insurer.requests.slice(-2);
    expect(first?.jti).not.toBe(second?.jti);
    expect(first?.aud).toBe(INSURERS.city.id);
    expect((first?.exp ?? 0) - (first?.iat ?? 0)).toBeLessThanOrEqual(60);
    // The insurer double refuses an assertion whose jti it has seen; none of the PF's was refused.
    expect(m.insurer.refused).toEqual([]);
  });
});

describe("the wrong kind of site", { timeout: 15_000 }, () => {
  it("refuses an STB on the reception API (site_not_allowed)", async () => {
    expect(await errorCode(await h.call(h.terminals.a1, "GET", "/v1/reception/site"))).toBe(
      "site_not_allowed",
    );
    const { card } = await h.issue();
    expect(await errorCode(await recognisePinless(h, h.terminals.a1, card))).toBe("site_not_allowed");
    expect(await errorCode(await registerAtReception(h, h.terminals.a1, card, INSURERS.city.id))).toBe(
      "site_not_allowed",
    );
  });

  it("refuses an STB an eligibility check for a reception's recognition (site_not_allowed)", async () => {
    const { card } = await linkedPatient(h, m);
    const recognitionId = await recognitionAt(m.terminals.a1, card);
    expect(await errorCode(await checkEligibility(h, h.terminals.a1, recognitionId))).toBe(
      "site_not_allowed",
    );
  });

  it("refuses a reception terminal the TV's registration, logins and portal (site_not_allowed)", async () => {
    const { card } = await linkedPatient(h, m);
    expect(await errorCode(await register(h, m.terminals.a1, card))).toBe("site_not_allowed");
    expect(await errorCode(await loginWithPin(h, m.terminals.a1, card))).toBe("site_not_allowed");
    expect(await errorCode(await loginPinless(h, m.terminals.a1, card))).toBe("site_not_allowed");
    expect(await errorCode(await h.call(m.terminals.a1, "GET", "/v1/portal"))).toBe("site_not_allowed");
  });

  it("never hands a reception the 共通的PFID, in any answer", async () => {
    const { card, accountId } = await linkedPatient(h, m);
    m.insurer.scenarios.set(accountId, { kind: "valid" });
    const recognition = await recognisePinless(h, m.terminals.a1, card);
    const recognised = (await recognition.json()) as { recognitionId: string };
    const checked = await checkEligibility(h, m.terminals.a1, recognised.recognitionId);
    const site = await h.call(m.terminals.a1, "GET", "/v1/reception/site");
    const seen = JSON.stringify([recognised, await checked.json(), await site.json()]);
    expect(seen).not.toContain(accountId);
    expect(seen).not.toContain(serialOf(card.jpki.authCertificate));
  });
});
