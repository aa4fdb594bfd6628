/**
 * @module A CCID reader driven through the standard WebUSB `USBDevice` interface — a real reader, the
 * firmware bridge's shim, or the virtual reader: the driver cannot tell them apart.
 *
 * One command at a time per reader (CCID allows one outstanding bulk command per slot and our readers have
 * bMaxBusySlots 1). Every transfer has a timeout; on expiry the driver sends the ABORT class request and the
 * PC_to_RDR_Abort message (CCID §5.3.1) so the reader is usable again, then reports `timeout`.
 *
 * @example
 * const reader = await CcidReader.open(device);
 * reader.on("card-inserted", () => …);
 * const atr = await reader.powerOn();
 * const response = await reader.transmitApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: aid });
 */

import { concatBytes } from "@catv/jpki/bytes";
import type { CommandApdu } from "../apdu/command-apdu.ts";
import { needsExtendedForm } from "../apdu/command-apdu.ts";
import type { ResponseApdu } from "../apdu/response-apdu.ts";
import { transmitApdu } from "../apdu/transmit-apdu.ts";
import { type CcidDescriptor, findCcidInterface } from "./ccid-descriptor.ts";
import {
  CCID_HEADER_LENGTH,
  type CcidMessage,
  CommandStatus,
  decodeCcidMessage,
  decodeSlotChange,
  encodeCcidMessage,
  IccStatus,
  LevelParameter,
  PcToRdr,
  RdrToPc,
  replyStatus,
  SlotError,
} from "./ccid-message.ts";
import { ReaderError } from "./errors.ts";
import { bytesOf } from "./usb-bytes.ts";

export interface CcidReaderOptions {
  /** Bound on each bulk transfer (a time extension multiplies it by the reader's bError). Default 5000 ms. */
  timeoutMs?: number;
}

export type SlotState = "active" | "inactive" | "absent";

export interface CcidReaderEvents {
  "card-inserted": { slot: number };
  "card-removed": { slot: number };
  /** The device went away (unplugged); every later call fails with `reader_unplugged`. */
  unplugged: Record<string, never>;
}

type Listener<T> = (event: T) => void;

/** Frames with a stale bSeq are skipped; after this many in a row the reply counts as malformed (CCID driver's rule). */
const MAX_SKIPPED_FRAMES = 10;

interface Endpoints {
  bulkOut: number;
  bulkIn: number;
  interruptIn: number | undefined;
}

export class CcidReader {
  readonly device: USBDevice;
  readonly descriptor: CcidDescriptor;
  readonly interfaceNumber: number;
  readonly #endpoints: Endpoints;
  readonly #timeoutMs: number;
  #seq = 0;
  #queue: Promise<unknown> = Promise.resolve();
  /** A bulk-IN read that outlived its timeout: the next receive takes its frame rather than starting another. */
  #pendingRead: Promise<USBInTransferResult> | undefined;
  #closed = false;
  #unplugged = false;
  readonly #listeners = new Map<keyof CcidReaderEvents, Set<Listener<never>>>();

  private constructor(
    device: USBDevice,
    interfaceNumber: number,
    descriptor: CcidDescriptor,
    endpoints: Endpoints,
    options: CcidReaderOptions,
  ) {
    this.device = device;
    this.interfaceNumber = interfaceNumber;
    this.descriptor = descriptor;
    this.#endpoints = endpoints;
    this.#timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Opens the device, finds and claims its CCID interface and starts listening for slot changes. */
  static async open(device: USBDevice, options: CcidReaderOptions = {}): Promise<CcidReader> {
    const timeoutMs = options.timeoutMs ?? 5000;
    const bounded = <T>(step: Promise<T>) => withDeadline(step, timeoutMs);
    try {
      if (!device.opened) await bounded(device.open());
      if (device.configuration === null) await bounded(device.selectConfiguration(1));
      const configuration = await bounded(readConfigurationDescriptor(device));
      const { interfaceNumber, descriptor } = findCcidInterface(configuration);
      if (descriptor.exchangeLevel !== "short-apdu" && descriptor.exchangeLevel !== "extended-apdu") {
        throw new ReaderError(
          "reader_unsupported",
          `the reader works at ${descriptor.exchangeLevel} level; this driver needs a short or extended APDU level reader`,
        );
      }
      await bounded(device.claimInterface(interfaceNumber));
      const endpoints = findEndpoints(device, interfaceNumber);
      const reader = new CcidReader(device, interfaceNumber, descriptor, endpoints, options);
      reader.#listenForSlotChanges();
      return reader;
    } catch (error) {
      throw asReaderError(error);
    }
  }

  /** Largest APDU the reader passes in one XfrBlock; beyond it extended-level readers chain. */
  get maxApduLength(): number {
    return this.descriptor.maxMessageLength - CCID_HEADER_LENGTH;
  }

  /** True when extended APDUs (Lc > 255 or Le > 256) can be sent. */
  get supportsExtendedApdu(): boolean {
    return this.descriptor.exchangeLevel === "extended-apdu";
  }

  on<K extends keyof CcidReaderEvents>(event: K, listener: Listener<CcidReaderEvents[K]>): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as Listener<never>);
    this.#listeners.set(event, set);
    return () => set.delete(listener as Listener<never>);
  }

  #emit<K extends keyof CcidReaderEvents>(event: K, payload: CcidReaderEvents[K]): void {
    for (const listener of this.#listeners.get(event) ?? [])
      (listener as Listener<CcidReaderEvents[K]>)(payload);
  }

  /** Powers the card on (automatic voltage) and returns its ATR. */
  powerOn(slot = 0): Promise<Uint8Array> {
    return this.#exclusive(async () => {
      const reply = await this.#command(slot, PcToRdr.IccPowerOn, [0, 0, 0], new Uint8Array(0));
      // vsmartcard answers RDR_to_PC_SlotStatus with the ATR; the CCID driver accepts both, and so do we.
      if (reply.type !== RdrToPc.DataBlock && reply.type !== RdrToPc.SlotStatus) {
        throw new ReaderError("malformed_reply", `IccPowerOn answered with message type ${reply.type}`);
      }
      return reply.data;
    });
  }

  powerOff(slot = 0): Promise<void> {
    return this.#exclusive(async () => {
      this.#expectType(
        await this.#command(slot, PcToRdr.IccPowerOff, [0, 0, 0], new Uint8Array(0)),
        RdrToPc.SlotStatus,
      );
    });
  }

  /** The slot's ICC state; never throws for an absent card (that is an answer here, not an error). */
  getSlotStatus(slot = 0): Promise<SlotState> {
    return this.#exclusive(async () => {
      const reply = await this.#command(slot, PcToRdr.GetSlotStatus, [0, 0, 0], new Uint8Array(0), {
        absentIsAnswer: true,
      });
      this.#expectType(reply, RdrToPc.SlotStatus);
      const { iccStatus } = replyStatus(reply);
      return iccStatus === IccStatus.active
        ? "active"
        : iccStatus === IccStatus.inactive
          ? "inactive"
          : "absent";
    });
  }

  /**
   * Sends one raw command APDU with XfrBlock and returns the raw response. At extended level a command longer
   * than one message is chained (wLevelParameter 1/3/2) and a chained response is collected with wLevel 0x10.
   */
  transmit(apdu: Uint8Array, slot = 0): Promise<Uint8Array> {
    return this.#exclusive(() => this.#transmitUnlocked(apdu, slot));
  }

  /** Sends a command APDU with `61xx`/`6Cxx` handling; refuses extended APDUs on a short-level reader. */
  transmitApdu(command: CommandApdu, slot = 0): Promise<ResponseApdu> {
    if (needsExtendedForm(command) && !this.supportsExtendedApdu) {
      return Promise.reject(
        new ReaderError("apdu_invalid", "an extended APDU cannot pass a short-APDU level reader"),
      );
    }
    return this.#exclusive(() => transmitApdu((bytes) => this.#transmitUnlocked(bytes, slot), command));
  }

  /** Releases the interface and closes the device. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#unplugged) return;
    await this.#queue.catch(() => undefined);
    try {
      await this.device.releaseInterface(this.interfaceNumber);
      await this.device.close();
    } catch {
      // Closing a device that just went away is not an error worth reporting.
    }
  }

  async #transmitUnlocked(apdu: Uint8Array, slot: number): Promise<Uint8Array> {
    const max = this.maxApduLength;
    let reply: CcidMessage;
    if (apdu.length <= max) {
      reply = await this.#xfr(slot, apdu, LevelParameter.complete);
    } else if (this.supportsExtendedApdu) {
      const chunks: Uint8Array[] = [];
      for (let offset = 0; offset < apdu.length; offset += max)
        chunks.push(apdu.subarray(offset, offset + max));
      reply = await this.#xfr(slot, chunks[0]!, LevelParameter.begin);
      for (let i = 1; i < chunks.length; i++) {
        reply = await this.#xfr(
          slot,
          chunks[i]!,
          i === chunks.length - 1 ? LevelParameter.end : LevelParameter.continue,
        );
      }
    } else {
      throw new ReaderError("apdu_invalid", `an APDU of ${apdu.length} bytes exceeds the reader's ${max}`);
    }
    const parts = [reply.data];
    let chain = replyStatus(reply).chain;
    // bChainParameter 1 (begin) or 3 (continue): more response blocks follow (CCID §6.2.1).
    for (let rounds = 0; chain === 0x01 || chain === 0x03; rounds++) {
      if (rounds > 0xffff) throw new ReaderError("malformed_reply", "endless response chain");
      reply = await this.#xfr(slot, new Uint8Array(0), LevelParameter.nextResponse);
      parts.push(reply.data);
      chain = replyStatus(reply).chain;
    }
    return concatBytes(...parts);
  }

  async #xfr(slot: number, data: Uint8Array, level: number): Promise<CcidMessage> {
    const reply = await this.#command(slot, PcToRdr.XfrBlock, [0, level & 0xff, level >> 8], data);
    this.#expectType(reply, RdrToPc.DataBlock);
    return reply;
  }

  #expectType(reply: CcidMessage, type: number): void {
    if (reply.type !== type) {
      throw new ReaderError("malformed_reply", `expected message type ${type}, got ${reply.type}`);
    }
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(
      () => this.#guardOpen().then(work),
      () => this.#guardOpen().then(work),
    );
    this.#queue = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      const coded = asReaderError(error);
      if (coded.code === "reader_unplugged") this.#markUnplugged();
      throw coded;
    });
  }

  async #guardOpen(): Promise<void> {
    if (this.#unplugged) throw new ReaderError("reader_unplugged", "the reader was unplugged");
    if (this.#closed) throw new ReaderError("reader_not_found", "the reader was closed");
  }

  async #command(
    slot: number,
    type: number,
    params: [number, number, number],
    data: Uint8Array,
    options: { absentIsAnswer?: boolean } = {},
  ): Promise<CcidMessage> {
    const seq = this.#seq;
    this.#seq = (this.#seq + 1) & 0xff;
    const frame = encodeCcidMessage({ type, slot, seq, params, data });
    if (frame.length > this.descriptor.maxMessageLength) {
      throw new ReaderError("apdu_invalid", `a ${frame.length}-byte message exceeds the reader's maximum`);
    }
    await this.#withTimeout(
      this.device.transferOut(this.#endpoints.bulkOut, frame),
      this.#timeoutMs,
      slot,
      seq,
    );
    let timeout = this.#timeoutMs;
    let skipped = 0;
    for (;;) {
      const reply = await this.#receive(timeout, slot, seq);
      if (reply === undefined || reply.seq !== seq || reply.slot !== slot) {
        if (++skipped > MAX_SKIPPED_FRAMES) {
          throw new ReaderError(
            "malformed_reply",
            "the reader kept answering with frames of another sequence",
          );
        }
        continue;
      }
      const status = replyStatus(reply);
      if (status.commandStatus === CommandStatus.timeExtension) {
        // The card asked for more time: wait bError times the usual bound (CCID §6.2.6, the CCID driver's rule).
        timeout = this.#timeoutMs * Math.max(1, status.error);
        continue;
      }
      if (status.commandStatus === CommandStatus.ok) return reply;
      if (status.iccStatus === IccStatus.absent && options.absentIsAnswer) return reply;
      throw this.#slotError(slot, status.iccStatus, status.error, type);
    }
  }

  /** Reads one bulk-IN frame; answers undefined for a frame too garbled to parse (it is skipped like a stale one). */
  async #receive(timeoutMs: number, slot: number, seq: number): Promise<CcidMessage | undefined> {
    const read =
      this.#pendingRead ?? this.device.transferIn(this.#endpoints.bulkIn, this.descriptor.maxMessageLength);
    this.#pendingRead = read;
    const result = await this.#withTimeout(read, timeoutMs, slot, seq);
    this.#pendingRead = undefined;
    if (result.status !== "ok") {
      throw new ReaderError("reader_hardware_error", `bulk-IN transfer ended with status ${result.status}`);
    }
    const bytes = bytesOf(result.data);
    try {
      return decodeCcidMessage(bytes, this.descriptor.maxMessageLength);
    } catch {
      throw new ReaderError("malformed_reply", `the reader sent a malformed ${bytes.length}-byte frame`);
    }
  }

  async #withTimeout<T>(promise: Promise<T>, timeoutMs: number, slot: number, seq: number): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ReaderError("timeout", `no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([promise, expired]);
    } catch (error) {
      if (error instanceof ReaderError && error.code === "timeout") await this.#abort(slot, seq);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * CCID §5.3.1: the ABORT class request (wValue = bSeq << 8 | bSlot) then PC_to_RDR_Abort with the same bSlot
   * and bSeq. Best effort: a reader that is gone or wedged must not turn a timeout into a hang.
   */
  async #abort(slot: number, seq: number): Promise<void> {
    const bounded = <T>(p: Promise<T>) =>
      Promise.race([
        p.catch(() => undefined),
        new Promise((r) => setTimeout(r, Math.min(this.#timeoutMs, 1000))),
      ]);
    await bounded(
      this.device.controlTransferOut({
        requestType: "class",
        recipient: "interface",
        request: 0x01,
        value: (seq << 8) | slot,
        index: this.interfaceNumber,
      }),
    );
    await bounded(
      this.device.transferOut(
        this.#endpoints.bulkOut,
        encodeCcidMessage({ type: PcToRdr.Abort, slot, seq, params: [0, 0, 0], data: new Uint8Array(0) }),
      ),
    );
  }

  #slotError(slot: number, iccStatus: number, error: number, type: number): ReaderError {
    const details = { bError: error, iccStatus };
    if (iccStatus === IccStatus.absent) {
      if (error === SlotError.BAD_SLOT)
        return new ReaderError("reader_unsupported", `the reader has no slot ${slot}`, details);
      // An XfrBlock only follows a successful IccPowerOn, so an absent card here was pulled out meanwhile.
      return type === PcToRdr.XfrBlock
        ? new ReaderError("card_removed", "the card was removed during the command", details)
        : new ReaderError("no_card", "no card in the reader", details);
    }
    switch (error) {
      case SlotError.ICC_MUTE:
        return new ReaderError("card_mute", "the card did not answer", details);
      case SlotError.HW_ERROR:
        return new ReaderError("reader_hardware_error", "the reader reported a hardware error", details);
      case SlotError.CMD_SLOT_BUSY:
      case SlotError.BUSY_WITH_AUTO_SEQUENCE:
        return new ReaderError("reader_busy", "the reader's slot is busy", details);
      case SlotError.CMD_ABORTED:
        return new ReaderError("timeout", "the command was aborted", details);
      case SlotError.CMD_NOT_SUPPORTED:
        return new ReaderError("reader_unsupported", "the reader does not support this command", details);
      default:
        if (iccStatus === IccStatus.inactive && type === PcToRdr.XfrBlock) {
          return new ReaderError("card_protocol_error", "the card is not powered", details);
        }
        return new ReaderError("card_protocol_error", `the reader reported error ${error}`, details);
    }
  }

  #listenForSlotChanges(): void {
    const endpoint = this.#endpoints.interruptIn;
    if (endpoint === undefined) return;
    const loop = async () => {
      while (!this.#closed && !this.#unplugged) {
        let bytes: Uint8Array;
        try {
          const result = await this.device.transferIn(endpoint, 8);
          bytes = bytesOf(result.data);
        } catch (error) {
          if (isDisconnect(error)) this.#markUnplugged();
          return;
        }
        let changes: ReturnType<typeof decodeSlotChange>;
        try {
          changes = decodeSlotChange(bytes);
        } catch {
          continue; // RDR_to_PC_HardwareError and garbage are not slot changes.
        }
        for (const change of changes) {
          if (!change.changed || change.slot > this.descriptor.maxSlotIndex) continue;
          this.#emit(change.present ? "card-inserted" : "card-removed", { slot: change.slot });
        }
      }
    };
    void loop();
  }

  #markUnplugged(): void {
    if (this.#unplugged) return;
    this.#unplugged = true;
    this.#emit("unplugged", {});
  }

  /** Called by the host when `navigator.usb` reports this device disconnected. */
  notifyDisconnected(): void {
    this.#markUnplugged();
  }
}

/** Bounds a setup step; a device that never answers must not hang the app (no ABORT exists before claiming). */
async function withDeadline<T>(step: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      step,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new ReaderError("timeout", `the reader did not answer within ${ms} ms`)),
          ms,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function readConfigurationDescriptor(device: USBDevice): Promise<Uint8Array> {
  const setup = {
    requestType: "standard",
    recipient: "device",
    request: 0x06,
    value: 0x0200,
    index: 0,
  } as const;
  const head = bytesOf((await device.controlTransferIn(setup, 9)).data);
  if (head.length < 4)
    throw new ReaderError("reader_unsupported", "the device gave no configuration descriptor");
  const total = head[2]! | (head[3]! << 8);
  return bytesOf((await device.controlTransferIn(setup, total)).data);
}

function findEndpoints(device: USBDevice, interfaceNumber: number): Endpoints {
  const iface = device.configuration?.interfaces.find((i) => i.interfaceNumber === interfaceNumber);
  const endpoints = iface?.alternate.endpoints ?? [];
  const bulkOut = endpoints.find((e) => e.type === "bulk" && e.direction === "out")?.endpointNumber;
  const bulkIn = endpoints.find((e) => e.type === "bulk" && e.direction === "in")?.endpointNumber;
  const interruptIn = endpoints.find((e) => e.type === "interrupt" && e.direction === "in")?.endpointNumber;
  if (bulkOut === undefined || bulkIn === undefined) {
    throw new ReaderError("reader_unsupported", "the CCID interface lacks its bulk endpoints");
  }
  return { bulkOut, bulkIn, interruptIn };
}

function isDisconnect(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "name" in error &&
    (error.name === "NotFoundError" || error.name === "NetworkError" || error.name === "InvalidStateError")
  );
}

/** Maps WebUSB's DOMExceptions to the catalogue; our own errors pass through. */
export function asReaderError(error: unknown): ReaderError {
  if (error instanceof ReaderError) return error;
  if (isDisconnect(error)) return new ReaderError("reader_unplugged", "the reader was disconnected");
  if (typeof error === "object" && error !== null && "name" in error && error.name === "SecurityError") {
    return new ReaderError("reader_unsupported", "the browser refused access to the reader's interface");
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ReaderError("reader_hardware_error", `USB transfer failed: ${message}`);
}
