/**
 * @module The certificate profiles of the simulated JPKI, modelled on jpki.md §6 with `O=JPKI-DEMO` so nobody
 * mistakes them for J-LIS: the two CA roots, their delegated OCSP responders, and the two end-entity
 * certificates (署名用 with the 4情報, 利用者証明用 with an opaque CN and no personal data).
 */
import { type KeyObject, randomBytes } from "node:crypto";
import { encodeFourInfoSubjectAltName, type FourInfo, JPKI_POLICY, PKIX_OID } from "@catv/jpki";
import { x509 } from "@catv/jpki/x509";
import * as asn1js from "asn1js";
import type { CertificateType } from "../storage/jlis-repository.ts";
import { RSA_SHA256, toSigningKey, toVerifyingKey } from "./rsa-keys.ts";

export interface IssuingCa {
  type: CertificateType;
  certificate: x509.X509Certificate;
  privateKey: KeyObject;
}

const CA_UNIT: Record<CertificateType, string> = {
  sign: "JPKI-DEMO for digital signature",
  auth: "JPKI-DEMO for user authentication",
};

/** Real DN pattern `C=JP, O=JPKI, OU=<purpose>, OU=<agency>` with C Printable and the rest UTF8 (jpki.md §6). */
export function caName(type: CertificateType): x509.Name {
  return new x509.Name([
    { C: [{ printableString: "JP" }] },
    { O: [{ utf8String: "JPKI-DEMO" }] },
    { OU: [{ utf8String: CA_UNIT[type] }] },
    { OU: [{ utf8String: "CATV demo simulator of J-LIS (not J-LIS)" }] },
  ]);
}

/** A positive 16-byte serial with a non-zero first byte, so its hex form has no leading zeros. */
export function newSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString("hex");
}

/** certificatePolicies with one policy and its CPS qualifier (RFC 5280 §4.2.1.4). */
function certificatePolicies(policyOid: string, cpsUrl: string, critical: boolean): x509.Extension {
  const value = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: policyOid }),
          new asn1js.Sequence({
            value: [
              new asn1js.Sequence({
                value: [
                  new asn1js.ObjectIdentifier({ value: PKIX_OID.cpsQualifier }),
                  new asn1js.IA5String({ value: cpsUrl }),
                ],
              }),
            ],
          }),
        ],
      }),
    ],
  });
  return new x509.Extension(PKIX_OID.certificatePolicies, critical, value.toBER());
}

const revocationPointers = (type: CertificateType, publicUrl: string) => [
  new x509.CRLDistributionPointsExtension([`${publicUrl}/crl/${type}.crl`]),
  new x509.AuthorityInfoAccessExtension({
    ocsp: [`${publicUrl}/ocsp`],
    caIssuers: [`${publicUrl}/ca/${type}.der`],
  }),
];

/** Self-signed root of one JPKI CA: KU critical certSign+cRLSign, BC critical CA, SAN dirName (jpki.md §6). */
export async function buildCaCertificate(input: {
  type: CertificateType;
  key: KeyObject;
  now: Date;
}): Promise<x509.X509Certificate> {
  const name = caName(input.type);
  const notAfter = new Date(input.now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  return x509.X509CertificateGenerator.create({
    serialNumber: newSerialHex(),
    subject: name,
    issuer: name,
    notBefore: input.now,
    notAfter,
    signingAlgorithm: RSA_SHA256,
    publicKey: toVerifyingKey(input.key),
    signingKey: toSigningKey(input.key),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.SubjectAlternativeNameExtension([{ type: "dn", value: "C=JP, O=公的個人認証サービス(模擬)" }]),
      await x509.SubjectKeyIdentifierExtension.create(toVerifyingKey(input.key)),
    ],
  });
}

async function endEntityCommon(ca: IssuingCa, subjectKey: KeyObject) {
  return [
    await x509.AuthorityKeyIdentifierExtension.create(toVerifyingKey(ca.privateKey)),
    await x509.SubjectKeyIdentifierExtension.create(toVerifyingKey(subjectKey)),
  ];
}

/**
 * Delegated OCSP responder of one CA (RFC 6960 §4.2.2.2): EKU id-kp-OCSPSigning, and id-pkix-ocsp-nocheck so
 * clients need not check the responder's own revocation.
 */
export async function buildOcspResponderCertificate(input: {
  ca: IssuingCa;
  key: KeyObject;
  now: Date;
  validityDays: number;
}): Promise<x509.X509Certificate> {
  const notAfter = new Date(input.now.getTime() + input.validityDays * 86_400_000);
  return x509.X509CertificateGenerator.create({
    serialNumber: newSerialHex(),
    subject: new x509.Name([
      { C: [{ printableString: "JP" }] },
      { O: [{ utf8String: "JPKI-DEMO" }] },
      { OU: [{ utf8String: CA_UNIT[input.ca.type] }] },
      { CN: [{ utf8String: "OCSP Responder" }] },
    ]),
    issuer: input.ca.certificate.subjectName,
    notBefore: input.now,
    notAfter,
    signingAlgorithm: RSA_SHA256,
    publicKey: toVerifyingKey(input.key),
    signingKey: toSigningKey(input.ca.privateKey),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([PKIX_OID.ocspSigning], false),
      new x509.Extension(PKIX_OID.ocspNoCheck, false, new asn1js.Null().toBER()),
      ...(await endEntityCommon(input.ca, input.key)),
    ],
  });
}

export interface EndEntityInput {
  ca: IssuingCa;
  subjectKey: KeyObject;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  publicUrl: string;
}

/**
 * 署名用電子証明書: subject `C=JP, L=<prefecture>, L=<city>, CN=<request time + sequence + office code>`,
 * critical policy 1.2.392.200149.8.5.1.1.20 with CPS, KU digitalSignature+nonRepudiation, the 4情報 as SAN
 * otherNames, CRLDP and AIA→OCSP (jpki.md §6).
 */
export async function buildSignatureCertificate(
  input: EndEntityInput & { fourInfo: FourInfo; prefecture: string; city: string; commonName: string },
): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    serialNumber: input.serialNumber,
    subject: new x509.Name([
      { C: [{ printableString: "JP" }] },
      { L: [{ utf8String: input.prefecture }] },
      { L: [{ utf8String: input.city }] },
      { CN: [{ utf8String: input.commonName }] },
    ]),
    issuer: input.ca.certificate.subjectName,
    notBefore: input.notBefore,
    notAfter: input.notAfter,
    signingAlgorithm: RSA_SHA256,
    publicKey: toVerifyingKey(input.subjectKey),
    signingKey: toSigningKey(input.ca.privateKey),
    extensions: [
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      certificatePolicies(JPKI_POLICY.signature, `${input.publicUrl}/cps`, true),
      new x509.Extension(PKIX_OID.subjectAltName, false, encodeFourInfoSubjectAltName(input.fourInfo)),
      ...revocationPointers("sign", input.publicUrl),
      ...(await endEntityCommon(input.ca, input.subjectKey)),
    ],
  });
}

/**
 * 利用者証明用電子証明書: subject `C=JP, CN=<opaque id>` and nothing personal, policy 1.2.392.200149.8.5.1.3.30,
 * KU digitalSignature, EKU clientAuth, CRLDP and AIA→OCSP (jpki.md §6).
 */
export async function buildUserAuthenticationCertificate(
  input: EndEntityInput & { commonName: string },
): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    serialNumber: input.serialNumber,
    subject: new x509.Name([
      { C: [{ printableString: "JP" }] },
      { CN: [{ printableString: input.commonName }] },
    ]),
    issuer: input.ca.certificate.subjectName,
    notBefore: input.notBefore,
    notAfter: input.notAfter,
    signingAlgorithm: RSA_SHA256,
    publicKey: toVerifyingKey(input.subjectKey),
    signingKey: toSigningKey(input.ca.privateKey),
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([PKIX_OID.clientAuth], false),
      certificatePolicies(JPKI_POLICY.userAuthentication, `${input.publicUrl}/cps`, false),
      ...revocationPointers("auth", input.publicUrl),
      ...(await endEntityCommon(input.ca, input.subjectKey)),
    ],
  });
}
