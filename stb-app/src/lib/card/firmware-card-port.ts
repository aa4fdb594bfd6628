/**
 * @module The CardPort on firmware-shims' driver: CCID over the bridge's `navigator.usb`, JPKI flows on a fresh
 * card session each time (a power-on clears PIN state, so nothing verified lingers between screens).
 */
import {
  MemoryCertificateCache,
  proveCardForPinlessLogin,
  type ReaderMonitor,
  readAuthenticationCertificate,
} from "@catv/firmware-shims/driver";
import { AppError } from "../errors/app-error.ts";
import type { CardPort, PinlessProof } from "./card-port.ts";
import { fromReaderError } from "./reader-errors.ts";

type CardSession = Parameters<Parameters<ReaderMonitor["withCard"]>[0]>[0];

export class FirmwareCardPort implements CardPort {
  #monitor: ReaderMonitor;
  /** Public card data only (certificates), keyed by serial: saves re-reading 1–2 KB on every login. */
  #cache = new MemoryCertificateCache();

  constructor(monitor: ReaderMonitor) {
    this.#monitor = monitor;
  }

  async waitForCard(signal: AbortSignal): Promise<void> {
    if (this.#monitor.presence === "no-reader") throw new AppError("reader_missing", "no card reader");
    await this.#monitor.waitForCard(signal);
  }

  readAuthenticationCertificate(): Promise<Uint8Array> {
    return this.#with(async (card) => (await readAuthenticationCertificate(card, this.#cache)).certificate);
  }

  remainingTries(which: "pin" | "signature-password"): Promise<number | null> {
    return this.#with(async (card) => {
      await card.selectJpki();
      const status = await card.pinStatus(which === "pin" ? "auth" : "sign");
      if (status.blocked) throw new AppError("pin_locked", "blocked");
      return status.triesLeft ?? null;
    });
  }

  signWithPin(pin: string, digestInfo: Uint8Array): Promise<Uint8Array> {
    return this.#with(async (card) => {
      await card.selectJpki();
      await card.verifyPin("auth", pin);
      return card.signDigestInfo("auth", digestInfo);
    });
  }

  signWithSignaturePassword(password: string, digestInfo: Uint8Array) {
    return this.#with(async (card) => {
      await card.selectJpki();
      await card.verifyPin("sign", password);
      const signatureCertificate = await card.readCertificate("sign");
      const signature = await card.signDigestInfo("sign", digestInfo);
      return { signatureCertificate, signature };
    });
  }

  provePinless(birthDateKey: string, digestInfo: Uint8Array): Promise<PinlessProof> {
    return this.#with((card) => proveCardForPinlessLogin(card, { birthDateKey, digestInfo }));
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
