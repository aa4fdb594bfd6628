/**
 * @module 公的個人認証AP (JPKI AP): AID, EF ids and access rules of jpki.md §1–§4.
 */
import { createPrivateKey } from "node:crypto";
import type { CardImage } from "@catv/jpki/card-image";
import { buildTokenInfo } from "../emulator/token-info.ts";
import { type Application, fileMap } from "./application.ts";

export const JPKI_AID = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);

export const JPKI_EF = {
  SIGN_CERTIFICATE: 0x0001,
  SIGN_CA_CERTIFICATE: 0x0002,
  TOKEN_INFO: 0x0006,
  CERTIFICATE_PRESENCE: 0x0008,
  AUTH_CERTIFICATE: 0x000a,
  AUTH_CA_CERTIFICATE: 0x000b,
  AUTH_KEY: 0x0017,
  AUTH_PIN: 0x0018,
  SIGN_KEY: 0x001a,
  SIGN_PASSWORD: 0x001b,
} as const;

/** jpki.md §2: `8F 8F 00` when both certificates are present. */
const CERTIFICATE_PRESENCE = Uint8Array.of(0x8f, 0x8f, 0x00);

export function buildJpkiApplication(image: CardImage): Application {
  const jpki = image.jpki;
  return {
    name: "JPKI AP",
    aid: JPKI_AID,
    reselectClearsVerification: true,
    signing: { kind: "jpki" },
    internalAuthenticate: "jpki",
    files: fileMap([
      {
        kind: "binary",
        fid: JPKI_EF.SIGN_CERTIFICATE,
        content: base64(jpki.signCertificate),
        // The signature certificate carries the 4情報, so it opens only after the 署名用パスワード.
        readableAfter: JPKI_EF.SIGN_PASSWORD,
      },
      { kind: "binary", fid: JPKI_EF.SIGN_CA_CERTIFICATE, content: base64(jpki.signCaCertificate) },
      { kind: "binary", fid: JPKI_EF.TOKEN_INFO, content: buildTokenInfo(image.cardId) },
      { kind: "binary", fid: JPKI_EF.CERTIFICATE_PRESENCE, content: CERTIFICATE_PRESENCE },
      { kind: "binary", fid: JPKI_EF.AUTH_CERTIFICATE, content: base64(jpki.authCertificate) },
      { kind: "binary", fid: JPKI_EF.AUTH_CA_CERTIFICATE, content: base64(jpki.authCaCertificate) },
      { kind: "key", fid: JPKI_EF.AUTH_KEY, key: pkcs8(jpki.authPrivateKey), usableAfter: JPKI_EF.AUTH_PIN },
      {
        kind: "key",
        fid: JPKI_EF.SIGN_KEY,
        key: pkcs8(jpki.signPrivateKey),
        usableAfter: JPKI_EF.SIGN_PASSWORD,
      },
      {
        kind: "pin",
        fid: JPKI_EF.AUTH_PIN,
        maxTries: 3,
        minLength: 4,
        maxLength: 4,
        alphabet: /^[0-9]{4}$/,
        changeable: true,
        value: (card) => card.jpki.authPin,
        setValue: (card, value) => {
          card.jpki.authPin = value;
        },
        remaining: (card) => card.counters.authPinRemaining,
        setRemaining: (card, remaining) => {
          card.counters.authPinRemaining = remaining;
        },
      },
      {
        kind: "pin",
        fid: JPKI_EF.SIGN_PASSWORD,
        maxTries: 5,
        minLength: 6,
        maxLength: 16,
        alphabet: /^[A-Z0-9]{6,16}$/,
        changeable: true,
        value: (card) => card.jpki.signPassword,
        setValue: (card, value) => {
          card.jpki.signPassword = value;
        },
        remaining: (card) => card.counters.signPasswordRemaining,
        setRemaining: (card, remaining) => {
          card.counters.signPasswordRemaining = remaining;
        },
      },
    ]),
  };
}

export function base64(value: string): Uint8Array {
  return new Uint8Array(Buffer.from(value, "base64"));
}

export function pkcs8(value: string) {
  return createPrivateKey({ key: Buffer.from(value, "base64"), format: "der", type: "pkcs8" });
}
