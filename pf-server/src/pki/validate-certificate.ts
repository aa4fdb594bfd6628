/**
 * @module Certificate validation for JPKI certificates, as small named steps in the order RFC 5280 §6 and the
 * JPKI profile state them: parse → chain to the J-LIS CA for the purpose → validity period → key usage →
 * certificate policy. Revocation is the next step, in `domain/check-revocation.ts`, because it is metered and
 * follows the operator's policy. Every failure is its own error code.
 */
import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { isCanonicalBase64 } from "@catv/contracts";
import { JPKI_POLICY, PKIX_OID } from "@catv/jpki";
import { x509 } from "@catv/jpki/x509";
import { fail } from "../platform/errors.ts";
import type { CertificateKind } from "../storage/repositories.ts";
import { isExactDer } from "./exact-der.ts";
import type { TrustAnchors } from "./trust-anchors.ts";

export interface ValidatedCertificate {
  certificate: x509.X509Certificate;
  issuer: x509.X509Certificate;
  kind: CertificateKind;
  /** Lower-case hex without leading zeros: the linkage key inside the PF only. Never logged. */
  serialHex: string;
  publicKey: KeyObject;
  notAfter: Date;
}

export function normalizeSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, "");
}

/**
 * Step 1: canonical base64 of exact DER → certificate; `base64_not_canonical`, `certificate_not_der` or
 * `certificate_malformed`. One certificate has one accepted spelling, so it has one entry in the cache below.
 */
export function parseCertificate(base64Der: string): x509.X509Certificate {
  if (!isCanonicalBase64(base64Der)) throw fail("base64_not_canonical");
  const der = Buffer.from(base64Der, "base64");
  let certificate: x509.X509Certificate;
  try {
    if (der.length < 64) throw new Error("too short");
    certificate = new x509.X509Certificate(der);
  } catch {
    throw fail("certificate_malformed", "The certificate is not a DER X.509 certificate.");
  }
  if (!isExactDer(der)) throw fail("certificate_not_der");
  return certificate;
}

async function issuedBy(certificate: x509.X509Certificate, ca: x509.X509Certificate): Promise<boolean> {
  if (certificate.issuer !== ca.subject) return false;
  try {
    return await certificate.verify({ publicKey: ca.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}

/**
 * Step 2: the certificate must be signed by the J-LIS CA for its purpose. A certificate signed by the other
 * purpose's CA is the wrong type (a signature certificate offered for login, say), not an unknown issuer.
 */
export async function checkChain(
  certificate: x509.X509Certificate,
  kind: CertificateKind,
  anchors: TrustAnchors,
) {
  for (const ca of anchors[kind]) if (await issuedBy(certificate, ca)) return ca;
  const other = kind === "sign" ? anchors.auth : anchors.sign;
  for (const ca of other) {
    if (await issuedBy(certificate, ca)) {
      throw fail(
        "certificate_wrong_type",
        `A ${kind === "sign" ? "signature" : "user-authentication"} certificate is needed here.`,
      );
    }
  }
  throw fail("certificate_unknown_issuer");
}

/** Step 3: RFC 5280 §4.1.2.5 validity period. */
export function checkValidityPeriod(certificate: x509.X509Certificate, now: Date) {
  if (now < certificate.notBefore) throw fail("certificate_not_yet_valid");
  if (now > certificate.notAfter) throw fail("certificate_expired");
}

/**
 * Step 4: key usage for the purpose: the signature certificate carries nonRepudiation (electronic signature
 * under 公的個人認証法), the user-authentication certificate digitalSignature with EKU clientAuth.
 */
export function checkKeyUsage(certificate: x509.X509Certificate, kind: CertificateKind) {
  const ku = certificate.getExtension(x509.KeyUsagesExtension);
  if (!ku) throw fail("certificate_wrong_type", "The certificate has no key usage.");
  if (kind === "sign" && !(ku.usages & x509.KeyUsageFlags.nonRepudiation)) {
    throw fail("certificate_wrong_type", "A signature certificate (nonRepudiation) is needed here.");
  }
  if (kind === "auth") {
    const eku = certificate.getExtension(x509.ExtendedKeyUsageExtension);
    const clientAuth = eku?.usages.map(String).includes(PKIX_OID.clientAuth) ?? false;
    if (!(ku.usages & x509.KeyUsageFlags.digitalSignature) || !clientAuth) {
      throw fail("certificate_wrong_type", "A user-authentication certificate (clientAuth) is needed here.");
    }
  }
}

/** Step 5: the JPKI certificate policy OID of the purpose (jpki.md §6). */
export function checkPolicy(certificate: x509.X509Certificate, kind: CertificateKind) {
  const policies = certificate.getExtension(x509.CertificatePolicyExtension)?.policies ?? [];
  const expected = kind === "sign" ? JPKI_POLICY.signature : JPKI_POLICY.userAuthentication;
  if (!policies.includes(expected)) {
    throw fail("certificate_wrong_type", "The certificate policy is not the JPKI policy for this purpose.");
  }
}

/**
 * Steps 1, 2, 4 and 5 depend only on the certificate's bytes and the trust anchors, so their outcome is cached
 * per DER digest (per anchor set: new anchors start a new cache); the validity period is checked on every call,
 * and revocation is checked by the caller on every call. A TV login re-presents the same certificate each time.
 */
const staticChecks = new WeakMap<TrustAnchors, Map<string, ValidatedCertificate>>();
const MAX_CACHED = 20_000;

export async function validateCertificate(
  base64Der: string,
  kind: CertificateKind,
  anchors: TrustAnchors,
  now: Date,
): Promise<ValidatedCertificate> {
  let cache = staticChecks.get(anchors);
  if (!cache) {
    cache = new Map();
    staticChecks.set(anchors, cache);
  }
  const key = `${kind}:${createHash("sha256").update(base64Der).digest("base64")}`;
  let checked = cache.get(key);
  if (!checked) {
    const certificate = parseCertificate(base64Der);
    const issuer = await checkChain(certificate, kind, anchors);
    checkKeyUsage(certificate, kind);
    checkPolicy(certificate, kind);
    checked = {
      certificate,
      issuer,
      kind,
      serialHex: normalizeSerial(certificate.serialNumber),
      publicKey: createPublicKey({
        key: Buffer.from(certificate.publicKey.rawData),
        format: "der",
        type: "spki",
      }),
      notAfter: certificate.notAfter,
    };
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, checked);
  }
  checkValidityPeriod(checked.certificate, now);
  return checked;
}
