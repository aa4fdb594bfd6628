/**
 * @module The CardPort on firmware-shims' driver: CCID over the bridge's `navigator.usb`, and firmware-shims' own
 * card flows (the app does not build APDUs or signatures itself), each on a fresh card session (a power-on clears
 * PIN state, so nothing verified lingers between screens).
 */
import {
  MemoryCertificateCache,
  proveCardForPinlessLogin,
  type ReaderMonitor,
  readCardForPinlessStart,
  signLoginChallenge,
  signRegistrationChallenge,
} from "@catv/firmware-shims/driver";
import { AppError } from "../errors/app-error.ts";
import type {
  CardPort,
  PinlessProof,
  PinlessStartCard,
  SignedLogin,
  SignedRegistration,
} from "./card-port.ts";
import { fromReaderError } from "./reader-errors.ts";

type CardSession = Parameters<Parameters<ReaderMonitor["withCard"]>[0]>[0];

export class FirmwareCardPort implements CardPort {
  #monitor: ReaderMonitor;
  /**
   * Public card data only (the certificate and the CVC), keyed by the certificate's serial: a PIN-less login then
   * reads 2 APDUs for the start instead of ~1.5 KB, and 6 in all.
   */
  #cache = new MemoryCertificateCache();

  constructor(monitor: ReaderMonitor) {
    this.#monitor = monitor;
  }

  async waitForCard(signal: AbortSignal): Promise<void> {
    if (this.#monitor.presence === "no-reader") throw new AppError("reader_missing", "no card reader");
    await this.#monitor.waitForCard(signal);
  }

  remainingTries(which: "pin" | "signature-password"): Promise<number | null> {
    return this.#with(async (card) => {
      await card.selectJpki();
      const status = await card.pinStatus(which === "pin" ? "auth" : "sign");
      if (status.blocked) throw new AppError("pin_locked", "blocked");
      return status.triesLeft ?? null;
    });
  }

  signRegistration(password: string, toBeSigned: Uint8Array): Promise<SignedRegistration> {
    return this.#with((card) =>
      signRegistrationChallenge(card, { toBeSigned, signPassword: password, cache: this.#cache }),
    );
  }

  signLogin(pin: string, toBeSigned: Uint8Array, options: { bindCard?: boolean } = {}): Promise<SignedLogin> {
    return this.#with((card) =>
      signLoginChallenge(card, { toBeSigned, pin, cache: this.#cache, withCardProof: options.bindCard }),
    );
  }

  readPinlessStart(): Promise<PinlessStartCard> {
    return this.#with((card) => readCardForPinlessStart(card, this.#cache));
  }

  provePinless(birthDateKey: string, challenge: Uint8Array): Promise<PinlessProof> {
    return this.#with((card) => proveCardForPinlessLogin(card, { challenge, birthDateKey }));
  }

  onCardRemoved(listener: () => void): () => void {
    return this.#monitor.onCardRemoved(listener);
  }

  async #with<T>(work: (card: CardSession) => Promise<T>): Promise<T> {
    try {
      return await this.#monitor.withCard(work);
    } catch (error) {
      throw fromReaderError(error);
    }
  }
}
