/**
 * @module A national-scale revocation population for the simulator's CRLs: N revoked serials that no resident
 * holds, drawn from a seeded generator so the same (seed, CA type, N, as-of time) always gives the same entries in
 * the same order, and a CRL can be re-encoded byte for byte instead of stored. Each serial has the length and
 * form of the simulator's own certificate serials (16 octets, first octet 0x10–0x7F, `newSerialHex`), each date
 * lies in the five years before the as-of time, and the reasons follow JPKI's triggers (jpki.md §7): renewal =
 * superseded, 記載事項変更 (署名用 only) = affiliationChanged, loss = keyCompromise, and a request or a recording
 * error, whose reason RFC 5280 §5.3.1 says to leave out (unspecified).
 */
import { createHash } from "node:crypto";
import type { CertificateType } from "../storage/jlis-repository.ts";

export interface SyntheticPopulation {
  seed: string;
  count: number;
  /** Whole seconds since 1970: the newest revocation date any entry may have. */
  asOfSeconds: number;
}

export const SYNTHETIC_SERIAL_OCTETS = 16;
const FIVE_YEARS_SECONDS = 5 * 365 * 86400;

/** Percent of entries per reason code; 0 (unspecified) entries carry no reasonCode. */
const REASON_MIX: Record<CertificateType, [reason: number, percent: number][]> = {
  sign: [
    [4, 40],
    [3, 30],
    [1, 20],
    [0, 10],
  ],
  auth: [
    [4, 65],
    [1, 25],
    [0, 10],
  ],
};

/**
 * Walks the population: each `next()` writes one serial into `serial` (16 octets) and sets `revokedAtSeconds`
 * and `reason`. sfc32 (a small, fast, well-distributed 32-bit generator) seeded from SHA-256 of the seed.
 */
export class SyntheticRevocationCursor {
  readonly serial = new Uint8Array(SYNTHETIC_SERIAL_OCTETS);
  revokedAtSeconds = 0;
  reason = 0;
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly asOfSeconds: number;
  private readonly reasonTable: Uint8Array;

  constructor(type: CertificateType, population: Pick<SyntheticPopulation, "seed" | "asOfSeconds">) {
    const digest = createHash("sha256").update(`${population.seed}\0${type}`).digest();
    this.a = digest.readUInt32BE(0);
    this.b = digest.readUInt32BE(4);
    this.c = digest.readUInt32BE(8);
    this.d = digest.readUInt32BE(12) | 1;
    this.asOfSeconds = population.asOfSeconds;
    this.reasonTable = new Uint8Array(100);
    let at = 0;
    for (const [reason, percent] of REASON_MIX[type]) {
      this.reasonTable.fill(reason, at, at + percent);
      at += percent;
    }
    for (let i = 0; i < 16; i++) this.random();
  }

  private random(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): void {
    const serial = this.serial;
    for (let i = 0; i < SYNTHETIC_SERIAL_OCTETS; i += 4) {
      const value = this.random();
      serial[i] = value >>> 24;
      serial[i + 1] = (value >>> 16) & 0xff;
      serial[i + 2] = (value >>> 8) & 0xff;
      serial[i + 3] = value & 0xff;
    }
    // A positive serial without a leading zero octet, as newSerialHex makes them.
    serial[0] = ((serial[0] as number) & 0x7f) | 0x10;
    this.revokedAtSeconds = this.asOfSeconds - (this.random() % FIVE_YEARS_SECONDS);
    this.reason = this.reasonTable[this.random() % 100] as number;
  }
}
