/**
 * @module The app's view of the card reader: the card flows of firmware-shims (registration, PIN login, PIN-less
 * start and proof), each on a fresh card session. Implemented on the firmware-shims driver (navigator.usb through
 * the STB bridge); tests and the screenshot script use fakes. Failures are `AppError`s with card codes
 * (reader_missing, card_missing, wrong_pin with triesLeft, …).
 */

/**
 * The card-binding proof: the 券面事項確認AP's card-verifiable certificate and its 券面 key's signature over the
 * same PF challenge the JPKI key signs. The PF binds that card to the viewer for PIN-less login.
 */
export interface CardKeyProof {
  cardVerifiableCertificate: Uint8Array;
  cardSignature: Uint8Array;
}

export interface SignedRegistration extends CardKeyProof {
  signatureCertificate: Uint8Array;
  authenticationCertificate: Uint8Array;
  signature: Uint8Array;
}

export interface SignedLogin extends Partial<CardKeyProof> {
  authenticationCertificate: Uint8Array;
  signature: Uint8Array;
}

/** What a PIN-less start shows the PF: the certificate (read without a PIN) and the card's CVC. */
export interface PinlessStartCard {
  authenticationCertificate: Uint8Array;
  cardVerifiableCertificate: Uint8Array;
}

export interface PinlessProof {
  /** 券面事項確認AP EF 0001 as read (FF10 TLV). */
  dateOfBirthRecord: Uint8Array;
  /** The 券面 key's signature over DigestInfo(SHA-256(challenge)). */
  signature: Uint8Array;
}

export interface CardPort {
  /** Resolves when a card sits on the reader (at once if it already does); rejects on abort. */
  waitForCard(signal: AbortSignal): Promise<void>;
  /** Remaining tries of the 4-digit PIN or of the signature password, without spending one. */
  remainingTries(which: "pin" | "signature-password"): Promise<number | null>;
  /**
   * Registration: VERIFY the signature password, read both certificates, sign `toBeSigned` with the signature key,
   * and add the card-binding proof over the same bytes.
   */
  signRegistration(password: string, toBeSigned: Uint8Array): Promise<SignedRegistration>;
  /**
   * PIN login or step-up: VERIFY the 4-digit PIN and sign `toBeSigned` with the user-authentication key; with
   * `bindCard`, add the card-binding proof (a login after the PF asked for one).
   */
  signLogin(pin: string, toBeSigned: Uint8Array, options?: { bindCard?: boolean }): Promise<SignedLogin>;
  /** PIN-less (かざし利用), first half: the certificate and the CVC for the PF's start. */
  readPinlessStart(): Promise<PinlessStartCard>;
  /** PIN-less, second half: unlock the 券面事項確認AP with the birth-date key, read its record, sign the challenge. */
  provePinless(birthDateKey: string, challenge: Uint8Array): Promise<PinlessProof>;
  /** Calls back when the card leaves the reader; returns the unsubscribe function. */
  onCardRemoved(listener: () => void): () => void;
}
