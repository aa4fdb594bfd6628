/**
 * @module The card port when the STB has no firmware card path (no bridge injected, or the bridge does not
 * answer): every operation fails with a coded error so the viewer sees "no card reader" and what to do.
 */
import { AppError, type AppErrorCode } from "../errors/app-error.ts";
import type { CardPort } from "./card-port.ts";

export class UnavailableCardPort implements CardPort {
  #code: AppErrorCode;
  constructor(code: AppErrorCode = "reader_missing") {
    this.#code = code;
  }
  #fail(): never {
    throw new AppError(this.#code, "the STB's card reader path is not available");
  }
  async waitForCard(): Promise<void> {
    this.#fail();
  }
  async remainingTries(): Promise<number | null> {
    this.#fail();
  }
  async signRegistration(): Promise<never> {
    this.#fail();
  }
  async signLogin(): Promise<never> {
    this.#fail();
  }
  async readPinlessStart(): Promise<never> {
    this.#fail();
  }
  async provePinless(): Promise<never> {
    this.#fail();
  }
  onCardRemoved(): () => void {
    return () => {};
  }
}
