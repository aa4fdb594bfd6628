/**
 * @module An in-memory card for unit tests: records what it was asked to sign and counts wrong PINs the way
 * a JPKI card does (3 tries for the PIN, 5 for the signature password, then locked).
 */
import { AppError } from "../errors/app-error.ts";
import type { CardPort, PinlessProof } from "./card-port.ts";

export class FakeCardPort implements CardPort {
  present = true;
  pin = "1234";
  password = "ABC123";
  pinTries = 3;
  passwordTries = 5;
  signed: Uint8Array[] = [];
  #removed = new Set<() => void>();

  async waitForCard(): Promise<void> {
    if (!this.present) throw new AppError("card_missing", "no card");
  }
  async readAuthenticationCertificate(): Promise<Uint8Array> {
    this.#need();
    return Uint8Array.of(0x30, 0x01, 0xaa);
  }
  async remainingTries(which: "pin" | "signature-password"): Promise<number> {
    return which === "pin" ? this.pinTries : this.passwordTries;
  }
  async signWithPin(pin: string, digestInfo: Uint8Array): Promise<Uint8Array> {
    this.#need();
    if (this.pinTries === 0) throw new AppError("pin_locked", "locked");
    if (pin !== this.pin) {
      this.pinTries -= 1;
      throw this.pinTries === 0
        ? new AppError("pin_locked", "locked")
        : new AppError("wrong_pin", "wrong", { triesLeft: this.pinTries });
    }
    this.pinTries = 3;
    this.signed.push(digestInfo);
    return Uint8Array.of(1, 2, 3);
  }
  async signWithSignaturePassword(password: string, digestInfo: Uint8Array) {
    this.#need();
    if (this.passwordTries === 0) throw new AppError("pin_locked", "locked");
    if (password !== this.password) {
      this.passwordTries -= 1;
      throw new AppError("wrong_pin", "wrong", { triesLeft: this.passwordTries });
    }
    this.signed.push(digestInfo);
    return { signatureCertificate: Uint8Array.of(0x30, 0x02), signature: Uint8Array.of(4, 5, 6) };
  }
  async provePinless(_birthDateKey: string, digestInfo: Uint8Array): Promise<PinlessProof> {
    this.#need();
    this.signed.push(digestInfo);
    return {
      dateOfBirthRecord: Uint8Array.of(0xff, 0x10),
      cardVerifiableCertificate: Uint8Array.of(0x7f, 0x21),
      signature: Uint8Array.of(7, 8),
    };
  }
  onCardRemoved(listener: () => void): () => void {
    this.#removed.add(listener);
    return () => this.#removed.delete(listener);
  }
  pull(): void {
    this.present = false;
    for (const listener of this.#removed) listener();
  }
  #need(): void {
    if (!this.present) throw new AppError("card_removed", "card removed");
  }
}
