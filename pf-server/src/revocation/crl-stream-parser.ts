/**
 * @module A push parser for DER CertificateList (RFC 5280 §5.1) that never holds the whole CRL and makes no object
 * per revoked certificate: bytes arrive in chunks of any size, each complete entry is handed to a sink as
 * (buffer, offset, length, seconds, reason) and forgotten, and every byte of the TBSCertList is passed on once to
 * whoever checks the signature. Only the small parts (the TBS header, crlExtensions, the signature) are kept.
 *
 * Strict DER: definite minimal lengths, no trailing bytes, version v2 when present, times in the RFC 5280 forms,
 * entry extensions limited to what RFC 5280 §5.3 defines for a direct CRL (an unknown critical one, or
 * certificateIssuer, which would make the CRL indirect, is refused).
 */
import { CrlRefusal, readHeader, readTime, TAG } from "./crl-der.ts";

export interface CrlEntrySink {
  /**
   * One revoked certificate: its serial's INTEGER content with leading 0x00 octets removed, at
   * `buf[start, start + length)` (valid only during the call), the revocation date in whole seconds since 1970,
   * and the CRLReason code (0 when the entry has no reasonCode extension).
   */
  add(buf: Uint8Array, start: number, length: number, revokedAtSeconds: number, reason: number): void;
  /** The byte length of revokedCertificates, known before the first entry (to size storage). */
  expect?(revokedListBytes: number): void;
}

export interface CrlTbsHeader {
  /** 1 (v1: version absent) or 2. */
  version: number;
  /** The TBS `signature` AlgorithmIdentifier, whole TLV. */
  signatureAlgorithm: Uint8Array;
  /** The issuer Name, whole TLV, exactly as signed. */
  issuer: Uint8Array;
  thisUpdateSeconds: number;
  nextUpdateSeconds: number | undefined;
}

export interface CrlTrailer {
  /** The Extensions SEQUENCE inside crlExtensions [0], whole TLV. */
  extensions: Uint8Array | undefined;
  /** The outer signatureAlgorithm, whole TLV. */
  signatureAlgorithm: Uint8Array;
  /** The signatureValue BIT STRING's bits (unused-bits octet removed, required to be 0). */
  signature: Uint8Array;
  entryCount: number;
  totalBytes: number;
}

/** The TBS header, extensions and signature are small; a CRL that needs more than this for them is refused. */
const MAX_SMALL_PART = 1 << 20;
/** How many bytes of a new chunk complete an entry cut at the previous chunk's end (an entry is far smaller). */
const BRIDGE_BYTES = 4096;
/** RFC 5280 §4.1.2.2: serial numbers up to 20 octets. */
const MAX_SERIAL_OCTETS = 20;

const State = { Outer: 0, TbsHeader: 1, Entries: 2, CrlExtensions: 3, Trailer: 4, Done: 5 } as const;
type State = (typeof State)[keyof typeof State];

// Entry-extension OIDs (id-ce 21, 24, 29), as the 3 content octets 55 1D xx.
const REASON_CODE = 0x15;
const INVALIDITY_DATE = 0x18;
const CERTIFICATE_ISSUER = 0x1d;

const malformed = (message: string) => new CrlRefusal("crl_der_malformed", message);

export class CrlStreamParser {
  private readonly sink: CrlEntrySink;
  private readonly onHeader: (header: CrlTbsHeader) => (tbsBytes: Uint8Array) => void;
  private feedTbs: ((tbsBytes: Uint8Array) => void) | undefined;

  private buf: Uint8Array = new Uint8Array(0);
  /** Absolute offset of buf[0] in the CRL. */
  private bufStart = 0;
  /** Absolute offset of the next byte to parse. */
  private pos = 0;
  /** TBS bytes before this absolute offset have been passed to feedTbs. */
  private fed = 0;
  private state: State = State.Outer;
  private outerEnd = 0;
  private tbsEnd = 0;
  private revokedEnd = 0;
  private header: CrlTbsHeader | undefined;
  private extensions: Uint8Array | undefined;
  private trailer: Omit<CrlTrailer, "entryCount" | "totalBytes" | "extensions"> | undefined;
  private entryCount = 0;

  constructor(sink: CrlEntrySink, onHeader: (header: CrlTbsHeader) => (tbsBytes: Uint8Array) => void) {
    this.sink = sink;
    this.onHeader = onHeader;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.state === State.Done) throw malformed("bytes after the end of the CRL");
    let rest = chunk;
    const unconsumed = this.bufStart + this.buf.length - this.pos;
    if (unconsumed > 0 && chunk.length > BRIDGE_BYTES) {
      // An entry cut by the chunk boundary: complete it from the chunk's first bytes, then read the rest of the
      // chunk where it lies, rather than copying every chunk behind the few bytes left over.
      const chunkStart = this.pos + unconsumed;
      this.parse(this.joined(chunk.subarray(0, BRIDGE_BYTES)));
      if (this.pos < chunkStart) {
        // Still incomplete (a header part larger than the bridge): join everything, as for small chunks.
        rest = chunk.subarray(BRIDGE_BYTES);
      } else {
        rest = chunk.subarray(this.pos - chunkStart);
        if (rest.length === 0) return;
        this.parse(rest);
        return;
      }
    }
    this.parse(this.bufStart + this.buf.length - this.pos === 0 ? rest : this.joined(rest));
  }

  /** The bytes not yet consumed followed by `more`, as one buffer. */
  private joined(more: Uint8Array): Uint8Array {
    const left = this.buf.subarray(this.pos - this.bufStart);
    const joined = new Uint8Array(left.length + more.length);
    joined.set(left);
    joined.set(more, left.length);
    return joined;
  }

  /** Parses `buf`, which starts at the current position, as far as it goes. */
  private parse(buf: Uint8Array): void {
    this.buf = buf;
    this.bufStart = this.pos;
    this.run();
    this.feedUpTo(Math.min(this.pos, this.tbsEnd));
  }

  /** Call after the last chunk: checks the CRL is complete and returns its parts. */
  finish(): { header: CrlTbsHeader; trailer: CrlTrailer } {
    if (this.state !== State.Done || !this.header || !this.trailer) throw malformed("the CRL is truncated");
    return {
      header: this.header,
      trailer: {
        ...this.trailer,
        extensions: this.extensions,
        entryCount: this.entryCount,
        totalBytes: this.outerEnd,
      },
    };
  }

  private feedUpTo(end: number): void {
    if (!this.feedTbs || end <= this.fed) return;
    this.feedTbs(this.buf.subarray(this.fed - this.bufStart, end - this.bufStart));
    this.fed = end;
  }

  private get limit(): number {
    return this.bufStart + this.buf.length;
  }

  private run(): void {
    for (;;) {
      switch (this.state) {
        case State.Outer: {
          const h = readHeader(this.buf, 0, this.buf.length);
          if (!h) return;
          if (h.tag !== TAG.sequence) throw malformed("a CRL starts with a SEQUENCE");
          this.outerEnd = h.headerLength + h.length;
          this.pos = h.headerLength;
          this.state = State.TbsHeader;
          break;
        }
        case State.TbsHeader:
          if (!this.readTbsHeader()) return;
          break;
        case State.Entries:
          if (!this.readEntries()) return;
          break;
        case State.CrlExtensions:
          if (!this.readCrlExtensions()) return;
          break;
        case State.Trailer:
          if (!this.readTrailer()) return;
          break;
        case State.Done:
          if (this.pos < this.limit) throw malformed("bytes after the end of the CRL");
          return;
      }
    }
  }

  /** An element that must be wholly present before it can be read; undefined = wait for more bytes. */
  private small(at: number): { tag: number; start: number; contentStart: number; end: number } | undefined {
    const h = readHeader(this.buf, at - this.bufStart, this.buf.length);
    if (!h) {
      this.guardSmall(at);
      return undefined;
    }
    const end = at + h.headerLength + h.length;
    if (end > this.limit) {
      this.guardSmall(at);
      return undefined;
    }
    return { tag: h.tag, start: at, contentStart: at + h.headerLength, end };
  }

  private guardSmall(from: number): void {
    if (this.limit - from > MAX_SMALL_PART) throw malformed("a CRL header part is larger than 1 MiB");
  }

  private bytes(from: number, to: number): Uint8Array {
    return this.buf.slice(from - this.bufStart, to - this.bufStart);
  }

  private readTbsHeader(): boolean {
    const start = this.pos;
    const tbs = readHeader(this.buf, start - this.bufStart, this.buf.length);
    if (!tbs) return false;
    if (tbs.tag !== TAG.sequence) throw malformed("TBSCertList is not a SEQUENCE");
    const tbsEnd = start + tbs.headerLength + tbs.length;
    if (tbsEnd > this.outerEnd) throw malformed("TBSCertList overruns the CRL");
    let at = start + tbs.headerLength;

    let element = this.small(at);
    if (!element) return false;
    let version = 1;
    if (element.tag === TAG.integer) {
      const content = this.bytes(element.contentStart, element.end);
      if (content.length !== 1 || content[0] !== 1) throw malformed("a CRL version other than v2 (1)");
      version = 2;
      at = element.end;
      element = this.small(at);
      if (!element) return false;
    }
    if (element.tag !== TAG.sequence) throw malformed("the TBS signature algorithm is not a SEQUENCE");
    const signatureAlgorithm = this.bytes(element.start, element.end);
    at = element.end;

    element = this.small(at);
    if (!element) return false;
    if (element.tag !== TAG.sequence) throw malformed("the issuer is not a Name");
    const issuer = this.bytes(element.start, element.end);
    at = element.end;

    element = this.small(at);
    if (!element) return false;
    const thisUpdateSeconds = readTime(this.buf, element.start - this.bufStart);
    at = element.end;

    let nextUpdateSeconds: number | undefined;
    let revokedHeader: { headerLength: number; length: number } | undefined;
    if (at < tbsEnd) {
      const h = readHeader(this.buf, at - this.bufStart, this.buf.length);
      if (!h) return this.waitSmall(start);
      if (h.tag === TAG.utcTime || h.tag === TAG.generalizedTime) {
        element = this.small(at);
        if (!element) return false;
        nextUpdateSeconds = readTime(this.buf, element.start - this.bufStart);
        at = element.end;
      }
    }
    if (at < tbsEnd) {
      const h = readHeader(this.buf, at - this.bufStart, this.buf.length);
      if (!h) return this.waitSmall(start);
      if (h.tag === TAG.sequence) {
        revokedHeader = h;
        if (at + h.headerLength + h.length > tbsEnd) throw malformed("revokedCertificates overruns the TBS");
      } else if (h.tag !== TAG.contextConstructed0) {
        throw malformed("an unexpected element in TBSCertList");
      }
    }

    this.tbsEnd = tbsEnd;
    this.header = { version, signatureAlgorithm, issuer, thisUpdateSeconds, nextUpdateSeconds };
    this.feedTbs = this.onHeader(this.header);
    this.fed = start;
    if (revokedHeader) {
      this.pos = at + revokedHeader.headerLength;
      this.revokedEnd = this.pos + revokedHeader.length;
      this.sink.expect?.(revokedHeader.length);
      this.state = State.Entries;
    } else {
      this.pos = at;
      this.state = State.CrlExtensions;
    }
    return true;
  }

  private waitSmall(from: number): boolean {
    this.guardSmall(from);
    return false;
  }

  /** The hot loop: one pass over each entry's bytes, no allocation. Returns false when it needs more bytes. */
  private readEntries(): boolean {
    const buf = this.buf;
    const base = this.bufStart;
    const length = buf.length;
    const revokedEnd = this.revokedEnd - base;
    const sink = this.sink;
    let p = this.pos - base;
    let count = this.entryCount;
    try {
      while (p < revokedEnd) {
        if (p + 2 > length) return false;
        if (buf[p] !== TAG.sequence) throw malformed("a revoked-certificate entry is not a SEQUENCE");
        let entryLength = buf[p + 1] as number;
        let q = p + 2;
        if (entryLength >= 0x80) {
          const h = readHeader(buf, p, length);
          if (!h) return false;
          entryLength = h.length;
          q = p + h.headerLength;
        }
        const end = q + entryLength;
        if (end > revokedEnd) throw malformed("an entry overruns revokedCertificates");
        if (end > length) {
          if (entryLength > MAX_SMALL_PART) throw malformed("an entry is larger than 1 MiB");
          return false;
        }

        if (buf[q] !== TAG.integer) throw malformed("an entry's serial is not an INTEGER");
        const serialLength = buf[q + 1] as number;
        if (serialLength === 0 || serialLength >= 0x80 || q + 2 + serialLength > end)
          throw malformed("an entry's serial has a bad length");
        let serialStart = q + 2;
        const serialEnd = serialStart + serialLength;
        while (serialStart < serialEnd - 1 && buf[serialStart] === 0) serialStart++;
        if (serialEnd - serialStart > MAX_SERIAL_OCTETS)
          throw new CrlRefusal("crl_serial_too_long", "a serial number longer than 20 octets");
        q = serialEnd;

        const timeTag = buf[q];
        const timeLength = timeTag === TAG.utcTime ? 13 : 15;
        if (q + 2 + timeLength > end) throw malformed("an entry's revocationDate is cut short");
        const seconds = readTime(buf, q);
        q += 2 + timeLength;

        let reason = 0;
        if (q < end) {
          // The common case, reasonCode alone and non-critical: 30 0C 30 0A 06 03 55 1D 15 04 03 0A 01 rr.
          if (
            end - q === 14 &&
            buf[q] === 0x30 &&
            buf[q + 1] === 0x0c &&
            buf[q + 2] === 0x30 &&
            buf[q + 3] === 0x0a &&
            buf[q + 4] === 0x06 &&
            buf[q + 5] === 0x03 &&
            buf[q + 6] === 0x55 &&
            buf[q + 7] === 0x1d &&
            buf[q + 8] === REASON_CODE &&
            buf[q + 9] === 0x04 &&
            buf[q + 10] === 0x03 &&
            buf[q + 11] === TAG.enumerated &&
            buf[q + 12] === 0x01
          ) {
            reason = buf[q + 13] as number;
            q = end;
          } else {
            reason = readEntryExtensions(buf, q, end);
            q = end;
          }
        }
        if (q !== end) throw malformed("an entry has trailing bytes");
        sink.add(buf, serialStart, serialEnd - serialStart, seconds, reason);
        count++;
        p = end;
      }
    } finally {
      this.pos = p + base;
      this.entryCount = count;
    }
    this.state = State.CrlExtensions;
    return true;
  }

  private readCrlExtensions(): boolean {
    if (this.pos < this.tbsEnd) {
      const element = this.small(this.pos);
      if (!element) return false;
      if (element.tag !== TAG.contextConstructed0) throw malformed("an unexpected element after the entries");
      if (element.end !== this.tbsEnd) throw malformed("bytes after crlExtensions in the TBS");
      const inner = readHeader(this.buf, element.contentStart - this.bufStart, this.buf.length);
      if (
        !inner ||
        inner.tag !== TAG.sequence ||
        element.contentStart + inner.headerLength + inner.length !== element.end
      )
        throw malformed("crlExtensions is not one Extensions SEQUENCE");
      if (this.header?.version !== 2) throw malformed("crlExtensions in a v1 CRL");
      this.extensions = this.bytes(element.contentStart, element.end);
      this.pos = element.end;
    }
    if (this.pos !== this.tbsEnd) throw malformed("the entries do not end where the TBS does");
    this.state = State.Trailer;
    return true;
  }

  private readTrailer(): boolean {
    const algorithm = this.small(this.pos);
    if (!algorithm) return false;
    if (algorithm.tag !== TAG.sequence) throw malformed("the signature algorithm is not a SEQUENCE");
    const value = this.small(algorithm.end);
    if (!value) return false;
    if (value.tag !== TAG.bitString || value.end - value.contentStart < 2)
      throw malformed("the signature is not a BIT STRING");
    if (this.buf[value.contentStart - this.bufStart] !== 0)
      throw malformed("the signature BIT STRING has unused bits");
    if (value.end !== this.outerEnd) throw malformed("the CRL does not end after its signature");
    this.trailer = {
      signatureAlgorithm: this.bytes(algorithm.start, algorithm.end),
      signature: this.bytes(value.contentStart + 1, value.end),
    };
    this.pos = value.end;
    this.state = State.Done;
    return true;
  }
}

/**
 * The general path for crlEntryExtensions (RFC 5280 §5.3): reasonCode read, invalidityDate allowed, any other
 * critical extension refused, certificateIssuer refused (an indirect CRL, which J-LIS does not publish).
 */
function readEntryExtensions(buf: Uint8Array, start: number, end: number): number {
  const outer = readHeader(buf, start, end);
  if (!outer || outer.tag !== TAG.sequence || start + outer.headerLength + outer.length !== end)
    throw malformed("crlEntryExtensions is not one SEQUENCE");
  let p = start + outer.headerLength;
  let reason = 0;
  let sawReason = false;
  let sawInvalidity = false;
  while (p < end) {
    const ext = readHeader(buf, p, end);
    if (!ext || ext.tag !== TAG.sequence) throw malformed("an entry extension is not a SEQUENCE");
    const extEnd = p + ext.headerLength + ext.length;
    if (extEnd > end) throw malformed("an entry extension overruns its entry");
    let q = p + ext.headerLength;
    const oid = readHeader(buf, q, extEnd);
    if (!oid || oid.tag !== TAG.objectIdentifier) throw malformed("an entry extension has no OID");
    const oidStart = q + oid.headerLength;
    const oidEnd = oidStart + oid.length;
    q = oidEnd;
    let critical = false;
    if (buf[q] === TAG.boolean) {
      if (buf[q + 1] !== 1 || buf[q + 2] !== 0xff) throw malformed("critical is not DER TRUE");
      critical = true;
      q += 3;
    }
    const value = readHeader(buf, q, extEnd);
    if (!value || value.tag !== TAG.octetString || q + value.headerLength + value.length !== extEnd)
      throw malformed("an entry extension value is not an OCTET STRING");
    const valueStart = q + value.headerLength;
    const isIdCe = oid.length === 3 && buf[oidStart] === 0x55 && buf[oidStart + 1] === 0x1d;
    const id = isIdCe ? buf[oidStart + 2] : -1;
    if (id === REASON_CODE) {
      if (sawReason) throw malformed("an entry has reasonCode twice");
      sawReason = true;
      if (value.length !== 3 || buf[valueStart] !== TAG.enumerated || buf[valueStart + 1] !== 1)
        throw malformed("reasonCode is not a one-octet ENUMERATED");
      reason = buf[valueStart + 2] as number;
    } else if (id === INVALIDITY_DATE) {
      if (sawInvalidity) throw malformed("an entry has invalidityDate twice");
      sawInvalidity = true;
    } else if (id === CERTIFICATE_ISSUER) {
      throw new CrlRefusal("crl_indirect_unsupported", "an entry names a certificateIssuer (indirect CRL)");
    } else if (critical) {
      throw new CrlRefusal(
        "crl_unsupported_critical_extension",
        "an entry has an unknown critical extension",
      );
    }
    p = extEnd;
  }
  return reason;
}
