/**
 * @module Encodes and signs a CRL (RFC 5280 §5.1) as a stream of DER chunks without building it in memory: the
 * entries' total size is added up first (each entry's size follows from its serial, date and reason), so every
 * length is known before the first byte; then the TBSCertList is written straight into 256 KiB chunks, each fed
 * to a node:crypto `Sign` as it is handed out, and the signature closes the stream. Deterministic (the entries
 * come from the database and a seeded generator, and RSASSA-PKCS1-v1_5 signatures are deterministic), so the
 * same CRL can be encoded again on the next request instead of stored.
 */
import { createSign, type KeyObject } from "node:crypto";
import {
  encodeTime,
  header,
  integerContent,
  lengthOfLength,
  TAG,
  timeTlvLength,
  tlv,
  writeHeader,
  writeTime,
} from "../../revocation/crl-der.ts";
import {
  SYNTHETIC_SERIAL_OCTETS,
  type SyntheticPopulation,
  SyntheticRevocationCursor,
} from "../domain/synthetic-revocations.ts";
import type { CertificateType } from "../storage/jlis-repository.ts";

export interface CrlEntryToEncode {
  /** Unsigned big-endian serial octets. */
  serial: Uint8Array;
  revokedAtSeconds: number;
  /** CRLReason code; 0 (unspecified) is left out, as RFC 5280 §5.3.1 asks. */
  reason: number;
}

export interface CrlToEncode {
  /** The CA's subject Name, DER, exactly as in its certificate. */
  issuer: Uint8Array;
  signingKey: KeyObject;
  thisUpdate: Date;
  nextUpdate: Date;
  /** The crlExtensions' Extensions SEQUENCE, DER. */
  extensions: Uint8Array;
  entries: CrlEntryToEncode[];
  /** Synthetic entries, listed before `entries`. */
  synthetic?: { type: CertificateType; population: SyntheticPopulation };
}

export interface EncodedCrl {
  byteLength: number;
  chunks(): AsyncGenerator<Uint8Array>;
}

/** AlgorithmIdentifier sha256WithRSAEncryption with NULL parameters (RFC 4055 §5): J-LIS's CRL signature. */
const SHA256_WITH_RSA = Uint8Array.from([
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
]);
/** crlEntryExtensions holding reasonCode alone: 30 0C 30 0A 06 03 55 1D 15 04 03 0A 01 <reason>. */
const REASON_EXTENSION = Uint8Array.from([
  0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01,
]);
const REASON_EXTENSION_LENGTH = REASON_EXTENSION.length + 1;
const CHUNK_BYTES = 256 * 1024;
/** Room left in a chunk for one more entry: a 21-octet INTEGER, a GeneralizedTime and a reason fit in 64. */
const ENTRY_ROOM = 64;

const entryContentLength = (integerLength: number, seconds: number, reason: number) =>
  2 + integerLength + timeTlvLength(seconds) + (reason === 0 ? 0 : REASON_EXTENSION_LENGTH);
const entryLength = (integerLength: number, seconds: number, reason: number) => {
  const content = entryContentLength(integerLength, seconds, reason);
  return 1 + lengthOfLength(content) + content;
};

function writeEntry(
  out: Uint8Array,
  offset: number,
  integer: Uint8Array,
  seconds: number,
  reason: number,
): number {
  let p = writeHeader(out, offset, TAG.sequence, entryContentLength(integer.length, seconds, reason));
  out[p++] = TAG.integer;
  out[p++] = integer.length;
  out.set(integer, p);
  p = writeTime(out, p + integer.length, seconds);
  if (reason !== 0) {
    out.set(REASON_EXTENSION, p);
    p += REASON_EXTENSION.length;
    out[p++] = reason;
  }
  return p;
}

export function encodeCrl(crl: CrlToEncode): EncodedCrl {
  const real = crl.entries.map((e) => ({ ...e, integer: integerContent(e.serial) }));
  let entriesBytes = 0;
  for (const e of real) entriesBytes += entryLength(e.integer.length, e.revokedAtSeconds, e.reason);
  const synthetic = crl.synthetic;
  if (synthetic && synthetic.population.count > 0) {
    const cursor = new SyntheticRevocationCursor(synthetic.type, synthetic.population);
    for (let i = 0; i < synthetic.population.count; i++) {
      cursor.next();
      entriesBytes += entryLength(SYNTHETIC_SERIAL_OCTETS, cursor.revokedAtSeconds, cursor.reason);
    }
  }
  const entryCount = real.length + (synthetic?.population.count ?? 0);

  const thisUpdate = encodeTime(Math.floor(crl.thisUpdate.getTime() / 1000));
  const nextUpdate = encodeTime(Math.floor(crl.nextUpdate.getTime() / 1000));
  const version = Uint8Array.from([TAG.integer, 1, 1]);
  const revokedHeader = entryCount > 0 ? header(TAG.sequence, entriesBytes) : new Uint8Array(0);
  const extensions = tlv(TAG.contextConstructed0, crl.extensions);
  const tbsContentLength =
    version.length +
    SHA256_WITH_RSA.length +
    crl.issuer.length +
    thisUpdate.length +
    nextUpdate.length +
    revokedHeader.length +
    (entryCount > 0 ? entriesBytes : 0) +
    extensions.length;
  const tbsHeader = header(TAG.sequence, tbsContentLength);
  const tbsLength = tbsHeader.length + tbsContentLength;
  const signatureLength = (crl.signingKey.asymmetricKeyDetails?.modulusLength ?? 2048) / 8;
  const signatureHeader = header(TAG.bitString, signatureLength + 1);
  const outerContentLength =
    tbsLength + SHA256_WITH_RSA.length + signatureHeader.length + 1 + signatureLength;
  const outerHeader = header(TAG.sequence, outerContentLength);
  const byteLength = outerHeader.length + outerContentLength;

  async function* chunks(): AsyncGenerator<Uint8Array> {
    const signer = createSign("sha256");
    const tbsStart = outerHeader.length;
    let emitted = 0;
    let out = new Uint8Array(CHUNK_BYTES + ENTRY_ROOM);
    let p = 0;
    const take = () => {
      const chunk = out.subarray(0, p);
      // Only TBSCertList bytes are signed; the outer SEQUENCE header is not.
      const from = Math.max(0, tbsStart - emitted);
      signer.update(chunk.subarray(from));
      emitted += p;
      out = new Uint8Array(CHUNK_BYTES + ENTRY_ROOM);
      p = 0;
      return chunk;
    };
    for (const part of [
      outerHeader,
      tbsHeader,
      version,
      SHA256_WITH_RSA,
      crl.issuer,
      thisUpdate,
      nextUpdate,
      revokedHeader,
    ]) {
      if (p + part.length > out.length) yield take();
      out.set(part, p);
      p += part.length;
    }
    if (synthetic && synthetic.population.count > 0) {
      const cursor = new SyntheticRevocationCursor(synthetic.type, synthetic.population);
      const serial = cursor.serial;
      for (let i = 0; i < synthetic.population.count; i++) {
        cursor.next();
        p = writeEntry(out, p, serial, cursor.revokedAtSeconds, cursor.reason);
        if (p >= CHUNK_BYTES) yield take();
      }
    }
    for (const e of real) {
      p = writeEntry(out, p, e.integer, e.revokedAtSeconds, e.reason);
      if (p >= CHUNK_BYTES) yield take();
    }
    if (p + extensions.length > out.length) yield take();
    out.set(extensions, p);
    p += extensions.length;
    if (p > 0) yield take();
    if (emitted !== tbsStart + tbsLength)
      throw new Error("CRL encoder: the TBSCertList length does not add up");

    const signature = signer.sign(crl.signingKey);
    const trailer = new Uint8Array(SHA256_WITH_RSA.length + signatureHeader.length + 1 + signature.length);
    trailer.set(SHA256_WITH_RSA, 0);
    trailer.set(signatureHeader, SHA256_WITH_RSA.length);
    trailer[SHA256_WITH_RSA.length + signatureHeader.length] = 0;
    trailer.set(signature, SHA256_WITH_RSA.length + signatureHeader.length + 1);
    if (emitted + trailer.length !== byteLength)
      throw new Error("CRL encoder: the CRL length does not add up");
    yield trailer;
  }

  return { byteLength, chunks };
}

/** The whole CRL in memory: for small CRLs and tests. */
export async function encodeCrlToBytes(crl: CrlToEncode): Promise<Uint8Array> {
  const encoded = encodeCrl(crl);
  const out = new Uint8Array(encoded.byteLength);
  let offset = 0;
  for await (const chunk of encoded.chunks()) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
