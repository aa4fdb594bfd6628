/**
 * @module One CRL load: the stream parser, the signature check over the TBSCertList as its bytes go by
 * (node:crypto `Verify`, keyed by the CA whose subject is the CRL's issuer, RFC 5280 §6.3.3 (f)–(g)), the index
 * builder, and the reading of crlExtensions (RFC 5280 §5.2) with @peculiar/asn1-x509. It runs in a worker thread
 * (`crl-load-worker.ts`) for real CRLs, and directly in tests. What it checks here needs only the CRL and the
 * CA; whether the CRL is newer than the one in use, or current, is the checker's decision.
 */
import { createPublicKey, createVerify, type KeyObject, type Verify } from "node:crypto";
import { AsnConvert } from "@peculiar/asn1-schema";
import {
  AlgorithmIdentifier,
  Extensions,
  FreshestCRL,
  id_ce_authorityKeyIdentifier,
  id_ce_cRLNumber,
  id_ce_deltaCRLIndicator,
  id_ce_freshestCRL,
  id_ce_issuerAltName,
} from "@peculiar/asn1-x509";
import { bigintOf, CrlRefusal, readHeader, TAG } from "./crl-der.ts";
import { type CrlEntrySink, CrlStreamParser, type CrlTbsHeader } from "./crl-stream-parser.ts";
import { RevokedSerialIndexBuilder, type RevokedSerialIndexData } from "./revoked-serial-index.ts";

/** A CA that may sign CRLs: its subject Name and public key, both DER. */
export interface CrlAnchor {
  subject: Uint8Array;
  spki: Uint8Array;
}

export interface CrlInfo {
  crlNumber: bigint;
  /** deltaCRLIndicator's BaseCRLNumber: set only on a delta CRL (RFC 5280 §5.2.4). */
  deltaBase: bigint | undefined;
  /** URIs of the freshestCRL extension (where the delta CRLs for this one are published). */
  freshestCrl: string[];
  thisUpdate: number;
  nextUpdate: number;
  /** Entries as listed, before duplicate serials are folded. */
  entryCount: number;
  /** Entries with reason removeFromCRL (8): meaningful only in a delta CRL. */
  removeFromCrlCount: number;
  bytes: number;
}

export interface LoadedCrlData {
  info: CrlInfo;
  index: RevokedSerialIndexData;
}

/** signatureAlgorithm OIDs this PF accepts → node:crypto digest (J-LIS signs sha256WithRSAEncryption). */
const SIGNATURE_DIGESTS: Record<string, string> = {
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
};
const REMOVE_FROM_CRL = 8;
/**
 * Extensions understood besides cRLNumber and deltaCRLIndicator. Any other critical one is refused, among them
 * issuingDistributionPoint: it scopes a CRL, while J-LIS's CRLs each cover a whole CA.
 */
const UNDERSTOOD = new Set([id_ce_authorityKeyIdentifier, id_ce_issuerAltName, id_ce_freshestCRL]);

const equalBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

class CountingSink implements CrlEntrySink {
  removeFromCrl = 0;
  readonly builder = new RevokedSerialIndexBuilder();
  expect(bytes: number) {
    this.builder.expect(bytes);
  }
  add(buf: Uint8Array, start: number, length: number, seconds: number, reason: number) {
    if (reason === REMOVE_FROM_CRL) this.removeFromCrl++;
    this.builder.add(buf, start, length, seconds, reason);
  }
}

export class CrlLoadJob {
  private readonly anchors: { subject: Uint8Array; key: KeyObject }[];
  private readonly sink = new CountingSink();
  private readonly parser: CrlStreamParser;
  private verifiers: { verify: Verify; key: KeyObject }[] = [];
  private tbsAlgorithm: Uint8Array | undefined;

  constructor(anchors: CrlAnchor[]) {
    this.anchors = anchors.map((a) => ({
      subject: a.subject,
      key: createPublicKey({ key: Buffer.from(a.spki), format: "der", type: "spki" }),
    }));
    this.parser = new CrlStreamParser(this.sink, (header) => this.startVerifying(header));
  }

  push(chunk: Uint8Array): void {
    this.parser.push(chunk);
  }

  private startVerifying(header: CrlTbsHeader): (tbs: Uint8Array) => void {
    const candidates = this.anchors.filter((a) => equalBytes(a.subject, header.issuer));
    if (candidates.length === 0)
      throw new CrlRefusal("crl_issuer_unknown", "the CRL's issuer is not the J-LIS CA of this kind");
    const digest = SIGNATURE_DIGESTS[algorithmOid(header.signatureAlgorithm)];
    if (!digest)
      throw new CrlRefusal("crl_signature_algorithm_unsupported", "an unsupported signature algorithm");
    this.tbsAlgorithm = header.signatureAlgorithm;
    this.verifiers = candidates.map((c) => ({ verify: createVerify(digest), key: c.key }));
    return (tbs) => {
      for (const v of this.verifiers) v.verify.update(tbs);
    };
  }

  finish(): LoadedCrlData {
    const { header, trailer } = this.parser.finish();
    if (!this.tbsAlgorithm || !equalBytes(trailer.signatureAlgorithm, this.tbsAlgorithm))
      throw new CrlRefusal(
        "crl_signature_algorithm_mismatch",
        "signatureAlgorithm differs from the TBS signature field (RFC 5280 §5.1.1.2)",
      );
    const signed = this.verifiers.some((v) => {
      try {
        return v.verify.verify(v.key, trailer.signature);
      } catch {
        return false;
      }
    });
    if (!signed)
      throw new CrlRefusal("crl_signature_invalid", "the CRL signature does not verify with the CA key");
    if (header.nextUpdateSeconds === undefined)
      throw new CrlRefusal("crl_next_update_missing", "the CRL has no nextUpdate (RFC 5280 §5.1.2.5)");

    const extensions = readCrlExtensions(trailer.extensions);
    const index = this.sink.builder.build();
    return {
      info: {
        ...extensions,
        thisUpdate: header.thisUpdateSeconds * 1000,
        nextUpdate: header.nextUpdateSeconds * 1000,
        entryCount: trailer.entryCount,
        removeFromCrlCount: this.sink.removeFromCrl,
        bytes: trailer.totalBytes,
      },
      index: index.data,
    };
  }
}

function algorithmOid(der: Uint8Array): string {
  try {
    return AsnConvert.parse(der, AlgorithmIdentifier).algorithm;
  } catch {
    throw new CrlRefusal("crl_der_malformed", "a signature AlgorithmIdentifier does not parse");
  }
}

/** A non-negative INTEGER inside an extension value (CRLNumber, BaseCRLNumber: up to 20 octets). */
function readCrlNumber(value: Uint8Array, what: string): bigint {
  const h = readHeader(value, 0, value.length);
  if (
    !h ||
    h.tag !== TAG.integer ||
    h.headerLength + h.length !== value.length ||
    h.length === 0 ||
    h.length > 21
  )
    throw new CrlRefusal("crl_der_malformed", `${what} is not an INTEGER of at most 20 octets`);
  const content = value.subarray(h.headerLength);
  if ((content[0] as number) & 0x80) throw new CrlRefusal("crl_der_malformed", `${what} is negative`);
  return bigintOf(content);
}

function readCrlExtensions(
  der: Uint8Array | undefined,
): Pick<CrlInfo, "crlNumber" | "deltaBase" | "freshestCrl"> {
  if (!der) throw new CrlRefusal("crl_number_missing", "the CRL has no extensions, so no CRL number");
  let extensions: Extensions;
  try {
    extensions = AsnConvert.parse(der, Extensions);
  } catch {
    throw new CrlRefusal("crl_der_malformed", "crlExtensions do not parse");
  }
  const seen = new Set<string>();
  let crlNumber: bigint | undefined;
  let deltaBase: bigint | undefined;
  let freshestCrl: string[] = [];
  for (const extension of extensions) {
    if (seen.has(extension.extnID))
      throw new CrlRefusal("crl_der_malformed", "an extension appears twice (RFC 5280 §4.2)");
    seen.add(extension.extnID);
    const value = new Uint8Array(extension.extnValue.buffer);
    if (extension.extnID === id_ce_cRLNumber) {
      crlNumber = readCrlNumber(value, "cRLNumber");
    } else if (extension.extnID === id_ce_deltaCRLIndicator) {
      if (!extension.critical)
        throw new CrlRefusal("crl_der_malformed", "deltaCRLIndicator must be critical (RFC 5280 §5.2.4)");
      deltaBase = readCrlNumber(value, "BaseCRLNumber");
    } else if (extension.extnID === id_ce_freshestCRL) {
      try {
        freshestCrl = AsnConvert.parse(value, FreshestCRL).flatMap((point) =>
          (point.distributionPoint?.fullName ?? []).flatMap((name) =>
            name.uniformResourceIdentifier ? [name.uniformResourceIdentifier] : [],
          ),
        );
      } catch {
        throw new CrlRefusal("crl_der_malformed", "freshestCRL does not parse");
      }
    } else if (extension.critical && !UNDERSTOOD.has(extension.extnID)) {
      throw new CrlRefusal(
        "crl_unsupported_critical_extension",
        "the CRL has a critical extension this PF does not process",
      );
    }
  }
  if (crlNumber === undefined)
    throw new CrlRefusal("crl_number_missing", "the CRL has no cRLNumber (RFC 5280 §5.2.3)");
  return { crlNumber, deltaBase, freshestCrl };
}
