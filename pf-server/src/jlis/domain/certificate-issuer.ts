/**
 * @module Issuing the pieces of a card: a 署名用 or 利用者証明用 certificate with its fresh key, and the
 * 券面事項確認AP data (生年月日 key, signed date-of-birth record, card info, CVC, card key). Storage is left to
 * the use cases, which record serials and linkage in one transaction.
 */

import { createHash, createPublicKey, type KeyObject, randomBytes } from "node:crypto";
import { jstWallClock } from "@catv/contracts/calendar";
import type { FourInfo } from "@catv/jpki";
import {
  birthDateKey,
  buildCardVerifiableCertificate,
  buildDateOfBirthRecord,
  concatBytes,
  encodeTlv,
} from "@catv/jpki";
import type { CardImage } from "@catv/jpki/card-image";
import {
  buildSignatureCertificate,
  buildUserAuthenticationCertificate,
  newSerialHex,
} from "../ca/certificate-profiles.ts";
import { exportPkcs8, exportSpki, generateRsaKey } from "../ca/rsa-keys.ts";
import type { CertificateRecord, CertificateType, ResidentRecord } from "../storage/jlis-repository.ts";
import { findDemoTown } from "./demo-towns.ts";
import type { JlisContext } from "./jlis-context.ts";
import { certificateNotAfter } from "./validity.ts";

export interface IssuedCertificate {
  record: CertificateRecord;
  privateKey: KeyObject;
  der: Uint8Array;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Opaque 23-character CN of a 利用者証明用 certificate (like the test card's `997794E9AGCIEG13221003A`). */
function opaqueCommonName(): string {
  return Array.from(randomBytes(23), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("");
}

/** `<request time YYYYMMDDhhmmss JST><5-digit sequence><office code>`, the 署名用 CN pattern (jpki.md §6). */
function signatureCommonName(now: Date, sequence: number, municipalityCode: string): string {
  const jst = jstWallClock(now).toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `${jst}${String(sequence % 100_000).padStart(5, "0")}${municipalityCode}`;
}

export const fourInfoOf = (resident: ResidentRecord): FourInfo => ({
  name: resident.name,
  nameAlternativeFlags: resident.nameAlternativeFlags,
  gender: resident.gender,
  birthDate: resident.birthDate,
  address: resident.address,
  addressAlternativeFlags: resident.addressAlternativeFlags,
});

function record(
  type: CertificateType,
  resident: ResidentRecord,
  serialNumber: string,
  der: Uint8Array,
  notBefore: Date,
  notAfter: Date,
): CertificateRecord {
  return {
    serialNumber,
    certificateType: type,
    residentId: resident.id,
    cardId: resident.cardId,
    der,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    issuedAt: notBefore.toISOString(),
    revokedAt: null,
    revocationReason: null,
    pairedSerialNumber: null,
    supersedesSerialNumber: null,
    supersededBySerialNumber: null,
  };
}

export async function issueSignatureCertificate(
  ctx: JlisContext,
  resident: ResidentRecord,
): Promise<IssuedCertificate> {
  const now = ctx.now();
  const town = findDemoTown(resident.town);
  const privateKey = await generateRsaKey();
  const serialNumber = newSerialHex();
  const notAfter = certificateNotAfter(resident.birthDate, now, resident.cardExpiresOn);
  const certificate = await buildSignatureCertificate({
    ca: ctx.cas.sign,
    subjectKey: privateKey,
    serialNumber,
    notBefore: now,
    notAfter,
    publicUrl: ctx.publicUrl,
    fourInfo: fourInfoOf(resident),
    prefecture: resident.prefecture,
    city: resident.town,
    commonName: signatureCommonName(
      now,
      (await ctx.repo.countCertificates()) + 1,
      town?.municipalityCode ?? "000000",
    ),
  });
  const der = new Uint8Array(certificate.rawData);
  return { record: record("sign", resident, serialNumber, der, now, notAfter), privateKey, der };
}

export async function issueUserAuthenticationCertificate(
  ctx: JlisContext,
  resident: ResidentRecord,
): Promise<IssuedCertificate> {
  const now = ctx.now();
  const privateKey = await generateRsaKey();
  const serialNumber = newSerialHex();
  const notAfter = certificateNotAfter(resident.birthDate, now, resident.cardExpiresOn);
  const certificate = await buildUserAuthenticationCertificate({
    ca: ctx.cas.auth,
    subjectKey: privateKey,
    serialNumber,
    notBefore: now,
    notAfter,
    publicUrl: ctx.publicUrl,
    commonName: opaqueCommonName(),
  });
  const der = new Uint8Array(certificate.rawData);
  return { record: record("auth", resident, serialNumber, der, now, notAfter), privateKey, der };
}

/**
 * The 券面事項確認AP contents (kenkaku.md §2, §4): a fresh card key certified by the 券面 CA's CVC, the
 * date-of-birth record signed with that key, the 和暦 生年月日 key, and the free-to-read card info FF30.
 */
export async function issueKenkakuData(
  ctx: JlisContext,
  resident: ResidentRecord,
): Promise<CardImage["kenkaku"]> {
  const cardKey = await generateRsaKey();
  const cardPublicKey = createPublicKey(cardKey);
  // The card's key ID: the first 16 bytes of SHA-256 over its SPKI, unique per card like the real ones.
  const subjectKeyId = createHash("sha256").update(exportSpki(cardKey)).digest().subarray(0, 16);
  const cvc = buildCardVerifiableCertificate({
    issuerKeyId: ctx.cas.kenkaku.keyId,
    subjectKeyId,
    subjectPublicKey: cardPublicKey,
    issuerPrivateKey: ctx.cas.kenkaku.privateKey,
  });
  const record = buildDateOfBirthRecord({
    birthDate: resident.birthDate,
    cardPublicKey,
    signingKey: cardKey,
  });
  const ascii = (text: string) => new TextEncoder().encode(text);
  const cardInfo = encodeTlv(
    0xff30,
    concatBytes(
      encodeTlv(0xdf31, ascii(resident.cardId)),
      encodeTlv(0xdf32, subjectKeyId),
      encodeTlv(0xdf33, ascii("01")),
      encodeTlv(0xdf34, ascii(findDemoTown(resident.town)?.municipalityCode ?? "000000")),
      // 16 + 256 opaque bytes whose meaning is unknown (kenkaku.md §7); random here.
      encodeTlv(0xdf35, randomBytes(272)),
    ),
  );
  return {
    birthDateKey: birthDateKey(resident.birthDate),
    dateOfBirthRecord: b64(record),
    cardInfo: b64(cardInfo),
    cardVerifiableCertificate: b64(cvc),
    cardPrivateKey: b64(exportPkcs8(cardKey)),
  };
}

export const pkcs8Base64 = (key: KeyObject) => b64(exportPkcs8(key));
export const derBase64 = b64;
