/**
 * @module Watches `navigator.usb` for the STB's card reader and the reader for a card, so an app can simply
 * wait for a card and run a card session: it opens the first CCID reader present, follows unplug / replug
 * (opening the new device WebUSB hands out) and card insert / removal (NotifySlotChange).
 *
 * @example
 * const monitor = await ReaderMonitor.start(bridge.usb);
 * await monitor.waitForCard(signal);
 * const cert = await monitor.withCard((card) => readAuthenticationCertificate(card, cache));
 */
import { JpkiCardClient } from "../jpki/jpki-card-client.ts";
import { CcidReader, type CcidReaderOptions } from "./ccid-reader.ts";
import { ReaderError } from "./errors.ts";

export type ReaderPresence = "no-reader" | "no-card" | "card-present";

/** The part of `USB` the monitor needs. */
export interface UsbLike {
  getDevices(): Promise<USBDevice[]>;
  addEventListener(type: "connect" | "disconnect", listener: (event: USBConnectionEvent) => void): void;
  removeEventListener(type: "connect" | "disconnect", listener: (event: USBConnectionEvent) => void): void;
}

export class ReaderMonitor {
  readonly #usb: UsbLike;
  readonly #options: CcidReaderOptions;
  #reader: CcidReader | undefined;
  #presence: ReaderPresence = "no-reader";
  #opening: Promise<void> | undefined;
  readonly #listeners = new Set<(presence: ReaderPresence) => void>();
  readonly #removedListeners = new Set<() => void>();
  readonly #onConnect = () => void this.#openFirst();
  readonly #onDisconnect = (event: USBConnectionEvent) => {
    if (this.#reader && event.device === this.#reader.device) this.#lose();
  };

  private constructor(usb: UsbLike, options: CcidReaderOptions) {
    this.#usb = usb;
    this.#options = options;
  }

  static async start(usb: UsbLike, options: CcidReaderOptions = {}): Promise<ReaderMonitor> {
    const monitor = new ReaderMonitor(usb, options);
    usb.addEventListener("connect", monitor.#onConnect);
    usb.addEventListener("disconnect", monitor.#onDisconnect);
    await monitor.#openFirst();
    return monitor;
  }

  get presence(): ReaderPresence {
    return this.#presence;
  }

  /** The open reader, if any (for callers that want raw CCID). */
  get reader(): CcidReader | undefined {
    return this.#reader;
  }

  /** Called on every change of presence; returns the unsubscribe function. */
  onChange(listener: (presence: ReaderPresence) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called when a card leaves the reader (or the reader goes with it). */
  onCardRemoved(listener: () => void): () => void {
    this.#removedListeners.add(listener);
    return () => this.#removedListeners.delete(listener);
  }

  /** Resolves once a card is on the reader (at once if one is); rejects with the signal's reason on abort. */
  waitForCard(signal?: AbortSignal): Promise<void> {
    if (this.#presence === "card-present") return Promise.resolve();
    return new Promise((resolve, reject) => {
      const off = this.onChange((presence) => {
        if (presence !== "card-present") return;
        off();
        signal?.removeEventListener("abort", abort);
        resolve();
      });
      const abort = () => {
        off();
        reject(signal?.reason ?? new DOMException("aborted", "AbortError"));
      };
      if (signal?.aborted) abort();
      else signal?.addEventListener("abort", abort, { once: true });
    });
  }

  /** Powers the card on (fresh PIN state) and runs `work` with a JPKI client for it. */
  async withCard<T>(work: (card: JpkiCardClient) => Promise<T>): Promise<T> {
    const reader = this.#reader;
    if (!reader) throw new ReaderError("reader_not_found", "no card reader is connected");
    if (this.#presence !== "card-present") throw new ReaderError("no_card", "no card on the reader");
    return work(await JpkiCardClient.connect(reader));
  }

  stop(): void {
    this.#usb.removeEventListener("connect", this.#onConnect);
    this.#usb.removeEventListener("disconnect", this.#onDisconnect);
    void this.#reader?.close();
    this.#reader = undefined;
  }

  #openFirst(): Promise<void> {
    if (this.#reader) return Promise.resolve();
    this.#opening ??= this.#tryOpen().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #tryOpen(): Promise<void> {
    for (const device of await this.#usb.getDevices().catch(() => [])) {
      let reader: CcidReader;
      try {
        reader = await CcidReader.open(device, this.#options);
      } catch {
        continue; // not a CCID reader, or it went away meanwhile
      }
      this.#reader = reader;
      reader.on("card-inserted", () => this.#set("card-present"));
      reader.on("card-removed", () => this.#set("no-card"));
      reader.on("unplugged", () => this.#lose());
      const slot = await reader.getSlotStatus().catch(() => "absent" as const);
      // An insertion notified while we asked wins over the older slot status.
      if (this.#presence === "no-reader") this.#set(slot === "absent" ? "no-card" : "card-present");
      return;
    }
  }

  #lose(): void {
    this.#reader = undefined;
    this.#set("no-reader");
  }

  #set(presence: ReaderPresence): void {
    const before = this.#presence;
    if (before === presence) return;
    this.#presence = presence;
    if (before === "card-present") for (const listener of this.#removedListeners) listener();
    for (const listener of this.#listeners) listener(presence);
  }
}
