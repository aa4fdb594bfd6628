/**
 * @module The revoked serials of one CRL in a compact, exact structure: serials as fixed-width big-endian keys
 * (padded to the CRL's longest serial), sorted, with the octets every key shares stored once, the next one or two
 * octets implied by a bucket table, four octets in a `Uint32Array` the binary search compares first and the rest
 * in a byte array; the revocation date (seconds after the CRL's earliest one) and the reason code (a nibble) sit
 * beside them at the same position. No object per entry, no hashing: a lookup is a bucket read and a binary search
 * over at most a few hundred keys, and equality is decided on every octet, so there are no false positives or
 * negatives.
 *
 * For the simulator's 16-octet serials an entry costs 14 + 4 + ½ bytes (the two bucket octets are implied);
 * the bucket table adds 256 KiB per index.
 */
import { endianness } from "node:os";
import { CrlRefusal } from "./crl-der.ts";
import type { CrlEntrySink } from "./crl-stream-parser.ts";

// The sort packs (key octets, position) into 64-bit words through a Uint32Array view; that layout is little-endian.
if (endianness() !== "LE") throw new Error("the revoked-serial index expects a little-endian platform");

/** Plain typed arrays and numbers: what a worker transfers to the main thread without copying. */
export interface RevokedSerialIndexData {
  count: number;
  /** Octets of the widest serial; shorter serials are left-padded with zeros. */
  width: number;
  /** The leading octets all keys share. */
  common: Uint8Array;
  /** Octets after `common` that select a bucket (0–2). */
  prefixBytes: number;
  /** offsets[b] = first position of bucket b; 256^prefixBytes + 1 entries. */
  offsets: Uint32Array;
  /** Octets after the bucket held in `head` (0–4), big-endian. */
  headBytes: number;
  head: Uint32Array;
  /** The remaining octets of each key, `tailBytes` per position. */
  tailBytes: number;
  tail: Uint8Array;
  /** Revocation dates: seconds since 1970 minus `dateBase`. */
  dateBase: number;
  dates: Uint32Array;
  /** CRLReason codes, two per octet (low nibble = even position). */
  reasons: Uint8Array;
}

/** A fresh empty index's data (fresh, because transferring a buffer detaches it). */
const emptyData = (): RevokedSerialIndexData => ({
  count: 0,
  width: 0,
  common: new Uint8Array(0),
  prefixBytes: 0,
  offsets: new Uint32Array(2),
  headBytes: 0,
  head: new Uint32Array(0),
  tailBytes: 0,
  tail: new Uint8Array(0),
  dateBase: 0,
  dates: new Uint32Array(0),
  reasons: new Uint8Array(0),
});

export class RevokedSerialIndex {
  readonly data: RevokedSerialIndexData;
  private readonly scratch: Uint8Array;

  constructor(data: RevokedSerialIndexData = emptyData()) {
    this.data = data;
    this.scratch = new Uint8Array(Math.max(data.width, 1));
  }

  get size(): number {
    return this.data.count;
  }

  /** Bytes held by the structure (its typed arrays). */
  get byteLength(): number {
    const d = this.data;
    return (
      d.common.byteLength +
      d.offsets.byteLength +
      d.head.byteLength +
      d.tail.byteLength +
      d.dates.byteLength +
      d.reasons.byteLength
    );
  }

  /** Buffers to list in postMessage's transfer list. */
  transferables(): ArrayBuffer[] {
    const d = this.data;
    return [d.common, d.offsets, d.head, d.tail, d.dates, d.reasons].map((a) => a.buffer as ArrayBuffer);
  }

  /**
   * Position of the serial written as hex (any case, leading zeros allowed, as certificates' serials are kept),
   * or -1 when it is not in the CRL.
   */
  findHex(serialHex: string): number {
    const width = this.data.width;
    if (width === 0) return -1;
    let start = 0;
    while (start < serialHex.length - 1 && serialHex.charCodeAt(start) === 0x30) start++;
    if (serialHex.length - start > width * 2) return -1;
    // Right-aligned into the scratch key, two hex digits per octet, zeros in front.
    const key = this.scratch;
    let digit = serialHex.length - 1;
    for (let octet = width - 1; octet >= 0; octet--) {
      let value = 0;
      if (digit >= start) value = nibble(serialHex.charCodeAt(digit--));
      if (digit >= start) value |= nibble(serialHex.charCodeAt(digit--)) << 4;
      key[octet] = value;
    }
    return this.findKey(key);
  }

  /** Position of the serial given as its unsigned big-endian octets, or -1. */
  findBytes(serial: Uint8Array): number {
    const width = this.data.width;
    let start = 0;
    while (start < serial.length - 1 && serial[start] === 0) start++;
    const length = serial.length - start;
    if (width === 0 || length > width) return -1;
    const key = this.scratch;
    key.fill(0);
    key.set(serial.subarray(start), width - length);
    return this.findKey(key);
  }

  private findKey(key: Uint8Array): number {
    const d = this.data;
    const c = d.common.length;
    for (let j = 0; j < c; j++) if (key[j] !== d.common[j]) return -1;
    let bucket = 0;
    for (let j = 0; j < d.prefixBytes; j++) bucket = (bucket << 8) | (key[c + j] as number);
    let lo = d.offsets[bucket] as number;
    let hi = d.offsets[bucket + 1] as number;
    if (lo === hi) return -1;
    const headStart = c + d.prefixBytes;
    let wanted = 0;
    for (let j = 0; j < d.headBytes; j++) wanted = wanted * 256 + (key[headStart + j] as number);

    // Serials are spread evenly (random ones by design; consecutive ones by construction), so the key's place in
    // its bucket is guessed from its value, and the search widens from there: a few probes in one or two cache
    // lines instead of a binary search's jumps across the bucket. Uneven spreads only cost a few more probes.
    const guess = lo + Math.floor((wanted / 256 ** d.headBytes) * (hi - lo));
    const atGuess = this.compareAt(guess, wanted, key, headStart + d.headBytes);
    if (atGuess === 0) return guess;
    if (atGuess < 0) {
      let step = 1;
      lo = guess + 1;
      for (;;) {
        const probe = guess + step;
        if (probe >= hi) break;
        const order = this.compareAt(probe, wanted, key, headStart + d.headBytes);
        if (order === 0) return probe;
        if (order > 0) {
          hi = probe;
          break;
        }
        lo = probe + 1;
        step *= 2;
      }
    } else {
      let step = 1;
      hi = guess;
      for (;;) {
        const probe = guess - step;
        if (probe < lo) break;
        const order = this.compareAt(probe, wanted, key, headStart + d.headBytes);
        if (order === 0) return probe;
        if (order < 0) {
          lo = probe + 1;
          break;
        }
        hi = probe;
        step *= 2;
      }
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compareAt(mid, wanted, key, headStart + d.headBytes);
      if (order === 0) return mid;
      if (order < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** The entry at `position` compared with the key: negative when the entry sorts first. */
  private compareAt(position: number, wanted: number, key: Uint8Array, tailStart: number): number {
    const value = this.data.head[position] as number;
    if (value !== wanted) return value < wanted ? -1 : 1;
    const tailBytes = this.data.tailBytes;
    const tail = this.data.tail;
    const base = position * tailBytes;
    for (let t = 0; t < tailBytes; t++) {
      const a = tail[base + t] as number;
      const b = key[tailStart + t] as number;
      if (a !== b) return a < b ? -1 : 1;
    }
    return 0;
  }

  reasonAt(position: number): number {
    return ((this.data.reasons[position >> 1] as number) >> ((position & 1) * 4)) & 0x0f;
  }

  revokedAtSecondsAt(position: number): number {
    return this.data.dateBase + (this.data.dates[position] as number);
  }

  /** Every entry in serial order (lower-case hex without leading zeros): for small CRLs such as deltas. */
  *entries(): Generator<{ serialHex: string; reason: number; revokedAtSeconds: number }> {
    const d = this.data;
    const key = new Uint8Array(d.width);
    key.set(d.common);
    const c = d.common.length;
    const buckets = d.offsets.length - 1;
    for (let bucket = 0; bucket < buckets; bucket++) {
      for (let p = d.offsets[bucket] as number; p < (d.offsets[bucket + 1] as number); p++) {
        for (let j = 0; j < d.prefixBytes; j++) key[c + j] = (bucket >> (8 * (d.prefixBytes - 1 - j))) & 0xff;
        const value = d.head[p] as number;
        for (let j = 0; j < d.headBytes; j++)
          key[c + d.prefixBytes + j] = Math.floor(value / 256 ** (d.headBytes - 1 - j)) & 0xff;
        key.set(d.tail.subarray(p * d.tailBytes, (p + 1) * d.tailBytes), c + d.prefixBytes + d.headBytes);
        const hex = Buffer.from(key)
          .toString("hex")
          .replace(/^0+(?=.)/, "");
        yield { serialHex: hex, reason: this.reasonAt(p), revokedAtSeconds: this.revokedAtSecondsAt(p) };
      }
    }
  }
}

const NIBBLES = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLES[i.toString(16).charCodeAt(0)] = i;
  NIBBLES[i.toString(16).toUpperCase().charCodeAt(0)] = i;
}

function nibble(code: number): number {
  const value = code < 128 ? (NIBBLES[code] as number) : -1;
  if (value < 0) throw new TypeError("a serial number is hexadecimal");
  return value;
}

/**
 * Collects entries as a CRL streams past (fixed-width rows in growable typed arrays), then sorts and packs them.
 * Duplicate serials (which a CRL should not have) keep their first occurrence.
 */
export class RevokedSerialIndexBuilder implements CrlEntrySink {
  private width = 0;
  private capacity = 0;
  private count = 0;
  private keys = new Uint8Array(0);
  private dates = new Float64Array(0);
  private reasons = new Uint8Array(0);

  expect(revokedListBytes: number): void {
    // An entry without extensions takes at least 35 octets for a 16-octet serial; guess a little low and grow.
    this.reserve(Math.ceil(revokedListBytes / 40) + 16);
  }

  add(buf: Uint8Array, start: number, length: number, revokedAtSeconds: number, reason: number): void {
    if (length > this.width) this.widen(length);
    if (this.count === this.capacity) this.reserve(Math.max(64, Math.ceil(this.capacity * 1.5)));
    const width = this.width;
    // Rows are written once into zeroed storage, so right-aligning the octets is the padding.
    const row = this.count * width + width - length;
    const keys = this.keys;
    for (let i = 0; i < length; i++) keys[row + i] = buf[start + i] as number;
    this.dates[this.count] = revokedAtSeconds;
    this.reasons[this.count] = reason;
    this.count++;
  }

  private reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const keys = new Uint8Array(capacity * this.width);
    keys.set(this.keys.subarray(0, this.count * this.width));
    const dates = new Float64Array(capacity);
    dates.set(this.dates.subarray(0, this.count));
    const reasons = new Uint8Array(capacity);
    reasons.set(this.reasons.subarray(0, this.count));
    this.keys = keys;
    this.dates = dates;
    this.reasons = reasons;
    this.capacity = capacity;
  }

  private widen(width: number): void {
    const keys = new Uint8Array(this.capacity * width);
    const shift = width - this.width;
    for (let i = 0; i < this.count; i++) {
      keys.set(this.keys.subarray(i * this.width, (i + 1) * this.width), i * width + shift);
    }
    this.keys = keys;
    this.width = width;
  }

  /**
   * Sorts and packs the entries. Cache-friendly at ten million entries: one pass moves each entry, as one small
   * row, to its bucket (rows of a bucket end up side by side); then each bucket (a few KiB) is sorted and packed
   * on its own. A random gather of ten million rows from the arrival order took most of a load's time before.
   */
  build(): RevokedSerialIndex {
    const n = this.count;
    if (n === 0) return new RevokedSerialIndex();
    const { keys, dates, reasons, width } = this;

    let common = width;
    for (let i = 1; i < n && common > 0; i++) {
      const row = i * width;
      for (let j = 0; j < common; j++) {
        if (keys[row + j] !== keys[j]) {
          common = j;
          break;
        }
      }
    }
    const effective = width - common;
    const prefixBytes = Math.min(effective, n < 64 ? 0 : n < 65536 ? 1 : 2);
    const headBytes = Math.min(4, effective - prefixBytes);
    const tailBytes = effective - prefixBytes - headBytes;
    const headStart = common + prefixBytes;

    let dateMin = Number.POSITIVE_INFINITY;
    let dateMax = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const value = dates[i] as number;
      if (value < dateMin) dateMin = value;
      if (value > dateMax) dateMax = value;
    }
    if (dateMax - dateMin >= 2 ** 32)
      throw new CrlRefusal("crl_dates_out_of_range", "revocation dates span more than 136 years");

    // Each entry's row (head, tail, date, reason) to its bucket, arrival order kept within a bucket. With two
    // bucket octets this takes two passes — by the first octet into 256 runs, then each run (a few hundred KiB)
    // by the second — because scattering ten million rows straight into 65 536 places misses the cache and the
    // TLB on nearly every write.
    const bucketCount = 256 ** prefixBytes;
    const offsets = new Uint32Array(bucketCount + 1);
    const rowBytes = headBytes + tailBytes + 5;
    const rows = new Uint8Array(n * rowBytes);
    const rowView = new DataView(rows.buffer);
    const keyBytes = headBytes + tailBytes;
    const keysView = new DataView(keys.buffer, keys.byteOffset, keys.byteLength);
    if (prefixBytes < 2) {
      for (let i = 0; i < n; i++) {
        const bucket = prefixBytes === 1 ? (keys[i * width + common] as number) + 1 : 1;
        offsets[bucket] = (offsets[bucket] as number) + 1;
      }
      for (let b = 0; b < bucketCount; b++)
        offsets[b + 1] = (offsets[b] as number) + (offsets[b + 1] as number);
      const next = offsets.slice(0, bucketCount);
      for (let i = 0; i < n; i++) {
        const row = i * width;
        const bucket = prefixBytes === 1 ? (keys[row + common] as number) : 0;
        const slot = (next[bucket] as number) * rowBytes;
        next[bucket] = (next[bucket] as number) + 1;
        for (let j = 0; j < keyBytes; j++) rows[slot + j] = keys[row + headStart + j] as number;
        rowView.setUint32(slot + keyBytes, (dates[i] as number) - dateMin);
        rows[slot + keyBytes + 4] = reasons[i] as number;
      }
    } else {
      const runs = new Uint32Array(257);
      for (let i = 0; i < n; i++) {
        const first = (keys[i * width + common] as number) + 1;
        runs[first] = (runs[first] as number) + 1;
      }
      for (let r = 0; r < 256; r++) runs[r + 1] = (runs[r] as number) + (runs[r + 1] as number);
      // Pass 1: staging rows carry the second bucket octet in front.
      const stagedBytes = rowBytes + 1;
      const staged = new Uint8Array(n * stagedBytes);
      const stagedView = new DataView(staged.buffer);
      const next = runs.slice(0, 256);
      for (let i = 0; i < n; i++) {
        const row = i * width;
        const run = keys[row + common] as number;
        const slot = (next[run] as number) * stagedBytes;
        next[run] = (next[run] as number) + 1;
        staged[slot] = keys[row + common + 1] as number;
        copyBytes(keysView, row + headStart, stagedView, slot + 1, keyBytes);
        stagedView.setUint32(slot + 1 + keyBytes, (dates[i] as number) - dateMin);
        staged[slot + 1 + keyBytes + 4] = reasons[i] as number;
      }
      // Pass 2: within each run, by the second octet into the final rows.
      const counts = new Uint32Array(256);
      for (let run = 0; run < 256; run++) {
        const lo = runs[run] as number;
        const hi = runs[run + 1] as number;
        counts.fill(0);
        for (let k = lo; k < hi; k++) {
          const second = staged[k * stagedBytes] as number;
          counts[second] = (counts[second] as number) + 1;
        }
        let at = lo;
        for (let second = 0; second < 256; second++) {
          offsets[(run << 8) | second] = at;
          const size = counts[second] as number;
          counts[second] = at;
          at += size;
        }
        for (let k = lo; k < hi; k++) {
          const from = k * stagedBytes;
          const second = staged[from] as number;
          const slot = counts[second] as number;
          counts[second] = slot + 1;
          copyBytes(stagedView, from + 1, rowView, slot * rowBytes, rowBytes);
        }
      }
      offsets[bucketCount] = n;
    }
    let largest = 0;
    for (let b = 0; b < bucketCount; b++)
      largest = Math.max(largest, (offsets[b + 1] as number) - (offsets[b] as number));
    // The arrival-order copies are no longer needed; let them go before the packed arrays are made.
    this.keys = new Uint8Array(0);
    this.dates = new Float64Array(0);
    this.reasons = new Uint8Array(0);
    this.count = 0;
    this.capacity = 0;

    const head = new Uint32Array(n);
    const tail = new Uint8Array(n * tailBytes);
    const packedDates = new Uint32Array(n);
    const packedReasons = new Uint8Array(Math.ceil(n / 2));
    // Per bucket: (head, slot) as 64-bit integers sorted natively; equal heads settled on the tail, then arrival.
    const sortKeys = new BigUint64Array(Math.max(largest, 1));
    const words = new Uint32Array(sortKeys.buffer);
    const readHead = (slot: number) => {
      let value = 0;
      for (let j = 0; j < headBytes; j++) value = value * 256 + (rows[slot * rowBytes + j] as number);
      return value;
    };
    const compareTails = (a: number, b: number) => {
      for (let j = headBytes; j < headBytes + tailBytes; j++) {
        const diff = (rows[a * rowBytes + j] as number) - (rows[b * rowBytes + j] as number);
        if (diff !== 0) return diff;
      }
      return 0;
    };
    let out = 0;
    const packedOffsets = new Uint32Array(bucketCount + 1);
    for (let b = 0; b < bucketCount; b++) {
      packedOffsets[b] = out;
      const lo = offsets[b] as number;
      const size = (offsets[b + 1] as number) - lo;
      if (size === 0) continue;
      for (let k = 0; k < size; k++) {
        words[2 * k] = lo + k;
        words[2 * k + 1] = readHead(lo + k);
      }
      const sorted = sortKeys.subarray(0, size);
      sorted.sort();
      if (tailBytes > 0) settleTies(words, size, compareTails);
      let previous = -1;
      for (let k = 0; k < size; k++) {
        const slot = words[2 * k] as number;
        if (
          previous >= 0 &&
          words[2 * k + 1] === words[2 * k - 1] &&
          (tailBytes === 0 || compareTails(previous, slot) === 0)
        )
          continue;
        previous = slot;
        const base = slot * rowBytes;
        head[out] = words[2 * k + 1] as number;
        for (let t = 0; t < tailBytes; t++) tail[out * tailBytes + t] = rows[base + headBytes + t] as number;
        packedDates[out] = rowView.getUint32(base + headBytes + tailBytes);
        const reason = rows[base + headBytes + tailBytes + 4] as number;
        packedReasons[out >> 1] =
          (packedReasons[out >> 1] as number) | ((reason > 15 ? 0 : reason) << ((out & 1) * 4));
        out++;
      }
    }
    packedOffsets[bucketCount] = out;

    const trimmed = out < n;
    return new RevokedSerialIndex({
      count: out,
      width,
      common: keys.slice(0, common),
      prefixBytes,
      offsets: packedOffsets,
      headBytes,
      head: trimmed ? head.slice(0, out) : head,
      tailBytes,
      tail: trimmed ? tail.slice(0, out * tailBytes) : tail,
      dateBase: dateMin,
      dates: trimmed ? packedDates.slice(0, out) : packedDates,
      reasons: trimmed ? packedReasons.slice(0, Math.ceil(out / 2)) : packedReasons,
    });
  }
}

/** Copies `length` bytes four at a time (a byte loop was most of the time spent moving ten million rows). */
function copyBytes(from: DataView, fromOffset: number, to: DataView, toOffset: number, length: number): void {
  let j = 0;
  for (; j + 4 <= length; j += 4) to.setUint32(toOffset + j, from.getUint32(fromOffset + j, true), true);
  for (; j < length; j++) to.setUint8(toOffset + j, from.getUint8(fromOffset + j));
}

/** Orders runs of equal heads (a bucket's sorted (slot, head) pairs) by their tails, then by arrival (slot). */
function settleTies(words: Uint32Array, size: number, compareTails: (a: number, b: number) => number): void {
  let s = 0;
  while (s < size) {
    let e = s + 1;
    while (e < size && words[2 * e + 1] === words[2 * s + 1]) e++;
    if (e - s > 1) {
      const slots: number[] = [];
      for (let k = s; k < e; k++) slots.push(words[2 * k] as number);
      slots.sort((x, y) => compareTails(x, y) || x - y);
      for (let k = s; k < e; k++) words[2 * k] = slots[k - s] as number;
    }
    s = e;
  }
}
