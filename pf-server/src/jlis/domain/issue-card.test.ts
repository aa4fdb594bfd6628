import { createPrivateKey, createPublicKey } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import {
  decodeFourInfoSubjectAltName,
  JPKI_POLICY,
  PKIX_OID,
  verifyCardVerifiableCertificate,
  verifyDateOfBirthRecord,
} from "@catv/jpki";
import { cardImageSchema } from "@catv/jpki/card-image";
import { x509 } from "@catv/jpki/x509";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_RESIDENT, startTestService } from "../testing/test-service.ts";
import { isValidMyNumber } from "./decoy-my-number.ts";
import { type IssuedCard, issueCard } from "./issue-card.ts";

let service: Awaited<ReturnType<typeof startTestService>>;
let issued: IssuedCard;
let image: ReturnType<typeof cardImageSchema.parse>;
const cert = (b64: string) => new x509.X509Certificate(Buffer.from(b64, "base64"));

beforeAll(async () => {
  service = await startTestService();
  issued = await issueCard(service.ctx, SAMPLE_RESIDENT);
  image = cardImageSchema.parse(JSON.parse(readFileSync(issued.cardImagePath, "utf8")));
}, 60_000);
afterAll(() => service.dispose());

const policyOids = (c: x509.X509Certificate) =>
  c.getExtension(x509.CertificatePolicyExtension)?.policies ?? [];

describe("issuing a card", { timeout: 60_000 }, () => {
  it("writes a card image that matches the shared format, readable only by its owner (0600)", () => {
    expect(image.cardId).toBe(issued.cardId);
    expect(statSync(issued.cardImagePath).mode & 0o777).toBe(0o600);
    expect(image.counters).toEqual({
      authPinRemaining: 3,
      signPasswordRemaining: 5,
      birthDateKeyRemaining: 10,
    });
    expect(image.jpki.authPin).toBe("5802");
  });

  it("gives the signature certificate the JPKI subject pattern under a JPKI-DEMO issuer", () => {
    const sign = cert(image.jpki.signCertificate);
    expect(sign.issuer).toContain("O=JPKI-DEMO");
    expect(sign.subject).toMatch(/^C=JP, L=富山県, L=南砺市, CN=\d{19}162108$/);
  });

  it("marks the signature certificate's policy critical with 1.2.392.200149.8.5.1.1.20 and KU nonRepudiation", () => {
    const sign = cert(image.jpki.signCertificate);
    expect(policyOids(sign)).toEqual([JPKI_POLICY.signature]);
    expect(sign.getExtension(PKIX_OID.certificatePolicies)?.critical).toBe(true);
    const ku = sign.getExtension(x509.KeyUsagesExtension);
    expect(ku?.critical).toBe(true);
    expect(ku?.usages).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
  });

  it("carries the 4情報 as SAN otherNames that decode back to the resident", () => {
    const sign = cert(image.jpki.signCertificate);
    const san = sign.getExtension(PKIX_OID.subjectAltName);
    expect(decodeFourInfoSubjectAltName(new Uint8Array(san!.value))).toEqual({
      name: "髙橋 美咲",
      nameAlternativeFlags: "10000",
      gender: "2",
      birthDate: "1980-02-17",
      address: "富山県南砺市井波3110番地2",
      addressAlternativeFlags: "0".repeat(15),
    });
  });

  it("gives the user-authentication certificate an opaque CN, clientAuth and no personal data", () => {
    const auth = cert(image.jpki.authCertificate);
    expect(auth.subject).toMatch(/^C=JP, CN=[0-9A-Z]{23}$/);
    expect(auth.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([PKIX_OID.clientAuth]);
    expect(policyOids(auth)).toEqual([JPKI_POLICY.userAuthentication]);
    expect(auth.getExtension(PKIX_OID.subjectAltName)).toBeNull();
    expect(Buffer.from(auth.rawData).includes(Buffer.from("美咲"))).toBe(false);
  });

  it("points both certificates at the CRL and the OCSP responder", () => {
    for (const [b64, type] of [
      [image.jpki.signCertificate, "sign"],
      [image.jpki.authCertificate, "auth"],
    ] as const) {
      const c = cert(b64);
      const aia = c.getExtension(x509.AuthorityInfoAccessExtension);
      expect(aia?.ocsp.map((n) => n.value)).toEqual(["http://127.0.0.1:7010/ocsp"]);
      const crldp = c.getExtension(x509.CRLDistributionPointsExtension);
      expect(JSON.stringify(crldp?.distributionPoints)).toContain(`/crl/${type}.crl`);
    }
  });

  it("ends both certificates on the 5th birthday after issue at 23:59:59 JST", () => {
    const issueYear = new Date().getUTCFullYear();
    const sign = cert(image.jpki.signCertificate);
    const auth = cert(image.jpki.authCertificate);
    expect(sign.notAfter.toISOString()).toMatch(/-02-17T14:59:59\.000Z$/);
    expect(sign.notAfter.getUTCFullYear() - issueYear).toBeGreaterThanOrEqual(4);
    expect(sign.notAfter.getTime()).toBe(auth.notAfter.getTime());
  });

  it("pairs each key with its certificate", () => {
    const sign = cert(image.jpki.signCertificate);
    const key = createPublicKey(
      createPrivateKey({
        key: Buffer.from(image.jpki.signPrivateKey, "base64"),
        format: "der",
        type: "pkcs8",
      }),
    );
    const spki = Buffer.from(key.export({ format: "der", type: "spki" }));
    expect(spki.equals(Buffer.from(sign.publicKey.rawData))).toBe(true);
  });

  it("writes 券面 data a verifier accepts with the published 券面 CA key", () => {
    const trusted = [
      {
        keyId: Buffer.from(service.ctx.cas.kenkaku.keyId).toString("hex"),
        publicKey: createPublicKey({
          key: Buffer.from(service.ctx.cas.kenkaku.publicKeySpki),
          format: "der",
          type: "spki",
        }),
      },
    ];
    const cvc = verifyCardVerifiableCertificate(
      Buffer.from(image.kenkaku.cardVerifiableCertificate, "base64"),
      trusted,
    );
    const record = verifyDateOfBirthRecord(
      Buffer.from(image.kenkaku.dateOfBirthRecord, "base64"),
      cvc.publicKey,
    );
    expect(record.birthDate).toBe("1980-02-17");
    expect(image.kenkaku.birthDateKey).toBe("550217");
  });

  it("keeps a valid decoy 個人番号 in the residents table and nowhere in the card image", () => {
    const db = new Database(`${service.dataDir}/jlis.sqlite`, { readonly: true });
    const { decoy } = db.prepare("SELECT decoy_my_number AS decoy FROM residents").get() as { decoy: string };
    db.close();
    expect(isValidMyNumber(decoy)).toBe(true);
    expect(readFileSync(issued.cardImagePath, "utf8")).not.toContain(decoy);
    expect(JSON.stringify(issued)).not.toContain(decoy);
  });

  it("records the two certificates of the issuance as a pair (証明書紐付け)", async () => {
    const sign = (await service.ctx.repo.findCertificate(issued.resident.certificates.sign!.serialNumber))!;
    expect(sign.pairedSerialNumber).toBe(issued.resident.certificates.auth!.serialNumber);
  });

  it("refuses a town outside the demo municipalities", async () => {
    await expect(issueCard(service.ctx, { ...SAMPLE_RESIDENT, town: "富山市" })).rejects.toMatchObject({
      code: "unknown_town",
    });
  });

  it("refuses a signature password with lower-case letters", async () => {
    await expect(issueCard(service.ctx, { ...SAMPLE_RESIDENT, signPassword: "misaki0217" })).rejects.toThrow(
      /A–Z and 0–9/,
    );
  });
});
