/**
 * @module A virtual CCID reader: the device side of WebUSB's `USBDevice`, holding `SmartCard`s in its slots.
 *
 * It answers the CCID bulk messages the way a short- or extended-APDU-level reader does (CCID rev 1.1 §6),
 * raises NotifySlotChange on the interrupt endpoint when a card goes in or out, and has fault switches for
 * tests and the demo: latency, a card pulled out mid-command, the reader unplugged, garbage or missing replies.
 *
 * @example
 * const reader = new VirtualCcidReader();
 * reader.insertCard(card);
 * const driver = await CcidReader.open(reader); // the same driver that runs against a real USBDevice
 */
import { concatBytes } from "@catv/jpki/bytes";
import type { SmartCard } from "../card/smart-card.ts";
import {
  type CcidMessage,
  CommandStatus,
  decodeCcidMessage,
  encodeCcidMessage,
  encodeSlotChange,
  IccStatus,
  LevelParameter,
  PcToRdr,
  RdrToPc,
  SlotError,
  statusByte,
} from "../ccid/ccid-message.ts";
import { bytesOf, dataViewOf } from "../ccid/usb-bytes.ts";
import {
  buildConfigurationDescriptor,
  buildDeviceDescriptor,
  buildUsbConfiguration,
  type CcidDescriptorParams,
  ENDPOINT_BULK_IN,
  ENDPOINT_BULK_OUT,
  ENDPOINT_INTERRUPT_IN,
  type VirtualReaderIdentity,
} from "./ccid-device-descriptors.ts";

export interface BusTimingModel {
  /** Fixed cost per bulk message (USB scheduling, reader firmware). */
  perMessageMs: number;
  /** Contact interface throughput; 9600 bit/s at the default Fi/Di of the JPKI ATR is ≈ 960 bytes/s. */
  bytesPerSecond: number;
}

export interface VirtualReaderOptions {
  slots?: number;
  exchangeLevel?: "short-apdu" | "extended-apdu";
  /** dwMaxCCIDMessageLength; a small value makes extended-level transfers chain. */
  maxMessageLength?: number;
  /** 0x0B (standard) or 0xFF (vendor class with the CCID descriptor, as WebUSB-reachable emulators use). */
  interfaceClass?: number;
  identity?: Partial<VirtualReaderIdentity>;
  timing?: BusTimingModel;
  /** While the card works longer than this, the reader sends time-extension replies (bStatus 0x80). */
  timeExtensionAfterMs?: number;
}

/** Fault switches, mutable at any time (tests and the demo page flip them). */
export interface ReaderFaults {
  /** Extra delay before every reply. */
  latencyMs: number;
  /** Pull the card out while the next XfrBlock is at the card. */
  pullCardOnNextCommand: boolean;
  /** Replace the next N replies with random bytes. */
  garbleNextReplies: number;
  /** Swallow the next N replies (the host times out and aborts). */
  dropNextReplies: number;
}

interface Slot {
  card: SmartCard | undefined;
  powered: boolean;
  commandChain: Uint8Array[];
  responseChunks: Uint8Array[];
  /** Bumped on every insert/remove, so a reply computed for a card that left is recognised. */
  generation: number;
}

interface Waiter {
  resolve(result: USBInTransferResult): void;
  reject(error: unknown): void;
}

const disconnected = () => new DOMException("The device was disconnected.", "NotFoundError");
const sleep = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

/** A reading the virtual reader hands out on its interrupt and bulk-IN endpoints. */
class Mailbox {
  readonly #items: Uint8Array[] = [];
  readonly #waiters: Waiter[] = [];

  push(bytes: Uint8Array): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve({ status: "ok", data: dataViewOf(bytes) });
    else this.#items.push(bytes);
  }

  take(): Promise<USBInTransferResult> {
    const item = this.#items.shift();
    if (item) return Promise.resolve({ status: "ok", data: dataViewOf(item) });
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  failAll(error: () => unknown): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error());
    this.#items.length = 0;
  }
}

export class VirtualCcidReader implements USBDevice {
  readonly usbVersionMajor = 2;
  readonly usbVersionMinor = 0;
  readonly usbVersionSubminor = 0;
  readonly deviceClass = 0;
  readonly deviceSubclass = 0;
  readonly deviceProtocol = 0;
  readonly vendorId: number;
  readonly productId: number;
  readonly deviceVersionMajor = 1;
  readonly deviceVersionMinor = 0;
  readonly deviceVersionSubminor = 0;
  readonly manufacturerName: string;
  readonly productName: string;
  readonly serialNumber: string;
  readonly configurations: USBConfiguration[];
  readonly faults: ReaderFaults = {
    latencyMs: 0,
    pullCardOnNextCommand: false,
    garbleNextReplies: 0,
    dropNextReplies: 0,
  };
  readonly params: CcidDescriptorParams;

  #opened = false;
  #configured = false;
  #claimed = false;
  #plugged = true;
  #busy = false;
  /** The bSeq of the command being worked on and whether the host aborted it. */
  #current: { slot: number; seq: number; aborted: boolean } | undefined;
  readonly #timing: BusTimingModel | undefined;
  readonly #timeExtensionAfterMs: number | undefined;
  readonly #slots: Slot[];
  readonly #bulkIn = new Mailbox();
  readonly #interrupt = new Mailbox();
  readonly #connectionListeners = new Set<(connected: boolean) => void>();
  readonly #stateListeners = new Set<() => void>();

  constructor(options: VirtualReaderOptions = {}) {
    const level = options.exchangeLevel ?? "extended-apdu";
    this.params = {
      slots: options.slots ?? 1,
      exchangeLevel: level,
      // Extended level: header + CLA INS P1 P2 + 00 Lc Lc + 65535 + Le Le (vsmartcard's figure); short: 10 + 261.
      maxMessageLength:
        options.maxMessageLength ?? (level === "extended-apdu" ? 10 + 4 + 3 + 65535 + 2 : 10 + 261),
      interfaceClass: options.interfaceClass ?? 0x0b,
    };
    this.vendorId = options.identity?.vendorId ?? 0x1209;
    this.productId = options.identity?.productId ?? 0xcc1d;
    this.manufacturerName = options.identity?.manufacturerName ?? "CATV Demo";
    this.productName = options.identity?.productName ?? "Virtual CCID Reader";
    this.serialNumber = options.identity?.serialNumber ?? "VR-0001";
    this.#timing = options.timing;
    this.#timeExtensionAfterMs = options.timeExtensionAfterMs;
    this.#slots = Array.from({ length: this.params.slots }, () => ({
      card: undefined,
      powered: false,
      commandChain: [],
      responseChunks: [],
      generation: 0,
    }));
    this.configurations = [buildUsbConfiguration(this.params, () => this.#claimed)];
  }

  // ——— The hand and the cable: insert, remove, unplug, replug ———

  get plugged(): boolean {
    return this.#plugged;
  }

  cardIn(slot = 0): SmartCard | undefined {
    return this.#slots[slot]?.card;
  }

  slotState(slot = 0): "absent" | "inactive" | "active" {
    const s = this.#slot(slot);
    return s.card === undefined ? "absent" : s.powered ? "active" : "inactive";
  }

  insertCard(card: SmartCard, slot = 0): void {
    const s = this.#slot(slot);
    if (s.card !== undefined) this.removeCard(slot);
    s.card = card;
    s.powered = false;
    s.generation++;
    this.#notifySlotChange(slot);
  }

  removeCard(slot = 0): SmartCard | undefined {
    const s = this.#slot(slot);
    const card = s.card;
    if (card === undefined) return undefined;
    s.card = undefined;
    s.powered = false;
    s.commandChain = [];
    s.responseChunks = [];
    s.generation++;
    this.#notifySlotChange(slot);
    return card;
  }

  /** The cable comes out: every pending and later transfer fails with NotFoundError, as WebUSB reports it. */
  unplug(): void {
    if (!this.#plugged) return;
    this.#plugged = false;
    this.#opened = false;
    this.#claimed = false;
    this.#configured = false;
    this.#busy = false;
    this.#current = undefined;
    for (const s of this.#slots) s.powered = false;
    this.#bulkIn.failAll(disconnected);
    this.#interrupt.failAll(disconnected);
    for (const listener of this.#connectionListeners) listener(false);
    this.#changed();
  }

  /** The cable goes back in; cards stay in their slots (unpowered). */
  plug(): void {
    if (this.#plugged) return;
    this.#plugged = true;
    for (const listener of this.#connectionListeners) listener(true);
    this.#changed();
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.#connectionListeners.add(listener);
    return () => this.#connectionListeners.delete(listener);
  }

  /** Any change a control page would show: card in/out, power, plug. */
  onStateChange(listener: () => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  // ——— USBDevice ———

  get opened(): boolean {
    return this.#opened;
  }

  get configuration(): USBConfiguration | null {
    return this.#configured ? this.configurations[0]! : null;
  }

  async open(): Promise<void> {
    this.#requirePlugged();
    this.#opened = true;
    this.#configured = true;
  }

  /** Closing aborts pending transfers, as WebUSB does (AbortError), so no reader is left waiting on a dead host. */
  async close(): Promise<void> {
    this.#requirePlugged();
    this.#opened = false;
    this.#claimed = false;
    const aborted = () => new DOMException("The transfer was cancelled.", "AbortError");
    this.#bulkIn.failAll(aborted);
    this.#interrupt.failAll(aborted);
  }

  async forget(): Promise<void> {
    await this.close().catch(() => undefined);
  }

  async selectConfiguration(value: number): Promise<void> {
    this.#requireOpen();
    if (value !== 1) throw new DOMException(`no configuration ${value}`, "NotFoundError");
    this.#configured = true;
  }

  async claimInterface(interfaceNumber: number): Promise<void> {
    this.#requireOpen();
    if (interfaceNumber !== 0) throw new DOMException(`no interface ${interfaceNumber}`, "NotFoundError");
    if (this.#claimed) return;
    this.#claimed = true;
    // Readers announce the slots that already hold a card, so a host that opens late still learns of it.
    if (this.#slots.some((s) => s.card !== undefined)) {
      this.#interrupt.push(
        encodeSlotChange(
          this.#slots.map((s) => ({ present: s.card !== undefined, changed: s.card !== undefined })),
        ),
      );
    }
  }

  async releaseInterface(interfaceNumber: number): Promise<void> {
    this.#requireOpen();
    if (interfaceNumber === 0) this.#claimed = false;
  }

  async selectAlternateInterface(interfaceNumber: number, alternateSetting: number): Promise<void> {
    this.#requireClaimed();
    if (interfaceNumber !== 0 || alternateSetting !== 0)
      throw new DOMException("no such alternate", "NotFoundError");
  }

  async controlTransferIn(setup: USBControlTransferParameters, length: number): Promise<USBInTransferResult> {
    this.#requireOpen();
    let bytes: Uint8Array;
    if (setup.requestType === "standard" && setup.request === 0x06 && setup.value === 0x0100) {
      bytes = buildDeviceDescriptor(this.#identity());
    } else if (setup.requestType === "standard" && setup.request === 0x06 && setup.value >> 8 === 0x02) {
      bytes = buildConfigurationDescriptor(this.params);
    } else if (setup.requestType === "class" && setup.request === 0x02) {
      bytes = Uint8Array.of(0xfc, 0x0d, 0, 0); // GET_CLOCK_FREQUENCIES: 3580 kHz
    } else if (setup.requestType === "class" && setup.request === 0x03) {
      bytes = Uint8Array.of(0x80, 0x25, 0, 0); // GET_DATA_RATES: 9600 bps
    } else {
      return { status: "stall" };
    }
    return { status: "ok", data: dataViewOf(bytes.subarray(0, length)) };
  }

  async controlTransferOut(
    setup: USBControlTransferParameters,
    data?: BufferSource,
  ): Promise<USBOutTransferResult> {
    this.#requireOpen();
    if (setup.requestType === "class" && setup.request === 0x01) {
      // ABORT (CCID §5.3.1): wValue = bSeq << 8 | bSlot. The matching PC_to_RDR_Abort follows on bulk OUT.
      const slot = setup.value & 0xff;
      const seq = setup.value >> 8;
      if (this.#current && this.#current.slot === slot && this.#current.seq === seq)
        this.#current.aborted = true;
      return { status: "ok", bytesWritten: 0 };
    }
    return { status: "stall", bytesWritten: bytesOf(data).length };
  }

  async clearHalt(_direction: USBDirection, _endpointNumber: number): Promise<void> {
    this.#requireClaimed();
  }

  transferIn(endpointNumber: number, _length: number): Promise<USBInTransferResult> {
    try {
      this.#requireClaimed();
    } catch (error) {
      return Promise.reject(error);
    }
    if (endpointNumber === ENDPOINT_BULK_IN) return this.#bulkIn.take();
    if (endpointNumber === ENDPOINT_INTERRUPT_IN) return this.#interrupt.take();
    return Promise.reject(new DOMException(`no IN endpoint ${endpointNumber}`, "NotFoundError"));
  }

  async transferOut(endpointNumber: number, data: BufferSource): Promise<USBOutTransferResult> {
    this.#requireClaimed();
    if (endpointNumber !== ENDPOINT_BULK_OUT)
      throw new DOMException(`no OUT endpoint ${endpointNumber}`, "NotFoundError");
    const bytes = bytesOf(data).slice();
    void this.#handle(bytes);
    return { status: "ok", bytesWritten: bytes.length };
  }

  async isochronousTransferIn(): Promise<USBIsochronousInTransferResult> {
    throw new DOMException("the reader has no isochronous endpoints", "NotSupportedError");
  }

  async isochronousTransferOut(): Promise<USBIsochronousOutTransferResult> {
    throw new DOMException("the reader has no isochronous endpoints", "NotSupportedError");
  }

  async reset(): Promise<void> {
    this.#requireOpen();
    for (const s of this.#slots) {
      s.powered = false;
      s.commandChain = [];
      s.responseChunks = [];
    }
  }

  // ——— The reader's firmware ———

  async #handle(frame: Uint8Array): Promise<void> {
    let message: CcidMessage;
    try {
      message = decodeCcidMessage(frame, this.params.maxMessageLength);
    } catch {
      // An unparseable frame has no trustworthy bSeq; a reader answers CMD_NOT_SUPPORTED on what it could read.
      this.#reply({
        type: RdrToPc.SlotStatus,
        slot: frame[5] ?? 0,
        seq: frame[6] ?? 0,
        params: [statusByte(CommandStatus.failed, IccStatus.absent), SlotError.CMD_NOT_SUPPORTED, 0],
        data: new Uint8Array(0),
      });
      return;
    }
    if (message.type === PcToRdr.Abort) {
      if (this.#current?.seq === message.seq) this.#current.aborted = true;
      this.#reply(this.#slotStatus(message, CommandStatus.ok, 0));
      return;
    }
    if (this.#busy) {
      this.#reply(this.#slotStatus(message, CommandStatus.failed, SlotError.CMD_SLOT_BUSY));
      return;
    }
    this.#busy = true;
    const current = { slot: message.slot, seq: message.seq, aborted: false };
    this.#current = current;
    try {
      await this.#busDelay(frame.length);
      const reply = await this.#execute(message);
      if (!this.#plugged || current.aborted) return;
      await this.#busDelay(reply.data.length + 10);
      await sleep(this.faults.latencyMs);
      if (!this.#plugged || current.aborted) return;
      this.#reply(reply);
    } finally {
      if (this.#current === current) {
        this.#busy = false;
        this.#current = undefined;
      }
    }
  }

  async #execute(message: CcidMessage): Promise<CcidMessage> {
    const s = this.#slots[message.slot];
    if (s === undefined)
      return this.#slotStatus(message, CommandStatus.failed, SlotError.BAD_SLOT, IccStatus.absent);
    switch (message.type) {
      case PcToRdr.GetSlotStatus:
        return this.#slotStatus(message, CommandStatus.ok, 0);
      case PcToRdr.IccPowerOff:
        s.powered = false;
        s.card?.powerOff();
        this.#changed();
        return this.#slotStatus(message, CommandStatus.ok, 0);
      case PcToRdr.IccPowerOn: {
        if (s.card === undefined) return this.#slotStatus(message, CommandStatus.failed, SlotError.ICC_MUTE);
        const atr = s.card.powerOn();
        s.powered = true;
        s.commandChain = [];
        s.responseChunks = [];
        this.#changed();
        return { ...this.#slotStatus(message, CommandStatus.ok, 0), type: RdrToPc.DataBlock, data: atr };
      }
      case PcToRdr.XfrBlock:
        return this.#xfrBlock(message, s);
      default:
        return this.#slotStatus(message, CommandStatus.failed, SlotError.CMD_NOT_SUPPORTED);
    }
  }

  async #xfrBlock(message: CcidMessage, s: Slot): Promise<CcidMessage> {
    const dataBlock = (data: Uint8Array, chain = 0): CcidMessage => ({
      type: RdrToPc.DataBlock,
      slot: message.slot,
      seq: message.seq,
      params: [statusByte(CommandStatus.ok, IccStatus.active), 0, chain],
      data,
    });
    if (s.card === undefined) return this.#dataFailure(message, SlotError.ICC_MUTE);
    if (!s.powered) return this.#dataFailure(message, SlotError.DEACTIVATED_PROTOCOL);
    const level = message.params[1] | (message.params[2] << 8);
    if (level === LevelParameter.nextResponse) return this.#nextResponseChunk(message, s, dataBlock);
    if (level === LevelParameter.begin || level === LevelParameter.continue) {
      if (this.params.exchangeLevel !== "extended-apdu")
        return this.#dataFailure(message, SlotError.CMD_NOT_SUPPORTED);
      if (level === LevelParameter.begin) s.commandChain = [];
      s.commandChain.push(message.data);
      // An empty DataBlock with bChainParameter 0x10: "send the next part of the command" (CCID §6.2.1).
      return dataBlock(new Uint8Array(0), 0x10);
    }
    let apdu = message.data;
    if (level === LevelParameter.end) {
      apdu = concatBytes(...s.commandChain, message.data);
      s.commandChain = [];
    } else if (level !== LevelParameter.complete) {
      return this.#dataFailure(message, SlotError.CMD_NOT_SUPPORTED);
    }
    const response = await this.#atCard(message, s, apdu);
    if (response instanceof Uint8Array === false) return response;
    const max = this.params.maxMessageLength - 10;
    if (response.length <= max) return dataBlock(response);
    s.responseChunks = [];
    for (let offset = 0; offset < response.length; offset += max)
      s.responseChunks.push(response.subarray(offset, offset + max));
    return dataBlock(s.responseChunks.shift()!, 0x01);
  }

  #nextResponseChunk(
    message: CcidMessage,
    s: Slot,
    dataBlock: (d: Uint8Array, c?: number) => CcidMessage,
  ): CcidMessage {
    const chunk = s.responseChunks.shift();
    if (chunk === undefined) return this.#dataFailure(message, SlotError.CMD_NOT_SUPPORTED);
    return dataBlock(chunk, s.responseChunks.length === 0 ? 0x02 : 0x03);
  }

  /** Runs the APDU at the card, sending time extensions while it works and noticing a card pulled meanwhile. */
  async #atCard(message: CcidMessage, s: Slot, apdu: Uint8Array): Promise<Uint8Array | CcidMessage> {
    const card = s.card!;
    const generation = s.generation;
    const work = card.transmit(apdu);
    if (this.faults.pullCardOnNextCommand) {
      this.faults.pullCardOnNextCommand = false;
      this.removeCard(message.slot);
    }
    let extension: ReturnType<typeof setInterval> | undefined;
    if (this.#timeExtensionAfterMs !== undefined) {
      extension = setInterval(() => {
        this.#reply({
          type: RdrToPc.DataBlock,
          slot: message.slot,
          seq: message.seq,
          params: [statusByte(CommandStatus.timeExtension, IccStatus.active), 1, 0],
          data: new Uint8Array(0),
        });
      }, this.#timeExtensionAfterMs);
    }
    try {
      const response = await work;
      if (s.generation !== generation || s.card !== card)
        return this.#dataFailure(message, SlotError.ICC_MUTE);
      return response;
    } catch {
      return this.#dataFailure(message, SlotError.HW_ERROR);
    } finally {
      clearInterval(extension);
    }
  }

  #dataFailure(message: CcidMessage, error: number): CcidMessage {
    return { ...this.#slotStatus(message, CommandStatus.failed, error), type: RdrToPc.DataBlock };
  }

  #slotStatus(message: CcidMessage, commandStatus: number, error: number, icc?: number): CcidMessage {
    const s = this.#slots[message.slot];
    const iccStatus =
      icc ?? (s?.card === undefined ? IccStatus.absent : s.powered ? IccStatus.active : IccStatus.inactive);
    return {
      type: RdrToPc.SlotStatus,
      slot: message.slot,
      seq: message.seq,
      params: [statusByte(commandStatus, iccStatus), error, 0],
      data: new Uint8Array(0),
    };
  }

  #reply(message: CcidMessage): void {
    if (!this.#plugged) return;
    if (this.faults.dropNextReplies > 0) {
      this.faults.dropNextReplies--;
      return;
    }
    if (this.faults.garbleNextReplies > 0) {
      this.faults.garbleNextReplies--;
      const garbage = new Uint8Array(Math.floor(Math.random() * 24));
      crypto.getRandomValues(garbage);
      this.#bulkIn.push(garbage);
      return;
    }
    this.#bulkIn.push(encodeCcidMessage(message));
  }

  #notifySlotChange(slot: number): void {
    if (this.#plugged && this.#claimed) {
      this.#interrupt.push(
        encodeSlotChange(this.#slots.map((s, i) => ({ present: s.card !== undefined, changed: i === slot }))),
      );
    }
    this.#changed();
  }

  #changed(): void {
    for (const listener of this.#stateListeners) listener();
  }

  async #busDelay(bytes: number): Promise<void> {
    if (this.#timing === undefined) return;
    await sleep(this.#timing.perMessageMs + (bytes * 1000) / this.#timing.bytesPerSecond);
  }

  #slot(slot: number): Slot {
    const s = this.#slots[slot];
    if (s === undefined) throw new RangeError(`the reader has no slot ${slot}`);
    return s;
  }

  #identity(): VirtualReaderIdentity {
    const { vendorId, productId, manufacturerName, productName, serialNumber } = this;
    return { vendorId, productId, manufacturerName, productName, serialNumber };
  }

  #requirePlugged(): void {
    if (!this.#plugged) throw disconnected();
  }

  #requireOpen(): void {
    this.#requirePlugged();
    if (!this.#opened) throw new DOMException("the device is not open", "InvalidStateError");
  }

  #requireClaimed(): void {
    this.#requireOpen();
    if (!this.#claimed) throw new DOMException("the interface is not claimed", "InvalidStateError");
  }
}
