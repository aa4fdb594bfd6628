/**
 * @module CRLs for tests, made by other implementations than the parser under test: @peculiar/x509's generator
 * and the openssl command line (`openssl ca -gencrl` over an index file), each with its own CA.
 */
import { execFileSync } from "node:child_process";
import { webcrypto } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { x509 } from "@catv/jpki/x509";
import { AsnConvert } from "@peculiar/asn1-schema";
import { DistributionPoint, DistributionPointName, FreshestCRL, GeneralName } from "@peculiar/asn1-x509";
import * as asn1js from "asn1js";
import type { CrlAnchor } from "../crl-load-job.ts";
import { crlAnchorOf } from "../crl-loader.ts";

const RSA_SHA256 = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

export interface TestCa {
  certificate: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
  anchor: CrlAnchor;
}

export async function createTestCa(name = "C=JP, O=JPKI-TEST, OU=CRL test CA"): Promise<TestCa> {
  const keys = (await webcrypto.subtle.generateKey(RSA_SHA256, true, [
    "sign",
    "verify",
  ])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name,
    notBefore: new Date("2020-01-01T00:00:00Z"),
    notAfter: new Date("2040-01-01T00:00:00Z"),
    keys,
    signingAlgorithm: RSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return {
    certificate,
    keys,
    anchor: crlAnchorOf(new Uint8Array(certificate.rawData), new Uint8Array(certificate.publicKey.rawData)),
  };
}

export interface PeculiarCrlOptions {
  crlNumber: number;
  entries?: x509.X509CrlEntryParams[];
  thisUpdate?: Date;
  nextUpdate?: Date;
  /** Makes it a delta CRL on this base (deltaCRLIndicator). */
  deltaBase?: number;
  extensions?: x509.Extension[];
  /** Sign with this key instead of the CA's (same issuer name). */
  signingKey?: webcrypto.CryptoKey;
  /** A freshestCRL pointer (RFC 5280 §5.2.6) to this delta CRL URL. */
  freshest?: string;
}

const integerValue = (value: number) => new asn1js.Integer({ value }).toBER();

export async function peculiarCrl(ca: TestCa, options: PeculiarCrlOptions): Promise<Uint8Array> {
  const thisUpdate = options.thisUpdate ?? new Date(Date.now() - 60_000);
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.certificate.subjectName,
    thisUpdate,
    nextUpdate: options.nextUpdate ?? new Date(thisUpdate.getTime() + 3600_000),
    entries: options.entries ?? [],
    signingAlgorithm: RSA_SHA256,
    signingKey: options.signingKey ?? ca.keys.privateKey,
    extensions: [
      new x509.Extension("2.5.29.20", false, integerValue(options.crlNumber)),
      ...(options.deltaBase === undefined
        ? []
        : [new x509.Extension("2.5.29.27", true, integerValue(options.deltaBase))]),
      ...(options.freshest === undefined
        ? []
        : [
            new x509.Extension(
              "2.5.29.46",
              false,
              AsnConvert.serialize(
                new FreshestCRL([
                  new DistributionPoint({
                    distributionPoint: new DistributionPointName({
                      fullName: [new GeneralName({ uniformResourceIdentifier: options.freshest })],
                    }),
                  }),
                ]),
              ),
            ),
          ]),
      ...(options.extensions ?? []),
    ],
  });
  return new Uint8Array(crl.rawData);
}

export const openssl = (args: string[], cwd?: string) =>
  execFileSync("openssl", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

export interface OpensslCa {
  dir: string;
  anchor: CrlAnchor;
  certificatePath: string;
  /**
   * `openssl ca -gencrl` over these index.txt rows, as DER. A row is (serial hex, revocation field), the field
   * being `YYMMDDHHMMSSZ[,reason[,extra]]` as openssl keeps it.
   */
  crl(rows: [serial: string, revoked: string][], crlNumberHex?: string): Uint8Array;
}

/** A CA made by openssl itself (`openssl req -x509`), with the minimal `openssl ca` configuration to issue CRLs. */
export function createOpensslCa(): OpensslCa {
  const dir = mkdtempSync(join(tmpdir(), "crl-openssl-"));
  openssl(
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "30",
      "-subj",
      "/C=JP/O=JPKI-TEST/OU=openssl CRL test CA",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
  writeFileSync(
    join(dir, "ca.cnf"),
    [
      "[ca]",
      "default_ca = CA_default",
      "[CA_default]",
      "database = index.txt",
      "crlnumber = crlnumber",
      "default_md = sha256",
      "default_crl_days = 1",
      "crl_extensions = crl_ext",
      "[crl_ext]",
      "authorityKeyIdentifier = keyid:always",
      "",
    ].join("\n"),
  );
  openssl(["x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der"], dir);
  openssl(["x509", "-in", "ca.pem", "-pubkey", "-noout", "-out", "ca.pub.pem"], dir);
  openssl(["pkey", "-pubin", "-in", "ca.pub.pem", "-outform", "DER", "-out", "ca.spki"], dir);
  const anchor = crlAnchorOf(
    new Uint8Array(readFileSync(join(dir, "ca.der"))),
    new Uint8Array(readFileSync(join(dir, "ca.spki"))),
  );
  return {
    dir,
    anchor,
    certificatePath: join(dir, "ca.pem"),
    crl(rows, crlNumberHex = "1000") {
      const index = rows.map(
        ([serial, revoked]) => `R\t391231235959Z\t${revoked}\t${serial.toUpperCase()}\tunknown\t/CN=test\n`,
      );
      writeFileSync(join(dir, "index.txt"), index.join(""));
      writeFileSync(join(dir, "crlnumber"), `${crlNumberHex}\n`);
      openssl(
        ["ca", "-gencrl", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-out", "crl.pem"],
        dir,
      );
      openssl(["crl", "-in", "crl.pem", "-outform", "DER", "-out", "crl.der"], dir);
      return new Uint8Array(readFileSync(join(dir, "crl.der")));
    },
  };
}
