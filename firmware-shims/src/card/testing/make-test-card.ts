/**
 * @module Builds a schema-valid card image with fresh RSA-2048 keys, for tests and local tries before (or
 * without) the J-LIS simulator's issuance. Everything is marked TEST: the CAs are `O=JPKI-TEST-DEMO`, the 券面
 * CA key id is the test value `6000023…` (kenkaku.md §4). The certificates carry no 4情報 and no 個人番号.
 *
 * Formats (kenkaku.md §2, §4):
 * - EF 0001: `FF10 { DF11 YYYYMMDD, DF12 card public key, DF13 signature }`; DF12 is a DER SubjectPublicKeyInfo,
 *   as the J-LIS simulator writes it (packages/jpki/src/date-of-birth-record.ts); DF13 = PKCS#1 v1.5 SHA-256 by
 *   the card key over DF11 ‖ DF12.
 * - EF 0004: `7F21 { 5F4E issuer keyID16 ‖ subject keyID16 ‖ 90 03 010001 91 82 01 00 <n>, 5F37 sig }`, signed
 *   (PKCS#1 v1.5 SHA-256 over the 5F4E value) by the 券面 CA key, returned as `kenkakuCaPublicKey`.
 */
import {
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  randomUUID,
  sign,
  webcrypto,
} from "node:crypto";
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill first.
import "reflect-metadata";
import { encodeTlv } from "@catv/jpki/ber-tlv";
import { ascii, concatBytes } from "@catv/jpki/bytes";
import { CARD_IMAGE_FORMAT, type CardImage, cardImageSchema } from "@catv/jpki/card-image";
import { birthDateKey } from "@catv/jpki/wareki";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
} as const;

/** The test 券面事項確認 CA key id: `"6000023" 08 05 "001" 00 00 00 00` (production is `5000023…`). */
export const TEST_KENKAKU_CA_KEY_ID = concatBytes(
  ascii("6000023"),
  Uint8Array.of(0x08, 0x05),
  ascii("001"),
  new Uint8Array(4),
);

export interface TestCardOptions {
  /** YYYY-MM-DD; default 1980-02-17 (生年月日 key "550217"). */
  birthDate?: string;
  authPin?: string;
  signPassword?: string;
  displayLabel?: string;
  counters?: Partial<CardImage["counters"]>;
  /**
   * The end of the certificates' validity (default five years from now): a card whose certificates expire
   * within three months makes the warning a verifier shows (ONS: 失効期限3か月前), one in the past an expired card.
   */
  certificatesValidUntil?: Date;
}

export interface TestCard {
  image: CardImage;
  /** The 券面 CA public key that verifies EF 0004 (not on the card, as on a real one). */
  kenkakuCaPublicKey: KeyObject;
  /** The test JPKI CA certificates (also in EF 0002 / 000B). */
  signCa: x509.X509Certificate;
  authCa: x509.X509Certificate;
}

/**
 * @example const { image } = await makeTestCard({ authPin: "1234" });
 */
export async function makeTestCard(options: TestCardOptions = {}): Promise<TestCard> {
  const birthDate = options.birthDate ?? "1980-02-17";
  const cardId = `test-${randomUUID()}`;
  const [authCaKeys, signCaKeys, authKeys, signKeys, cardKeys, kenkakuCaKeys] = await Promise.all(
    Array.from({ length: 6 }, () => rsaKeyPair()),
  );
  const now = new Date();
  const caNotAfter = new Date(now.getTime() + 5 * 365 * 24 * 3600 * 1000);
  const notAfter = options.certificatesValidUntil ?? caNotAfter;
  // A certificate that has already expired was issued before it did.
  const notBefore = notAfter < now ? new Date(notAfter.getTime() - 365 * 24 * 3600 * 1000) : now;
  const authCa = await selfSignedCa("JPKI for user authentication", authCaKeys!, notBefore, caNotAfter);
  const signCa = await selfSignedCa("JPKI for digital signature", signCaKeys!, notBefore, caNotAfter);
  const authCertificate = await x509.X509CertificateGenerator.create({
    subject: `C=JP, CN=TEST${randomBytes(10).toString("hex").toUpperCase()}`,
    issuer: authCa.subject,
    publicKey: authKeys!.publicKey,
    signingKey: authCaKeys!.privateKey,
    notBefore,
    notAfter,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(authCaKeys!.publicKey),
    ],
  });
  const signCertificate = await x509.X509CertificateGenerator.create({
    subject: `C=JP, L=TEST-PREFECTURE, L=TEST-CITY, CN=TEST${Date.now()}`,
    issuer: signCa.subject,
    publicKey: signKeys!.publicKey,
    signingKey: signCaKeys!.privateKey,
    notBefore,
    notAfter,
    extensions: [
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      await x509.AuthorityKeyIdentifierExtension.create(signCaKeys!.publicKey),
    ],
  });

  const cardPrivateKey = await keyObject(cardKeys!.privateKey);
  const kenkakuCaPrivateKey = await keyObject(kenkakuCaKeys!.privateKey);
  const cardPublicKeyTlv = publicKeyTlv(cardPrivateKey);
  const cardSpki = new Uint8Array(createPublicKey(cardPrivateKey).export({ format: "der", type: "spki" }));
  const subjectKeyId = randomBytes(16);
  const cvcBody = concatBytes(TEST_KENKAKU_CA_KEY_ID, subjectKeyId, cardPublicKeyTlv);
  const cvc = encodeTlv(
    0x7f21,
    concatBytes(encodeTlv(0x5f4e, cvcBody), encodeTlv(0x5f37, sign("sha256", cvcBody, kenkakuCaPrivateKey))),
  );
  const signedPart = concatBytes(
    encodeTlv(0xdf11, ascii(birthDate.replaceAll("-", ""))),
    encodeTlv(0xdf12, cardSpki),
  );
  const dateOfBirthRecord = encodeTlv(
    0xff10,
    concatBytes(signedPart, encodeTlv(0xdf13, sign("sha256", signedPart, cardPrivateKey))),
  );
  const cardInfo = encodeTlv(
    0xff30,
    concatBytes(
      encodeTlv(0xdf31, ascii(cardId.slice(-16))),
      encodeTlv(0xdf32, subjectKeyId),
      encodeTlv(0xdf33, ascii("01")),
      encodeTlv(0xdf34, ascii("000000")),
      encodeTlv(0xdf35, randomBytes(16 + 256)),
    ),
  );

  const image: CardImage = {
    format: CARD_IMAGE_FORMAT,
    cardId,
    displayLabel: options.displayLabel ?? "TEST 模擬 太郎",
    issuedAt: now.toISOString(),
    cardExpiresOn: notAfter.toISOString().slice(0, 10),
    jpki: {
      authCertificate: b64(authCertificate.rawData),
      authPrivateKey: await pkcs8(authKeys!.privateKey),
      authCaCertificate: b64(authCa.rawData),
      signCertificate: b64(signCertificate.rawData),
      signPrivateKey: await pkcs8(signKeys!.privateKey),
      signCaCertificate: b64(signCa.rawData),
      authPin: options.authPin ?? "1234",
      signPassword: options.signPassword ?? "ABC123",
    },
    kenkaku: {
      birthDateKey: birthDateKey(birthDate),
      dateOfBirthRecord: b64(dateOfBirthRecord),
      cardInfo: b64(cardInfo),
      cardVerifiableCertificate: b64(cvc),
      cardPrivateKey: await pkcs8(cardKeys!.privateKey),
    },
    counters: {
      authPinRemaining: 3,
      signPasswordRemaining: 5,
      birthDateKeyRemaining: 10,
      ...options.counters,
    },
  };
  return {
    image: cardImageSchema.parse(image),
    kenkakuCaPublicKey: createPublicKey(kenkakuCaPrivateKey),
    signCa,
    authCa,
  };
}

async function rsaKeyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey({ ...RSA, modulusLength: 2048 }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
}

async function selfSignedCa(ou: string, keys: CryptoKeyPair, notBefore: Date, notAfter: Date) {
  return x509.X509CertificateGenerator.createSelfSigned({
    name: `C=JP, O=JPKI-TEST-DEMO, OU=${ou}, OU=TEST CA - NOT J-LIS`,
    keys,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
}

/** `90 03 <e> 91 82 01 00 <n>`: the public-key form inside a 券面 CVC body. */
function publicKeyTlv(privateKey: KeyObject): Uint8Array {
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  const e = Buffer.from(jwk.e!, "base64url");
  const n = Buffer.from(jwk.n!, "base64url");
  return concatBytes(encodeTlv(0x90, e), encodeTlv(0x91, n));
}

async function pkcs8(key: CryptoKey): Promise<string> {
  return Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key)).toString("base64");
}

async function keyObject(key: CryptoKey): Promise<KeyObject> {
  return createPrivateKey({
    key: Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key)),
    format: "der",
    type: "pkcs8",
  });
}

function b64(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString("base64");
}
