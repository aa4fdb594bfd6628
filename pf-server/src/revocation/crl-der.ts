/**
 * @module The few DER pieces a CRL's bulk needs, shared by the J-LIS simulator (which writes CRLs) and the PF (which
 * reads them), so both sides agree byte for byte: definite lengths (X.690 §8.1.3, DER §10.1 minimal form), the
 * CRL `Time` (RFC 5280 §5.1.2.4: UTCTime `YYMMDDHHMMSSZ` for 1950–2049, GeneralizedTime `YYYYMMDDHHMMSSZ` otherwise,
 * always with seconds and `Z`), and whole-second epoch arithmetic without `Date` objects.
 *
 * Everything else in a CRL (names, algorithm identifiers, extensions) is small and built or read with
 * @peculiar/asn1-schema; only the revoked-certificate entries, which can number in the millions, go through here.
 */

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  objectIdentifier: 0x06,
  enumerated: 0x0a,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  /** [0] EXPLICIT, constructed: a CRL's crlExtensions. */
  contextConstructed0: 0xa0,
} as const;

/** Why a CRL was not taken: a stable code (logged and audited) and a message without personal data. */
export class CrlRefusal extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "CrlRefusal";
    this.code = code;
  }
}

/** Bytes the length field of a TLV takes (1 for short form, 1 + n for long form). */
export function lengthOfLength(length: number): number {
  if (length < 0x80) return 1;
  if (length < 0x100) return 2;
  if (length < 0x10000) return 3;
  if (length < 0x1000000) return 4;
  return 5;
}

/** Writes tag and minimal definite length at `offset`; returns the offset after them. */
export function writeHeader(out: Uint8Array, offset: number, tag: number, length: number): number {
  out[offset++] = tag;
  const n = lengthOfLength(length) - 1;
  if (n === 0) {
    out[offset++] = length;
    return offset;
  }
  out[offset++] = 0x80 | n;
  for (let shift = (n - 1) * 8; shift >= 0; shift -= 8)
    out[offset++] = Math.floor(length / 2 ** shift) & 0xff;
  return offset;
}

export function header(tag: number, length: number): Uint8Array {
  const out = new Uint8Array(1 + lengthOfLength(length));
  writeHeader(out, 0, tag, length);
  return out;
}

/** A whole TLV: header plus content. */
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const length = content.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(1 + lengthOfLength(length) + length);
  let offset = writeHeader(out, 0, tag, length);
  for (const part of content) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * A non-negative INTEGER's DER content for an unsigned big-endian magnitude: leading zero octets dropped, one 0x00
 * added back when the top bit is set (X.690 §8.3.2), and a single 0x00 for zero.
 */
export function integerContent(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  if (trimmed.length === 0) return new Uint8Array(1);
  if ((trimmed[0] as number) & 0x80) {
    const out = new Uint8Array(trimmed.length + 1);
    out.set(trimmed, 1);
    return out;
  }
  return trimmed.slice();
}

/** Unsigned big-endian bytes → bigint (CRL numbers may have up to 20 octets, RFC 5280 §5.2.3). */
export function bigintOf(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

// --- Civil dates in whole seconds (H. Hinnant's days_from_civil / civil_from_days, proleptic Gregorian) ---

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const dayStrings = new Map<number, string>();

/**
 * `YYYY-MM-DDTHH:MM:SS.000Z` for whole seconds since 1970 (years 0–9999), as `Date#toISOString` gives, without
 * making a Date: a revoked serial's lookup answers its revocation date in this form.
 */
export function isoOfSeconds(epochSeconds: number): string {
  const days = Math.floor(epochSeconds / 86400);
  let day = dayStrings.get(days);
  if (day === undefined) {
    const [year, month, date] = civilFromDays(days);
    day = `${String(year).padStart(4, "0")}-${TWO_DIGITS[month]}-${TWO_DIGITS[date]}`;
    // Revocation dates span a few years of days; the bound only guards against a pathological CRL.
    if (dayStrings.size >= 65_536) dayStrings.clear();
    dayStrings.set(days, day);
  }
  const rest = epochSeconds - days * 86400;
  const hour = Math.floor(rest / 3600);
  const minute = Math.floor((rest - hour * 3600) / 60);
  return `${day}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[rest - hour * 3600 - minute * 60]}.000Z`;
}

/** Size of the whole Time TLV for this instant: UTCTime (15) for 1950–2049, else GeneralizedTime (17). */
export function timeTlvLength(epochSeconds: number): number {
  return epochSeconds >= UTC_TIME_FROM && epochSeconds < UTC_TIME_UNTIL ? 15 : 17;
}
const UTC_TIME_FROM = daysFromCivil(1950, 1, 1) * 86400;
const UTC_TIME_UNTIL = daysFromCivil(2050, 1, 1) * 86400;

/** Writes the Time TLV of a whole-second instant at `offset`; returns the offset after it. */
export function writeTime(out: Uint8Array, offset: number, epochSeconds: number): number {
  const days = Math.floor(epochSeconds / 86400);
  let rest = epochSeconds - days * 86400;
  const [year, month, day] = civilFromDays(days);
  if (year < 0 || year > 9999)
    throw new CrlRefusal("time_out_of_range", "a CRL time must fall in years 0000–9999");
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  const second = rest - minute * 60;
  const utc = epochSeconds >= UTC_TIME_FROM && epochSeconds < UTC_TIME_UNTIL;
  out[offset++] = utc ? TAG.utcTime : TAG.generalizedTime;
  out[offset++] = utc ? 13 : 15;
  const two = (value: number) => {
    out[offset++] = 0x30 + Math.floor(value / 10);
    out[offset++] = 0x30 + (value % 10);
  };
  if (!utc) two(Math.floor(year / 100));
  two(year % 100);
  two(month);
  two(day);
  two(hour);
  two(minute);
  two(second);
  out[offset++] = 0x5a; // "Z"
  return offset;
}

export function encodeTime(epochSeconds: number): Uint8Array {
  const out = new Uint8Array(timeTlvLength(epochSeconds));
  writeTime(out, 0, epochSeconds);
  return out;
}

/**
 * Reads the Time whose tag is at `offset` (the content length has been checked to be in the buffer); returns
 * whole seconds since 1970. Only the DER forms RFC 5280 allows are accepted.
 */
export function readTime(buf: Uint8Array, offset: number): number {
  const tag = buf[offset];
  const length = buf[offset + 1];
  let p = offset + 2;
  let year: number;
  if (tag === TAG.utcTime && length === 13) {
    const yy = digits(buf, p);
    year = yy < 50 ? 2000 + yy : 1900 + yy;
    p += 2;
  } else if (tag === TAG.generalizedTime && length === 15) {
    year = digits(buf, p) * 100 + digits(buf, p + 2);
    p += 4;
  } else {
    throw new CrlRefusal("crl_time_malformed", "a time is neither YYMMDDHHMMSSZ UTCTime nor YYYYMMDDHHMMSSZ");
  }
  const month = digits(buf, p);
  const day = digits(buf, p + 2);
  const hour = digits(buf, p + 4);
  const minute = digits(buf, p + 6);
  const second = digits(buf, p + 8);
  if (
    buf[p + 10] !== 0x5a ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > (DAYS_IN_MONTH[month - 1] as number) ||
    (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new CrlRefusal("crl_time_malformed", "a time is not a valid UTC date and time");
  }
  return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

function digits(buf: Uint8Array, p: number): number {
  const high = (buf[p] as number) - 0x30;
  const low = (buf[p + 1] as number) - 0x30;
  if (high < 0 || high > 9 || low < 0 || low > 9)
    throw new CrlRefusal("crl_time_malformed", "a time has a non-digit");
  return high * 10 + low;
}

/**
 * Reads a TLV header at `offset` within `[offset, limit)`. Returns undefined when the header itself is not
 * complete yet (streaming); throws on indefinite or non-minimal lengths, which DER forbids.
 */
export function readHeader(
  buf: Uint8Array,
  offset: number,
  limit: number,
): { tag: number; headerLength: number; length: number } | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = buf[offset] as number;
  const first = buf[offset + 1] as number;
  if (first < 0x80) return { tag, headerLength: 2, length: first };
  const n = first & 0x7f;
  if (n === 0) throw new CrlRefusal("crl_der_malformed", "indefinite length (not DER)");
  if (n > 4) throw new CrlRefusal("crl_der_malformed", "a length over 4 GiB");
  if (offset + 2 + n > limit) return undefined;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + (buf[offset + 2 + i] as number);
  if (buf[offset + 2] === 0 || length < 0x80)
    throw new CrlRefusal("crl_der_malformed", "a length not in its shortest form (not DER)");
  return { tag, headerLength: 2 + n, length };
}

/** The subject Name of a DER certificate, as encoded: a CRL's issuer field must be these very octets. */
export function certificateSubject(certificateDer: Uint8Array): Uint8Array {
  // Certificate → tbsCertificate → [0] version?, serialNumber, signature, issuer, validity, subject.
  const der = certificateDer;
  const step = (at: number, expected?: number) => {
    const h = readHeader(der, at, der.length);
    if (!h || (expected !== undefined && h.tag !== expected) || at + h.headerLength + h.length > der.length)
      throw new CrlRefusal("ca_certificate_malformed", "a CA certificate does not parse");
    return { inner: at + h.headerLength, next: at + h.headerLength + h.length };
  };
  const tbs = step(step(0, TAG.sequence).inner, TAG.sequence);
  let at = tbs.inner;
  if (der[at] === TAG.contextConstructed0) at = step(at).next;
  for (let i = 0; i < 4; i++) at = step(at).next;
  return der.slice(at, step(at, TAG.sequence).next);
}
