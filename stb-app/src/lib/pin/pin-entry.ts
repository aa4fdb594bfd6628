/**
 * @module State of the 4-digit PIN pad (利用者証明用電子証明書の暗証番号): digits typed with the number keys or
 * picked on the on-screen pad with arrows/OK. JPKI's user-authentication PIN is exactly 4 digits.
 */

export const PIN_LENGTH = 4;
/** On-screen pad layout, like a phone: 1–9, then delete, 0, OK. */
export const PIN_PAD_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"] as const;
export type PinPadKey = (typeof PIN_PAD_KEYS)[number];
const COLUMNS = 3;

export interface PinEntryState {
  readonly digits: string;
  /** Index into PIN_PAD_KEYS of the focused pad key. */
  readonly cursor: number;
}

export const emptyPinEntry = (): PinEntryState => ({ digits: "", cursor: 0 });

export function typeDigit(state: PinEntryState, digit: number): PinEntryState {
  if (state.digits.length >= PIN_LENGTH || !Number.isInteger(digit) || digit < 0 || digit > 9) return state;
  return { ...state, digits: state.digits + String(digit) };
}

export function deleteDigit(state: PinEntryState): PinEntryState {
  return { ...state, digits: state.digits.slice(0, -1) };
}

export const isPinComplete = (state: PinEntryState): boolean => state.digits.length === PIN_LENGTH;

/** What the screen shows: never the digits, one mark per digit typed. */
export function maskedPin(state: PinEntryState): string[] {
  return Array.from({ length: PIN_LENGTH }, (_, i) => (i < state.digits.length ? "●" : ""));
}

export type Direction = "up" | "down" | "left" | "right";

/** Moves the pad focus; stays put at the edges so a held arrow never wraps unexpectedly. */
export function movePadCursor(state: PinEntryState, direction: Direction): PinEntryState {
  const rows = PIN_PAD_KEYS.length / COLUMNS;
  let row = Math.floor(state.cursor / COLUMNS);
  let col = state.cursor % COLUMNS;
  if (direction === "up") row = Math.max(0, row - 1);
  if (direction === "down") row = Math.min(rows - 1, row + 1);
  if (direction === "left") col = Math.max(0, col - 1);
  if (direction === "right") col = Math.min(COLUMNS - 1, col + 1);
  return { ...state, cursor: row * COLUMNS + col };
}

export type PinPadOutcome = { state: PinEntryState; submit: boolean };

/** OK on the focused pad key: a digit types, del deletes, ok submits when 4 digits are in. */
export function pressPadKey(state: PinEntryState): PinPadOutcome {
  const key: PinPadKey = PIN_PAD_KEYS[state.cursor] ?? "ok";
  if (key === "del") return { state: deleteDigit(state), submit: false };
  if (key === "ok") return { state, submit: isPinComplete(state) };
  return { state: typeDigit(state, Number(key)), submit: false };
}
