/**
 * @module An in-memory card for unit tests: records what it was asked to sign and counts wrong PINs the way
 * a JPKI card does (3 tries for the PIN, 5 for the signature password, then locked).
 */
import { AppError } from "../errors/app-error.ts";
import type {
  CardPort,
  PinlessProof,
  PinlessStartCard,
  SignedLogin,
  SignedRegistration,
} from "./card-port.ts";

export class FakeCardPort implements CardPort {
  present = true;
  pin = "1234";
  password = "ABC123";
  pinTries = 3;
  passwordTries = 5;
  /** The bytes each signature was asked over, in order. */
  signed: Uint8Array[] = [];
  /** Whether each PIN signature also carried the card-binding proof. */
  boundCard: boolean[] = [];
  #removed = new Set<() => void>();

  async waitForCard(_signal?: AbortSignal): Promise<void> {
    if (!this.present) throw new AppError("card_missing", "no card");
  }
  async remainingTries(which: "pin" | "signature-password"): Promise<number> {
    return which === "pin" ? this.pinTries : this.passwordTries;
  }
  async signLogin(
    pin: string,
    toBeSigned: Uint8Array,
    options: { bindCard?: boolean } = {},
  ): Promise<SignedLogin> {
    this.#need();
    if (this.pinTries === 0) throw new AppError("pin_locked", "locked");
    if (pin !== this.pin) {
      this.pinTries -= 1;
      throw this.pinTries === 0
        ? new AppError("pin_locked", "locked")
        : new AppError("wrong_pin", "wrong", { triesLeft: this.pinTries });
    }
    this.pinTries = 3;
    this.signed.push(toBeSigned);
    this.boundCard.push(options.bindCard === true);
    const login = {
      authenticationCertificate: Uint8Array.of(0x30, 0x01, 0xaa),
      signature: Uint8Array.of(1, 2, 3),
    };
    return options.bindCard ? { ...login, ...this.#cardKeyProof() } : login;
  }
  async signRegistration(password: string, toBeSigned: Uint8Array): Promise<SignedRegistration> {
    this.#need();
    if (this.passwordTries === 0) throw new AppError("pin_locked", "locked");
    if (password !== this.password) {
      this.passwordTries -= 1;
      throw new AppError("wrong_pin", "wrong", { triesLeft: this.passwordTries });
    }
    this.signed.push(toBeSigned);
    return {
      signatureCertificate: Uint8Array.of(0x30, 0x02),
      authenticationCertificate: Uint8Array.of(0x30, 0x01, 0xaa),
      signature: Uint8Array.of(4, 5, 6),
      ...this.#cardKeyProof(),
    };
  }
  async readPinlessStart(): Promise<PinlessStartCard> {
    this.#need();
    return {
      authenticationCertificate: Uint8Array.of(0x30, 0x01, 0xaa),
      cardVerifiableCertificate: Uint8Array.of(0x7f, 0x21, 0x00),
    };
  }
  async provePinless(_birthDateKey: string, challenge: Uint8Array): Promise<PinlessProof> {
    this.#need();
    this.signed.push(challenge);
    return { dateOfBirthRecord: Uint8Array.of(0xff, 0x10), signature: Uint8Array.of(7, 8) };
  }
  onCardRemoved(listener: () => void): () => void {
    this.#removed.add(listener);
    return () => this.#removed.delete(listener);
  }
  pull(): void {
    this.present = false;
    for (const listener of this.#removed) listener();
  }
  #cardKeyProof() {
    return { cardVerifiableCertificate: Uint8Array.of(0x7f, 0x21, 0x00), cardSignature: Uint8Array.of(9, 9) };
  }
  #need(): void {
    if (!this.present) throw new AppError("card_removed", "card removed");
  }
}
