/**
 * Attacks by replay: a signed answer captured on the wire (or by a rogue STB) sent again, to the same or another
 * terminal, for another purpose, late, or twice at once. Challenges are single use and bound to operator,
 * terminal and purpose; each refusal has its own code.
 */
import { describe, expect, it } from "vitest";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import {
  cardKeyProof,
  cardSign,
  consent,
  errorCode,
  type PinlessStart,
  startPinless,
  type TestTerminal,
} from "../testing/pf-harness.ts";

const h = harnessForFile();
type Card = Awaited<ReturnType<typeof h.issue>>["card"];

async function signedLogin(card: Card, terminal: TestTerminal = h.terminals.a1, purpose = "login") {
  const ch = (await (await h.call(terminal, "POST", "/v1/challenges", { purpose })).json()) as {
    challengeId: string;
    toBeSigned: string;
  };
  return {
    challengeId: ch.challengeId,
    authenticationCertificate: card.jpki.authCertificate,
    signature: cardSign(card.jpki.authPrivateKey, Buffer.from(ch.toBeSigned, "base64")),
  };
}
async function signedPinless(card: Card, terminal: TestTerminal = h.terminals.a1) {
  const start = (await (await startPinless(h, terminal, card)).json()) as PinlessStart;
  return {
    challengeId: start.challengeId,
    dateOfBirthRecord: card.kenkaku.dateOfBirthRecord,
    cardVerifiableCertificate: card.kenkaku.cardVerifiableCertificate,
    signature: cardSign(card.kenkaku.cardPrivateKey, Buffer.from(start.challenge, "base64")),
  };
}

describe("replayed card answers", () => {
  it("refuses a PIN login answer sent a second time (challenge_used)", async () => {
    const { card } = await registeredCard(h);
    const body = await signedLogin(card);
    expect((await h.call(h.terminals.a1, "POST", "/v1/sessions", body)).status).toBe(200);
    expect(await errorCode(await h.call(h.terminals.a1, "POST", "/v1/sessions", body))).toBe(
      "challenge_used",
    );
  });

  it("refuses a registration answer sent a second time (challenge_used)", async () => {
    const { card } = await h.issue();
    const ch = (await (
      await h.call(h.terminals.a1, "POST", "/v1/challenges", { purpose: "registration" })
    ).json()) as { challengeId: string; toBeSigned: string };
    const data = Buffer.from(ch.toBeSigned, "base64");
    const body = {
      challengeId: ch.challengeId,
      signatureCertificate: card.jpki.signCertificate,
      authenticationCertificate: card.jpki.authCertificate,
      signature: cardSign(card.jpki.signPrivateKey, data),
      cardKeyProof: cardKeyProof(card, data),
      consent: consent(),
    };
    expect((await h.call(h.terminals.a1, "POST", "/v1/registrations", body)).status).toBe(200);
    expect(await errorCode(await h.call(h.terminals.a1, "POST", "/v1/registrations", body))).toBe(
      "challenge_used",
    );
  });

  it("refuses a PIN-less answer sent a second time (challenge_used)", async () => {
    const { card } = await registeredCard(h);
    const body = await signedPinless(card);
    expect((await h.call(h.terminals.a1, "POST", "/v1/pinless/sessions", body)).status).toBe(200);
    expect(await errorCode(await h.call(h.terminals.a1, "POST", "/v1/pinless/sessions", body))).toBe(
      "challenge_used",
    );
  });

  it("lets one of five concurrent copies of a PIN login answer through", async () => {
    const { card } = await registeredCard(h);
    const body = await signedLogin(card);
    const statuses = await Promise.all(
      Array.from(
        { length: 5 },
        async () => (await h.call(h.terminals.a1, "POST", "/v1/sessions", body)).status,
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  });

  it("refuses a PIN-less answer replayed on another STB of the same operator (challenge_wrong_terminal)", async () => {
    const { card } = await registeredCard(h);
    const body = await signedPinless(card, h.terminals.a1);
    expect(await errorCode(await h.call(h.terminals.a2, "POST", "/v1/pinless/sessions", body))).toBe(
      "challenge_wrong_terminal",
    );
  });

  it("refuses a PIN login answer replayed on another operator's STB (challenge_wrong_operator)", async () => {
    const { card } = await registeredCard(h);
    const body = await signedLogin(card, h.terminals.a1);
    expect(await errorCode(await h.call(h.terminals.b1, "POST", "/v1/sessions", body))).toBe(
      "challenge_wrong_operator",
    );
  });

  it("refuses a step-up answer sent as a login (challenge_wrong_purpose)", async () => {
    const { card } = await registeredCard(h);
    const body = await signedLogin(card, h.terminals.a1, "step-up");
    expect(await errorCode(await h.call(h.terminals.a1, "POST", "/v1/sessions", body))).toBe(
      "challenge_wrong_purpose",
    );
  });

  it("refuses a PIN-less challenge answered with the PIN login endpoint (challenge_wrong_purpose)", async () => {
    const { card } = await registeredCard(h);
    const start = (await (await startPinless(h, h.terminals.a1, card)).json()) as PinlessStart;
    const res = await h.call(h.terminals.a1, "POST", "/v1/sessions", {
      challengeId: start.challengeId,
      authenticationCertificate: card.jpki.authCertificate,
      signature: cardSign(card.jpki.authPrivateKey, Buffer.from(start.challenge, "base64")),
    });
    expect(await errorCode(res)).toBe("challenge_wrong_purpose");
  });

  it("refuses a PIN-less answer sent after the challenge expired (challenge_expired)", async () => {
    const { card } = await registeredCard(h);
    const body = await signedPinless(card);
    h.clock.offsetMs = 5 * 60_000;
    try {
      expect(await errorCode(await h.call(h.terminals.a1, "POST", "/v1/pinless/sessions", body))).toBe(
        "challenge_expired",
      );
    } finally {
      h.clock.offsetMs = 0;
    }
  });
});
