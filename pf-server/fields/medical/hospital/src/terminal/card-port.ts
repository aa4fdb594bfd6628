/**
 * @module The reception terminal's card, through firmware-shims' driver over the bridge's `navigator.usb`: the same
 * card flows the STB runs (the page builds no APDU and no signature itself), each on a fresh card session so no
 * verified PIN lingers between screens. Public card data (certificate, CVC) is cached by serial for the next touch.
 */
import {
  MemoryCertificateCache,
  proveCardForPinlessLogin,
  type ReaderMonitor,
  readCardForPinlessStart,
  signLoginChallenge,
  signRegistrationChallenge,
} from "@catv/firmware-shims/driver";

type CardSession = Parameters<Parameters<ReaderMonitor["withCard"]>[0]>[0];

export interface CardPort {
  readPinlessStart(): Promise<{
    authenticationCertificate: Uint8Array;
    cardVerifiableCertificate: Uint8Array;
  }>;
  provePinless(
    birthDateKey: string,
    challenge: Uint8Array,
  ): Promise<{ dateOfBirthRecord: Uint8Array; signature: Uint8Array }>;
  signLogin(
    pin: string,
    toBeSigned: Uint8Array,
    bindCard: boolean,
  ): Promise<{
    authenticationCertificate: Uint8Array;
    signature: Uint8Array;
    cardVerifiableCertificate?: Uint8Array;
    cardSignature?: Uint8Array;
  }>;
  signRegistration(
    password: string,
    toBeSigned: Uint8Array,
  ): Promise<{
    signatureCertificate: Uint8Array;
    authenticationCertificate: Uint8Array;
    signature: Uint8Array;
    cardVerifiableCertificate: Uint8Array;
    cardSignature: Uint8Array;
  }>;
  /** Tries left of the 4-digit PIN or the signature password (undefined when the card does not say). */
  triesLeft(which: "auth" | "sign"): Promise<number | undefined>;
}

export class FirmwareCardPort implements CardPort {
  readonly #monitor: ReaderMonitor;
  readonly #cache = new MemoryCertificateCache();

  constructor(monitor: ReaderMonitor) {
    this.#monitor = monitor;
  }

  readPinlessStart() {
    return this.#with((card) => readCardForPinlessStart(card, this.#cache));
  }

  provePinless(birthDateKey: string, challenge: Uint8Array) {
    return this.#with((card) => proveCardForPinlessLogin(card, { challenge, birthDateKey }));
  }

  signLogin(pin: string, toBeSigned: Uint8Array, bindCard: boolean) {
    return this.#with((card) =>
      signLoginChallenge(card, { toBeSigned, pin, cache: this.#cache, withCardProof: bindCard }),
    );
  }

  signRegistration(password: string, toBeSigned: Uint8Array) {
    return this.#with((card) =>
      signRegistrationChallenge(card, { toBeSigned, signPassword: password, cache: this.#cache }),
    );
  }

  triesLeft(which: "auth" | "sign") {
    return this.#with(async (card) => {
      await card.selectJpki();
      return (await card.pinStatus(which)).triesLeft;
    });
  }

  #with<T>(work: (card: CardSession) => Promise<T>): Promise<T> {
    return this.#monitor.withCard(work);
  }
}
