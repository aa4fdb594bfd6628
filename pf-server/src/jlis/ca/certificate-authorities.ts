/**
 * @module The simulator's certificate authorities, created on first run and kept in the J-LIS database (which is
 * mode 0600): the 署名用 and 利用者証明用 CAs, their delegated OCSP responders (re-issued before they expire),
 * and the 券面 CA whose key signs the cards' CVCs.
 */
import type { KeyObject } from "node:crypto";
import { x509 } from "@catv/jpki/x509";
import type { CertificateType, JlisRepository } from "../storage/jlis-repository.ts";
import { buildCaCertificate, buildOcspResponderCertificate, type IssuingCa } from "./certificate-profiles.ts";
import { exportPkcs8, exportSpki, generateRsaKey, importPkcs8 } from "./rsa-keys.ts";

export interface OcspResponder {
  certificate: x509.X509Certificate;
  privateKey: KeyObject;
}

export interface KenkakuCa {
  /** 16-byte key ID named by the CVCs. */
  keyId: Uint8Array;
  privateKey: KeyObject;
  publicKeySpki: Uint8Array;
}

export interface CertificateAuthorities {
  sign: IssuingCa & { ocsp: OcspResponder };
  auth: IssuingCa & { ocsp: OcspResponder };
  kenkaku: KenkakuCa;
}

/**
 * The real production 券面事項確認 CA key ID is `"5000023" 08 05 "001" 00000000` and test cards use `"6000023"`
 * (kenkaku.md §4); the demo uses `"9000023"` so its CVCs can never be confused with either.
 */
export const KENKAKU_DEMO_KEY_ID = Uint8Array.from(
  Buffer.from("9000023\x08\x05001\x00\x00\x00\x00", "latin1"),
);

const RESPONDER_VALIDITY_DAYS = 365;
const RESPONDER_RENEW_BEFORE_MS = 30 * 86_400_000;

async function loadOrCreateCa(repo: JlisRepository, type: CertificateType, now: Date): Promise<IssuingCa> {
  const stored = await repo.findCaKey(type);
  if (stored?.certificateDer) {
    return {
      type,
      certificate: new x509.X509Certificate(stored.certificateDer),
      privateKey: importPkcs8(stored.privateKeyPkcs8),
    };
  }
  const key = await generateRsaKey();
  const certificate = await buildCaCertificate({ type, key, now });
  await repo.saveCaKey({
    name: type,
    privateKeyPkcs8: exportPkcs8(key),
    certificateDer: new Uint8Array(certificate.rawData),
    keyId: null,
    createdAt: now.toISOString(),
  });
  return { type, certificate, privateKey: key };
}

async function loadOrCreateResponder(repo: JlisRepository, ca: IssuingCa, now: Date): Promise<OcspResponder> {
  const name = `${ca.type}-ocsp`;
  const stored = await repo.findCaKey(name);
  if (stored?.certificateDer) {
    const certificate = new x509.X509Certificate(stored.certificateDer);
    if (certificate.notAfter.getTime() - now.getTime() > RESPONDER_RENEW_BEFORE_MS) {
      return { certificate, privateKey: importPkcs8(stored.privateKeyPkcs8) };
    }
  }
  const key = await generateRsaKey();
  const certificate = await buildOcspResponderCertificate({
    ca,
    key,
    now,
    validityDays: RESPONDER_VALIDITY_DAYS,
  });
  await repo.saveCaKey({
    name,
    privateKeyPkcs8: exportPkcs8(key),
    certificateDer: new Uint8Array(certificate.rawData),
    keyId: null,
    createdAt: now.toISOString(),
  });
  return { certificate, privateKey: key };
}

async function loadOrCreateKenkaku(repo: JlisRepository, now: Date): Promise<KenkakuCa> {
  const stored = await repo.findCaKey("kenkaku");
  if (stored?.keyId) {
    const privateKey = importPkcs8(stored.privateKeyPkcs8);
    return {
      keyId: Uint8Array.from(Buffer.from(stored.keyId, "hex")),
      privateKey,
      publicKeySpki: exportSpki(privateKey),
    };
  }
  const privateKey = await generateRsaKey();
  await repo.saveCaKey({
    name: "kenkaku",
    privateKeyPkcs8: exportPkcs8(privateKey),
    certificateDer: null,
    keyId: Buffer.from(KENKAKU_DEMO_KEY_ID).toString("hex"),
    createdAt: now.toISOString(),
  });
  return { keyId: KENKAKU_DEMO_KEY_ID, privateKey, publicKeySpki: exportSpki(privateKey) };
}

/** Loads the CAs, creating whatever is missing (first run) and re-issuing OCSP responders close to expiry. */
export async function ensureCertificateAuthorities(
  repo: JlisRepository,
  now = new Date(),
): Promise<CertificateAuthorities> {
  const sign = await loadOrCreateCa(repo, "sign", now);
  const auth = await loadOrCreateCa(repo, "auth", now);
  return {
    sign: { ...sign, ocsp: await loadOrCreateResponder(repo, sign, now) },
    auth: { ...auth, ocsp: await loadOrCreateResponder(repo, auth, now) },
    kenkaku: await loadOrCreateKenkaku(repo, now),
  };
}
