/**
 * @module A card for tests that talk to the PF's reception API without a reader: fresh RSA keys, a
 * user-authentication and a signature certificate (self-signed test CAs, no 4情報), the 券面事項確認AP's CVC and
 * signed date-of-birth record (`@catv/jpki`'s codecs, the ones the PF reads them with), and the card's answers —
 * the PIN signature, the registration signature with its card-binding proof, the PIN-less proof — computed as the
 * card computes them (PKCS#1 v1.5 over DigestInfo(SHA-256)). Tests that need the whole reader path use the
 * firmware bridge's emulated card instead.
 */
import { generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { buildCardVerifiableCertificate, buildDateOfBirthRecord } from "@catv/jpki";
import { x509 } from "@catv/jpki/x509";
import type { DoubleCard } from "./reception-pf-double.ts";

export interface TestCardAnswers {
  card: DoubleCard;
  signatureCertificate: string;
  /** The 券面 CA key that signed the CVC (give it to the double as trusted, or not, for a forged card). */
  kenkakuCaPublicKey: KeyObject;
  /** The user-authentication key's signature over `toBeSigned` (after the PIN). */
  signWithAuthenticationKey(toBeSigned: Uint8Array): string;
  /** The signature key's signature over `toBeSigned` (after the 署名用パスワード). */
  signWithSignatureKey(toBeSigned: Uint8Array): string;
  /** The 券面 key's signature (`80 2A 00 00`), over a challenge or a `toBeSigned`. */
  signWithCardKey(data: Uint8Array): string;
  /** EF 0001, base64. */
  dateOfBirthRecord: string;
}

const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
const b64 = (bytes: ArrayBuffer | Uint8Array) =>
  Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString("base64");

async function certificate(subject: string, keys: ReturnType<typeof rsa>, notBefore: Date, notAfter: Date) {
  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const cryptoKeys = {
    privateKey: await crypto.subtle.importKey(
      "pkcs8",
      keys.privateKey.export({ format: "der", type: "pkcs8" }),
      algorithm,
      false,
      ["sign"],
    ),
    publicKey: await crypto.subtle.importKey(
      "spki",
      keys.publicKey.export({ format: "der", type: "spki" }),
      algorithm,
      true,
      ["verify"],
    ),
  };
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString("hex"),
    name: subject,
    keys: cryptoKeys,
    signingAlgorithm: algorithm,
    notBefore,
    notAfter,
  });
  return b64(cert.rawData);
}

/**
 * @example const taro = await makeTestCardAnswers({ birthDate: "1958-04-01" });
 *          pf.addPerson({ card: taro.card, registrations: [...] });
 */
export async function makeTestCardAnswers(
  options: { birthDate?: string; validUntil?: Date } = {},
): Promise<TestCardAnswers> {
  const birthDate = options.birthDate ?? "1980-02-17";
  const now = new Date();
  const notAfter = options.validUntil ?? new Date(now.getTime() + 5 * 365 * 24 * 3600 * 1000);
  const notBefore = notAfter < now ? new Date(notAfter.getTime() - 365 * 24 * 3600 * 1000) : now;
  const [authKeys, signKeys, cardKeys, kenkakuCa] = [rsa(), rsa(), rsa(), rsa()];
  const cvc = buildCardVerifiableCertificate({
    issuerKeyId: new Uint8Array(16),
    subjectKeyId: new Uint8Array(randomBytes(16)),
    subjectPublicKey: cardKeys.publicKey,
    issuerPrivateKey: kenkakuCa.privateKey,
  });
  const record = buildDateOfBirthRecord({
    birthDate,
    cardPublicKey: cardKeys.publicKey,
    signingKey: cardKeys.privateKey,
  });
  const signer = (key: KeyObject) => (data: Uint8Array) => b64(sign("sha256", data, key));
  return {
    card: {
      authenticationCertificate: await certificate(
        `CN=TEST${randomBytes(6).toString("hex").toUpperCase()}, C=JP`,
        authKeys,
        notBefore,
        notAfter,
      ),
      cardVerifiableCertificate: b64(cvc),
      birthDate,
    },
    signatureCertificate: await certificate("CN=TEST SIGNATURE, C=JP", signKeys, notBefore, notAfter),
    kenkakuCaPublicKey: kenkakuCa.publicKey,
    signWithAuthenticationKey: signer(authKeys.privateKey),
    signWithSignatureKey: signer(signKeys.privateKey),
    signWithCardKey: signer(cardKeys.privateKey),
    dateOfBirthRecord: b64(record),
  };
}
