/**
 * @module The status words (SW1 SW2) the emulated card answers: its catalogue of coded errors (ISO/IEC 7816-4 §5.6).
 */

export const SW = {
  OK: 0x9000,
  /** 61xx / 6Cxx are left to the reader; this card answers 6Cxx only for a short Le below a signature's length. */
  WRONG_LE_PREFIX: 0x6c00,
  /** VERIFY with a wrong PIN, or the empty form: 63Cx, x = tries left (JPKI: 63C0 on the attempt that blocks). */
  COUNTER_PREFIX: 0x63c0,
  WRONG_LENGTH: 0x6700,
  /** READ BINARY on a PIN or key EF. */
  INCOMPATIBLE_FILE_STRUCTURE: 0x6981,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  /** The reference data is blocked: every try has been spent (JPKI answers this after 63C0). */
  AUTHENTICATION_METHOD_BLOCKED: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  /** READ BINARY with no current EF. */
  NO_CURRENT_EF: 0x6986,
  WRONG_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1_P2: 0x6a86,
  /** The VERIFY / sign reference (P2=80) does not name a PIN or key: the current EF is something else. */
  REFERENCE_NOT_FOUND: 0x6a88,
  /** READ BINARY at or past the end of the file. */
  WRONG_OFFSET: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  /** An unexpected internal failure (a corrupt key in the card image); the command had no effect. */
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const;

export type StatusWord = number;

/** A response APDU: data followed by SW1 SW2. */
export function respond(sw: StatusWord, data?: Uint8Array): Uint8Array {
  const length = data?.length ?? 0;
  const out = new Uint8Array(length + 2);
  if (data) out.set(data, 0);
  out[length] = (sw >> 8) & 0xff;
  out[length + 1] = sw & 0xff;
  return out;
}

/** 63Cx with the number of tries left (x is one nibble: 0–15). */
export function triesLeft(remaining: number): StatusWord {
  return SW.COUNTER_PREFIX | Math.min(remaining, 0x0f);
}
