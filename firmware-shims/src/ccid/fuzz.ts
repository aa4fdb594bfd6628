/**
 * @module A bounded fuzzer for everything that parses bytes from the outside: CCID bulk and interrupt frames, the
 * class and configuration descriptors, command and response APDUs, BER lengths of card files — and, end to end,
 * the CCID driver against a reader that mutates its replies. The rule: every input either parses or fails with a
 * coded `ReaderError`; any other exception is a crash, and nothing may hang (every driver call is bounded).
 *
 * Inputs are random bytes and mutations (bit flips, truncation, extension, boundary lengths) of valid frames,
 * from a seeded PRNG so a failure can be replayed with its seed.
 */
import { decodeCommandApdu, encodeCommandApdu } from "../apdu/command-apdu.ts";
import { decodeResponseApdu } from "../apdu/response-apdu.ts";
import { certificateLength, certificateSerialHex } from "../jpki/der-certificate.ts";
import { tlvLength } from "../jpki/jpki-card-client.ts";
import { buildCcidClassDescriptor, buildConfigurationDescriptor } from "../reader/ccid-device-descriptors.ts";
import { VirtualCcidReader } from "../reader/virtual-ccid-reader.ts";
import { findCcidInterface, parseCcidDescriptor } from "./ccid-descriptor.ts";
import { decodeCcidMessage, decodeSlotChange, encodeCcidMessage } from "./ccid-message.ts";
import { CcidReader } from "./ccid-reader.ts";
import { ReaderError } from "./errors.ts";
import { EchoCard } from "./testing/echo-card.ts";
import { dataViewOf } from "./usb-bytes.ts";

export interface FuzzReport {
  seed: number;
  cases: number;
  /** Inputs that raised something other than a ReaderError (hex, first 64 bytes), with the target's name. */
  crashes: { target: string; input: string; error: string }[];
}

/** mulberry32: small, fast and good enough to spread fuzz inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (r: Random, n: number) => Math.floor(r() * n);

function randomBytes(r: Random, max: number): Uint8Array {
  return Uint8Array.from({ length: int(r, max + 1) }, () => int(r, 256));
}

export function mutate(r: Random, input: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = Array.from(input);
  const rounds = 1 + int(r, 4);
  for (let i = 0; i < rounds; i++) {
    switch (int(r, 6)) {
      case 0: // flip a bit
        if (out.length) out[int(r, out.length)]! ^= 1 << int(r, 8);
        break;
      case 1: // truncate
        out.length = int(r, out.length + 1);
        break;
      case 2: // append junk
        out.push(...randomBytes(r, 16));
        break;
      case 3: // boundary byte
        if (out.length) out[int(r, out.length)] = [0, 0x7f, 0x80, 0xff, 0x01][int(r, 5)]!;
        break;
      case 4: // duplicate a slice
        if (out.length) out.splice(int(r, out.length), 0, ...out.slice(0, int(r, out.length)));
        break;
      default: // overwrite a 32-bit field with a boundary value (dwLength and friends)
        if (out.length > 4) {
          const at = int(r, out.length - 4);
          const v = [0, 1, 0xffff, 0x10000, 0xffffffff][int(r, 5)]!;
          for (let k = 0; k < 4; k++) out[at + k] = (v >>> (8 * k)) & 0xff;
        }
    }
  }
  return Uint8Array.from(out);
}

function seeds(r: Random): Uint8Array[] {
  const atr = Uint8Array.of(0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14);
  return [
    encodeCcidMessage({ type: 0x80, slot: 0, seq: int(r, 256), params: [0, 0, 0], data: atr }),
    encodeCcidMessage({ type: 0x80, slot: 0, seq: 1, params: [0, 0, 1], data: randomBytes(r, 64) }),
    encodeCcidMessage({ type: 0x81, slot: 0, seq: 2, params: [0x42, 0xfe, 0], data: new Uint8Array(0) }),
    Uint8Array.of(0x50, 0x03),
    buildCcidClassDescriptor({
      slots: 1,
      exchangeLevel: "extended-apdu",
      maxMessageLength: 271,
      interfaceClass: 0x0b,
    }),
    buildConfigurationDescriptor({
      slots: 1,
      exchangeLevel: "short-apdu",
      maxMessageLength: 271,
      interfaceClass: 0xff,
    }),
    encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0x8a, p2: 0, le: 40 }),
    encodeCommandApdu({ cla: 0x80, ins: 0x2a, p1: 0, p2: 0x97, data: randomBytes(r, 300), le: 256 }),
    Uint8Array.of(
      0x30,
      0x82,
      0x05,
      0x10,
      0x30,
      0x82,
      0x03,
      0xf0,
      0xa0,
      0x03,
      0x02,
      0x01,
      0x02,
      0x02,
      0x02,
      0x12,
      0x34,
    ),
    Uint8Array.of(0xff, 0x10, 0x81, 0x05, 1, 2, 3, 4, 5, 0x90, 0x00),
  ];
}

const parsers: Record<string, (bytes: Uint8Array) => unknown> = {
  decodeCcidMessage: (b) => decodeCcidMessage(b, 65544),
  decodeSlotChange,
  parseCcidDescriptor,
  findCcidInterface,
  decodeCommandApdu,
  decodeResponseApdu,
  tlvLength,
  certificateLength,
  certificateSerialHex,
};

/** Feeds `iterations` random and mutated inputs to every parser. Synchronous and fast. */
export function fuzzParsers(iterations: number, seed: number): FuzzReport {
  const r = prng(seed);
  const report: FuzzReport = { seed, cases: 0, crashes: [] };
  const corpus = seeds(r);
  for (let i = 0; i < iterations; i++) {
    const input = r() < 0.3 ? randomBytes(r, 80) : mutate(r, corpus[int(r, corpus.length)]!);
    for (const [target, parse] of Object.entries(parsers)) {
      report.cases++;
      try {
        parse(input);
      } catch (error) {
        if (!(error instanceof ReaderError)) {
          report.crashes.push({
            target,
            input: Buffer.from(input.subarray(0, 64)).toString("hex"),
            error: String(error),
          });
        }
      }
    }
  }
  return report;
}

/** A virtual reader whose bulk-IN replies are mutated some of the time: a flaky cable or a buggy firmware. */
class MutatingReader extends VirtualCcidReader {
  readonly #random: Random;
  constructor(random: Random) {
    super({ exchangeLevel: "extended-apdu", maxMessageLength: 10 + 128 });
    this.#random = random;
  }
  override async transferIn(endpointNumber: number, length: number): Promise<USBInTransferResult> {
    const result = await super.transferIn(endpointNumber, length);
    if (endpointNumber !== 2 || !result.data || this.#random() > 0.35) return result;
    const bytes = new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength);
    return { status: "ok", data: dataViewOf(mutate(this.#random, bytes)) };
  }
}

/**
 * Drives the CCID driver through `rounds` commands against a reader that mutates replies and sometimes receives
 * random frames itself. Each call must resolve or fail with a ReaderError within its timeout.
 */
export async function fuzzDriver(rounds: number, seed: number): Promise<FuzzReport> {
  const r = prng(seed);
  const report: FuzzReport = { seed, cases: 0, crashes: [] };
  const device = new MutatingReader(r);
  device.insertCard(new EchoCard());
  const reader = await CcidReader.open(device, { timeoutMs: 40 });
  for (let i = 0; i < rounds; i++) {
    report.cases++;
    const op = int(r, 4);
    try {
      if (op === 0) await reader.powerOn();
      else if (op === 1) await reader.getSlotStatus();
      else if (op === 2) await reader.transmitApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1 + int(r, 600) });
      else {
        // The reader's own parser gets a random frame; it must answer something or nothing, never crash.
        await device.transferOut(
          1,
          mutate(
            r,
            encodeCcidMessage({ type: 0x6f, slot: 0, seq: 0, params: [0, 0, 0], data: randomBytes(r, 40) }),
          ),
        );
      }
    } catch (error) {
      if (!(error instanceof ReaderError)) {
        report.crashes.push({ target: `driver op ${op}`, input: `round ${i}`, error: String(error) });
      }
    }
  }
  await reader.close();
  return report;
}
