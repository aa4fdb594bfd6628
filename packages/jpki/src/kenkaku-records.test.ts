import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  buildCardVerifiableCertificate,
  parseCardVerifiableCertificate,
  verifyCardVerifiableCertificate,
} from "./card-verifiable-certificate.ts";
import {
  buildDateOfBirthRecord,
  parseDateOfBirthRecord,
  verifyDateOfBirthRecord,
} from "./date-of-birth-record.ts";

const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
const ca = rsa();
const card = rsa();
const otherCard = rsa();
const caKeyId = Buffer.from("9000023\x08\x05001\0\0\0\0", "latin1");
const cardKeyId = Buffer.alloc(16, 0xab);
const trusted = [{ keyId: caKeyId.toString("hex"), publicKey: ca.publicKey }];

const cvc = buildCardVerifiableCertificate({
  issuerKeyId: caKeyId,
  subjectKeyId: cardKeyId,
  subjectPublicKey: card.publicKey,
  issuerPrivateKey: ca.privateKey,
});

describe("card-verifiable certificate", () => {
  it("has the 7F21 { 5F4E(297 B), 5F37(256 B) } layout of kenkaku.md §4", () => {
    expect(Array.from(cvc.subarray(0, 2))).toEqual([0x7f, 0x21]);
    const parsed = parseCardVerifiableCertificate(cvc);
    expect(parsed.body.length).toBe(297);
    expect(parsed.signature.length).toBe(256);
    expect(parsed.issuerKeyId).toBe(caKeyId.toString("hex"));
    expect(parsed.publicKey.equals(card.publicKey)).toBe(true);
  });
  it("verifies with the 券面 CA key its issuer key ID names", () => {
    expect(verifyCardVerifiableCertificate(cvc, trusted).subjectKeyId).toBe(cardKeyId.toString("hex"));
  });
  it("refuses a CVC whose issuer key is not trusted", () => {
    expect(() => verifyCardVerifiableCertificate(cvc, [])).toThrow(/not trusted/);
  });
  it("refuses a CVC whose body was altered", () => {
    const tampered = Uint8Array.from(cvc);
    tampered[50] = (tampered[50] ?? 0) ^ 1;
    expect(() => verifyCardVerifiableCertificate(tampered, trusted)).toThrow();
  });
});

describe("date-of-birth record", () => {
  const record = buildDateOfBirthRecord({
    birthDate: "1980-02-17",
    cardPublicKey: card.publicKey,
    signingKey: card.privateKey,
  });
  it("round-trips the birth date and card key", () => {
    const parsed = parseDateOfBirthRecord(Uint8Array.from([...record, 0xff, 0xff]));
    expect(parsed.birthDate).toBe("1980-02-17");
    expect(parsed.cardPublicKey.equals(card.publicKey)).toBe(true);
  });
  it("verifies with the key the CVC certifies", () => {
    const certified = verifyCardVerifiableCertificate(cvc, trusted).publicKey;
    expect(verifyDateOfBirthRecord(record, certified).birthDate).toBe("1980-02-17");
  });
  it("refuses a record checked against another card's key", () => {
    expect(() => verifyDateOfBirthRecord(record, otherCard.publicKey)).toThrow(/not the key/);
  });
  it("refuses a record with an altered birth date", () => {
    const tampered = Uint8Array.from(record);
    const at = Buffer.from(tampered).indexOf("1980");
    tampered[at + 3] = 0x31; // 1980 → 1981
    expect(() => verifyDateOfBirthRecord(tampered, card.publicKey)).toThrow(/does not verify/);
  });
});
