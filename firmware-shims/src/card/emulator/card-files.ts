/**
 * @module What an application (DF) of the emulated card holds: binary EFs, PIN (reference data) EFs, key EFs,
 * and the EFs that exist on a real card but hold the 個人番号 — which the emulator refuses outright.
 */
import type { KeyObject } from "node:crypto";
import type { CardImage } from "@catv/jpki/card-image";

/** A transparent EF read with READ BINARY; `readableAfter` names the PIN EF that opens it, if any. */
export interface BinaryFile {
  kind: "binary";
  fid: number;
  content: Uint8Array;
  readableAfter?: number;
}

/** Reference data (a PIN, password or the 生年月日 key) checked by VERIFY, with a persisted retry counter. */
export interface PinFile {
  kind: "pin";
  fid: number;
  /** Tries a fresh card has; a correct VERIFY restores the counter to this. */
  maxTries: number;
  /** Allowed lengths of the value in bytes (inclusive); outside them the card answers 6700 and spends no try. */
  minLength: number;
  maxLength: number;
  /** Characters a new value may use (CHANGE REFERENCE DATA); the card compares bytes, so VERIFY does not check it. */
  alphabet: RegExp;
  /** false for the 生年月日 key: the birth date is printed on the card, not chosen by its holder. */
  changeable: boolean;
  value(image: CardImage): string;
  setValue(image: CardImage, value: string): void;
  remaining(image: CardImage): number;
  setRemaining(image: CardImage, remaining: number): void;
}

/** A private key used by COMPUTE DIGITAL SIGNATURE; `usableAfter` names the PIN EF that unlocks it, if any. */
export interface KeyFile {
  kind: "key";
  fid: number;
  key: KeyObject;
  usableAfter?: number;
}

/**
 * An EF that holds (or would open) the 個人番号 on a real card. The emulator carries no such data: it answers
 * 6982 to every READ, VERIFY or CHANGE aimed at it, whatever was verified before (kenkaku.md §6).
 */
export interface RefusedFile {
  kind: "refused";
  fid: number;
}

export type CardFile = BinaryFile | PinFile | KeyFile | RefusedFile;
