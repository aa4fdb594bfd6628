/**
 * @module State of the on-screen keyboard for the 署名用電子証明書 password. JPKI fixes its alphabet and length:
 * upper-case A–Z and 0–9, 6 to 16 characters (J-LIS 利用者クライアントソフト manual); the card counts wrong tries.
 */

export const PASSWORD_MIN = 6;
export const PASSWORD_MAX = 16;

/** Rows of the on-screen keyboard; `del` and `ok` are actions, the rest type themselves. */
export const KEYBOARD_ROWS: readonly (readonly string[])[] = [
  ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"],
  ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"],
  ["K", "L", "M", "N", "O", "P", "Q", "R", "S", "T"],
  ["U", "V", "W", "X", "Y", "Z", "del", "ok"],
];

export interface KeyboardState {
  readonly value: string;
  readonly row: number;
  readonly col: number;
}

export const emptyKeyboard = (): KeyboardState => ({ value: "", row: 1, col: 0 });

const ALLOWED = /^[A-Z0-9]$/;

export function typeCharacter(state: KeyboardState, character: string): KeyboardState {
  const upper = character.toUpperCase();
  if (!ALLOWED.test(upper) || state.value.length >= PASSWORD_MAX) return state;
  return { ...state, value: state.value + upper };
}

export const deleteCharacter = (state: KeyboardState): KeyboardState => ({
  ...state,
  value: state.value.slice(0, -1),
});

export type PasswordProblem = "too_short" | null;

/** Why the password cannot be sent yet; the card itself judges whether it is right. */
export function passwordProblem(value: string): PasswordProblem {
  return value.length < PASSWORD_MIN ? "too_short" : null;
}

export const focusedKey = (state: KeyboardState): string => KEYBOARD_ROWS[state.row]?.[state.col] ?? "ok";

/** Moves focus; a shorter row clamps the column so Down from any key lands on a real key. */
export function moveKeyboardFocus(
  state: KeyboardState,
  direction: "up" | "down" | "left" | "right",
): KeyboardState {
  let { row, col } = state;
  if (direction === "up") row = Math.max(0, row - 1);
  if (direction === "down") row = Math.min(KEYBOARD_ROWS.length - 1, row + 1);
  const width = KEYBOARD_ROWS[row]?.length ?? 1;
  if (direction === "left") col = Math.max(0, col - 1);
  if (direction === "right") col = Math.min(width - 1, col + 1);
  return { ...state, row, col: Math.min(col, width - 1) };
}

export type KeyboardOutcome = { state: KeyboardState; submit: boolean; problem: PasswordProblem };

/** OK on the focused key. */
export function pressKeyboardKey(state: KeyboardState): KeyboardOutcome {
  const key = focusedKey(state);
  if (key === "del") return { state: deleteCharacter(state), submit: false, problem: null };
  if (key === "ok") {
    const problem = passwordProblem(state.value);
    return { state, submit: problem === null, problem };
  }
  return { state: typeCharacter(state, key), submit: false, problem: null };
}

/** Masked for the screen: one mark per character, as on the J-LIS client. */
export const maskedPassword = (state: KeyboardState): string => "●".repeat(state.value.length);
