/**
 * @module The app's view of the card reader: the few JPKI operations its flows need. Implemented on the
 * firmware-shims driver (navigator.usb through the STB bridge); tests and the screenshot script use fakes.
 * Failures are `AppError`s with card codes (reader_missing, card_missing, wrong_pin with triesLeft, …).
 */

export interface PinlessProof {
  /** 券面事項確認AP EF 0001 as read (FF10 TLV). */
  dateOfBirthRecord: Uint8Array;
  /** 券面事項確認AP EF 0004 as read (7F21 CVC). */
  cardVerifiableCertificate: Uint8Array;
  /** The 券面事項確認AP's signature over DigestInfo(SHA-256(challenge)). */
  signature: Uint8Array;
}

export interface CardPort {
  /** Resolves when a card sits on the reader (at once if it already does); rejects on abort. */
  waitForCard(signal: AbortSignal): Promise<void>;
  /** The user-authentication certificate (DER); JPKI lets anyone read it without the PIN. */
  readAuthenticationCertificate(): Promise<Uint8Array>;
  /** Remaining tries of the 4-digit PIN or of the signature password, without spending one. */
  remainingTries(which: "pin" | "signature-password"): Promise<number | null>;
  /** VERIFY the 4-digit PIN, then sign a DigestInfo with the user-authentication key. */
  signWithPin(pin: string, digestInfo: Uint8Array): Promise<Uint8Array>;
  /**
   * VERIFY the signature password, read the signature certificate (it is readable only after that VERIFY)
   * and sign a DigestInfo with the signature key.
   */
  signWithSignaturePassword(
    password: string,
    digestInfo: Uint8Array,
  ): Promise<{ signatureCertificate: Uint8Array; signature: Uint8Array }>;
  /** PIN-less (かざし利用): unlock the 券面事項確認AP with the birth-date key, read its proof, sign the challenge. */
  provePinless(birthDateKey: string, digestInfo: Uint8Array): Promise<PinlessProof>;
  /** Calls back when the card leaves the reader; returns the unsubscribe function. */
  onCardRemoved(listener: () => void): () => void;
}
