/**
 * @module The readers the bridge owns, each under a stable device ID, and what the hand does to them: insert or
 * remove a demo card, unplug or replug the reader. Emits connect/disconnect and state changes for the WebSocket
 * and the demo page.
 */

import type { Logger } from "@catv/service-kit";
import type { EmulatedMyNumberCard } from "../card/emulated-my-number-card.ts";
import type { ReaderFaults, VirtualCcidReader } from "../reader/virtual-ccid-reader.ts";
import type { CardLibrary } from "./card-library.ts";

export interface PooledReader {
  deviceId: string;
  device: USBDevice;
  /** Present for the virtual backend: the slots a hand can reach. */
  virtual?: VirtualCcidReader;
  insertedCardId?: string | undefined;
}

export interface PoolListener {
  connected?(reader: PooledReader): void;
  disconnected?(reader: PooledReader): void;
  changed?(): void;
}

export class ReaderPoolError extends Error {
  readonly code: "reader_not_found" | "card_not_found" | "not_virtual" | "reader_unplugged";
  constructor(code: ReaderPoolError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

export class ReaderPool {
  readonly #readers = new Map<string, PooledReader>();
  readonly #listeners = new Set<PoolListener>();
  readonly #library: CardLibrary;
  readonly #logger: Logger;

  constructor(library: CardLibrary, logger: Logger) {
    this.#library = library;
    this.#logger = logger;
  }

  get library(): CardLibrary {
    return this.#library;
  }

  addVirtual(deviceId: string, reader: VirtualCcidReader): void {
    const pooled: PooledReader = { deviceId, device: reader, virtual: reader };
    this.#readers.set(deviceId, pooled);
    reader.onConnectionChange((connected) => {
      this.#logger.info(connected ? "reader plugged in" : "reader unplugged", { deviceId });
      for (const l of this.#listeners) (connected ? l.connected : l.disconnected)?.(pooled);
    });
    reader.onStateChange(() => this.#changed());
  }

  /** A real reader found by the `usb` backend; it is gone for good when disconnected. */
  addDevice(deviceId: string, device: USBDevice): void {
    const pooled: PooledReader = { deviceId, device };
    this.#readers.set(deviceId, pooled);
    for (const l of this.#listeners) l.connected?.(pooled);
    this.#changed();
  }

  removeDevice(deviceId: string): void {
    const pooled = this.#readers.get(deviceId);
    if (!pooled) return;
    this.#readers.delete(deviceId);
    for (const l of this.#listeners) l.disconnected?.(pooled);
    this.#changed();
  }

  subscribe(listener: PoolListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Readers that are plugged in (what `navigator.usb.getDevices()` lists). */
  connected(): PooledReader[] {
    return [...this.#readers.values()].filter((r) => r.virtual === undefined || r.virtual.plugged);
  }

  all(): PooledReader[] {
    return [...this.#readers.values()];
  }

  get(deviceId: string): PooledReader | undefined {
    return this.#readers.get(deviceId);
  }

  async insertCard(deviceId: string, cardId: string): Promise<void> {
    const reader = this.#virtual(deviceId);
    const card: EmulatedMyNumberCard | undefined = await this.#library.take(cardId);
    if (!card) throw new ReaderPoolError("card_not_found", `no card ${cardId}`);
    reader.virtual.insertCard(card);
    reader.insertedCardId = cardId;
    this.#logger.info("card inserted", { deviceId, cardId });
    this.#changed();
  }

  removeCard(deviceId: string): void {
    const reader = this.#virtual(deviceId);
    reader.virtual.removeCard();
    if (reader.insertedCardId) this.#logger.info("card removed", { deviceId, cardId: reader.insertedCardId });
    reader.insertedCardId = undefined;
    this.#changed();
  }

  unplug(deviceId: string): void {
    this.#virtual(deviceId).virtual.unplug();
  }

  replug(deviceId: string): void {
    this.#virtual(deviceId).virtual.plug();
  }

  setFaults(deviceId: string, faults: Partial<ReaderFaults>): void {
    Object.assign(this.#virtual(deviceId).virtual.faults, faults);
    this.#changed();
  }

  #virtual(deviceId: string): PooledReader & { virtual: VirtualCcidReader } {
    const reader = this.#readers.get(deviceId);
    if (!reader) throw new ReaderPoolError("reader_not_found", `no reader ${deviceId}`);
    if (!reader.virtual) throw new ReaderPoolError("not_virtual", `reader ${deviceId} is a real reader`);
    return reader as PooledReader & { virtual: VirtualCcidReader };
  }

  #changed(): void {
    for (const l of this.#listeners) l.changed?.();
  }
}
