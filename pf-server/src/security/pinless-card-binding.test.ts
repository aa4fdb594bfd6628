/**
 * Attacks on PIN-less login (かざし): the card's 券面 key signs anything, so a date-of-birth record proves nothing
 * by itself. Someone holding the victim's readable user-authentication certificate tries with another genuine card
 * born the same day, or with their own card and a record they had it sign with the victim's birth date. Only the
 * card bound to the viewer (at registration or a PIN login) may answer a PIN-less challenge.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import {
  buildCardVerifiableCertificate,
  buildDateOfBirthRecord,
  parseCardVerifiableCertificate,
} from "@catv/jpki";
import { describe, expect, it } from "vitest";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import {
  bindingOf,
  cardSign,
  errorCode,
  loginPinless,
  loginWithPin,
  register,
  registerWithoutCardBinding,
  startPinless,
} from "../testing/pf-harness.ts";

const h = harnessForFile();
type Card = Awaited<ReturnType<typeof h.issue>>["card"];

const privateKeyOf = (pkcs8: string) =>
  createPrivateKey({ key: Buffer.from(pkcs8, "base64"), format: "der", type: "pkcs8" });
/** The attacker's own card with a record it signed claiming `birthDate` (the card signs any data it is given). */
function withForgedBirthDate(card: Card, birthDate: string): Card {
  const cardKey = privateKeyOf(card.kenkaku.cardPrivateKey);
  const record = buildDateOfBirthRecord({
    birthDate,
    cardPublicKey: createPublicKey(cardKey),
    signingKey: cardKey,
  });
  return { ...card, kenkaku: { ...card.kenkaku, dateOfBirthRecord: Buffer.from(record).toString("base64") } };
}
/** A CVC for `card`'s key, with the real 券面 CA's key ID but signed by a key the attacker made. */
function forgedCvc(card: Card): string {
  const genuine = parseCardVerifiableCertificate(
    Buffer.from(card.kenkaku.cardVerifiableCertificate, "base64"),
  );
  const forged = buildCardVerifiableCertificate({
    issuerKeyId: Buffer.from(genuine.issuerKeyId, "hex"),
    subjectKeyId: Buffer.from(genuine.subjectKeyId, "hex"),
    subjectPublicKey: genuine.publicKey,
    issuerPrivateKey: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey,
  });
  return Buffer.from(forged).toString("base64");
}
const audit = () => h.audit();

describe("PIN-less login is bound to the registered card", () => {
  it("refuses another person's genuine card born the same day, shown with the victim's certificate", async () => {
    const victim = await registeredCard(h);
    const { card: sameBirthday } = await h.issue({ birthDate: "1980-02-17" });
    const res = await loginPinless(h, h.terminals.a1, victim.card, sameBirthday);
    expect(await errorCode(res)).toBe("pinless_card_mismatch");
  });

  it("refuses the attacker's own card with a date-of-birth record it signed with the victim's birth date", async () => {
    const victim = await registeredCard(h);
    const { card: own } = await h.issue({ birthDate: "1999-09-09" });
    const res = await loginPinless(h, h.terminals.a1, victim.card, withForgedBirthDate(own, "1980-02-17"));
    expect(await errorCode(res)).toBe("pinless_card_mismatch");
  });

  it("refuses another card's proof even after a start with the victim's own CVC (read from the card earlier)", async () => {
    const victim = await registeredCard(h);
    const { card: sameBirthday } = await h.issue({ birthDate: "1980-02-17" });
    const res = await loginPinless(h, h.terminals.a1, victim.card, sameBirthday, victim.card);
    expect(await errorCode(res)).toBe("pinless_card_mismatch");
  });

  it("refuses another card's record and signature sent with the victim's CVC (card_genuineness_failed)", async () => {
    const victim = await registeredCard(h);
    const { card: other } = await h.issue({ birthDate: "1980-02-17" });
    const mixed = {
      ...other,
      kenkaku: { ...other.kenkaku, cardVerifiableCertificate: victim.card.kenkaku.cardVerifiableCertificate },
    };
    expect(await errorCode(await loginPinless(h, h.terminals.a1, victim.card, mixed))).toBe(
      "card_genuineness_failed",
    );
  });

  it("refuses a challenge signed by a key other than the bound one (card_genuineness_failed)", async () => {
    const { card } = await registeredCard(h);
    const wrongSigner = { ...card, kenkaku: { ...card.kenkaku, cardPrivateKey: card.jpki.authPrivateKey } };
    expect(await errorCode(await loginPinless(h, h.terminals.a1, card, wrongSigner))).toBe(
      "card_genuineness_failed",
    );
  });

  it("refuses a forged CVC (not signed by the 券面 CA) for the bound key at the start (card_genuineness_failed)", async () => {
    const { card } = await registeredCard(h);
    const res = await h.call(h.terminals.a1, "POST", "/v1/pinless/start", {
      authenticationCertificate: card.jpki.authCertificate,
      cardVerifiableCertificate: forgedCvc(card),
    });
    expect(await errorCode(res)).toBe("card_genuineness_failed");
  });

  it("refuses a CVC with bytes after it (card_genuineness_failed)", async () => {
    const { card } = await registeredCard(h);
    const padded = Buffer.concat([
      Buffer.from(card.kenkaku.cardVerifiableCertificate, "base64"),
      Buffer.from([0xff, 0xff]),
    ]);
    const res = await h.call(h.terminals.a1, "POST", "/v1/pinless/start", {
      authenticationCertificate: card.jpki.authCertificate,
      cardVerifiableCertificate: padded.toString("base64"),
    });
    expect(await errorCode(res)).toBe("card_genuineness_failed");
  });

  it("still logs the registered card in without a PIN", async () => {
    const { card, cableId } = await registeredCard(h);
    const res = await loginPinless(h, h.terminals.a1, card);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ cableId, acr: "urn:catv:acr:pinless" });
  });

  it("keeps PIN-less working after a move (same card and 券面 key, new signature certificate)", async () => {
    const { residentId, cableId } = await registeredCard(h);
    await h.jlisAdmin(`/admin/residents/${residentId}/move`, { newAddress: "富山県南砺市新町2番地" });
    const moved = await h.reloadCard(residentId);
    const res = await loginPinless(h, h.terminals.a1, moved);
    expect(await res.json()).toMatchObject({ cableId, acr: "urn:catv:acr:pinless" });
  });
});

describe("binding the card", () => {
  it("binds the card at registration, audited", async () => {
    const { cableId } = await registeredCard(h);
    expect(await audit()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: "card-binding.created", accountId: cableId }),
      ]),
    );
  });

  it("refuses a registration whose card-binding signature was made by another card (card_genuineness_failed)", async () => {
    const { card } = await h.issue();
    const { card: other } = await h.issue();
    const mixed = { ...card, kenkaku: { ...card.kenkaku, cardPrivateKey: other.kenkaku.cardPrivateKey } };
    expect(await errorCode(await register(h, h.terminals.a1, card, {}, mixed))).toBe(
      "card_genuineness_failed",
    );
  });

  it("refuses a registration with a forged CVC (card_genuineness_failed)", async () => {
    const { card } = await h.issue();
    const forged = { ...card, kenkaku: { ...card.kenkaku, cardVerifiableCertificate: forgedCvc(card) } };
    expect(await errorCode(await register(h, h.terminals.a1, card, {}, forged))).toBe(
      "card_genuineness_failed",
    );
  });

  it("refuses PIN-less for a viewer registered before card binding (pinless_card_not_bound)", async () => {
    const { card } = await h.issue();
    await registerWithoutCardBinding(h, h.terminals.a1, card);
    expect(await errorCode(await startPinless(h, h.terminals.a1, card))).toBe("pinless_card_not_bound");
  });

  it("binds the card at the first PIN login of a viewer registered before card binding, then PIN-less works", async () => {
    const { card } = await h.issue();
    const cableId = await registerWithoutCardBinding(h, h.terminals.a1, card);
    expect((await loginWithPin(h, h.terminals.a1, card, "login", undefined, card)).status).toBe(200);
    const res = await loginPinless(h, h.terminals.a1, card);
    expect(await res.json()).toMatchObject({ cableId, acr: "urn:catv:acr:pinless" });
  });

  it("does not bind a PIN login's proof whose signature is by another card than its CVC, and audits the refusal", async () => {
    const { card } = await h.issue();
    const { card: other } = await h.issue();
    const cableId = await registerWithoutCardBinding(h, h.terminals.a1, card);
    const mixed = { ...card, kenkaku: { ...card.kenkaku, cardPrivateKey: other.kenkaku.cardPrivateKey } };
    expect((await loginWithPin(h, h.terminals.a1, card, "login", undefined, mixed)).status).toBe(200);
    expect(await errorCode(await startPinless(h, h.terminals.a1, card))).toBe("pinless_card_not_bound");
    expect(await audit()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: "card-binding.refused",
          code: "card_genuineness_failed",
          accountId: cableId,
        }),
      ]),
    );
  });

  it("refuses PIN-less with a renewed card (new 券面 key after a loss) until one PIN login binds it", async () => {
    const { residentId, card, cableId } = await registeredCard(h);
    await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {});
    expect((await h.jlisAdmin(`/admin/residents/${residentId}/renew`, {})).status).toBe(200);
    const renewed = await h.reloadCard(residentId);
    expect(renewed.kenkaku.cardVerifiableCertificate).not.toBe(card.kenkaku.cardVerifiableCertificate);
    expect(await errorCode(await startPinless(h, h.terminals.a1, renewed))).toBe("pinless_card_mismatch");
    expect((await loginWithPin(h, h.terminals.a1, renewed, "login", undefined, renewed)).status).toBe(200);
    expect(await (await loginPinless(h, h.terminals.a1, renewed)).json()).toMatchObject({ cableId });
  });

  it("audits the new card's binding as a replacement", async () => {
    const { residentId, cableId } = await registeredCard(h);
    await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {});
    await h.jlisAdmin(`/admin/residents/${residentId}/renew`, {});
    const renewed = await h.reloadCard(residentId);
    await loginWithPin(h, h.terminals.a1, renewed, "login", undefined, renewed);
    expect(await audit()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: "card-binding.replaced", accountId: cableId }),
      ]),
    );
  });

  it("refuses the old card's 券面 key once the renewed card is bound", async () => {
    const { residentId, card } = await registeredCard(h);
    await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {});
    await h.jlisAdmin(`/admin/residents/${residentId}/renew`, {});
    const renewed = await h.reloadCard(residentId);
    await loginWithPin(h, h.terminals.a1, renewed, "login", undefined, renewed);
    // The new certificate with the lost card's CVC and key.
    expect(await errorCode(await loginPinless(h, h.terminals.a1, renewed, card))).toBe(
      "pinless_card_mismatch",
    );
  });

  it("does not bind from a card-binding proof over another challenge than the login's", async () => {
    const { card } = await h.issue();
    const cableId = await registerWithoutCardBinding(h, h.terminals.a1, card);
    const ch = (await (
      await h.call(h.terminals.a1, "POST", "/v1/challenges", { purpose: "login" })
    ).json()) as {
      challengeId: string;
      toBeSigned: string;
    };
    const res = await h.call(h.terminals.a1, "POST", "/v1/sessions", {
      challengeId: ch.challengeId,
      authenticationCertificate: card.jpki.authCertificate,
      signature: cardSign(card.jpki.authPrivateKey, Buffer.from(ch.toBeSigned, "base64")),
      cardKeyProof: {
        cardVerifiableCertificate: card.kenkaku.cardVerifiableCertificate,
        signature: cardSign(card.kenkaku.cardPrivateKey, Buffer.from("an earlier challenge")),
      },
    });
    expect(res.status).toBe(200);
    expect(await bindingOf(h, cableId)).toBeUndefined();
  });
});
