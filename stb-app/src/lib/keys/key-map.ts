/**
 * @module The remote's key codes → Lightning key names. Designed for Japanese cable STBs whose codes are not
 * published: we map every code that the reference platforms use (RDK, webOS, Tizen) so one build runs on all.
 */

/** Back: Backspace and Escape (RDK reference UI, PC keyboards), 461 (LG webOS), 10009 (Samsung Tizen). */
export const BACK_KEY_CODES = [8, 27, 461, 10009] as const;
/** Digits on the top row (48–57) and the numeric keypad (96–105). */
export const DIGIT_KEY_CODES = [
  ...Array.from({ length: 10 }, (_, i) => 48 + i),
  ...Array.from({ length: 10 }, (_, i) => 96 + i),
] as const;
/** Colour keys as webOS and HbbTV number them (403 red … 406 blue). */
export const COLOUR_KEY_CODES = { 403: "Red", 404: "Green", 405: "Yellow", 406: "Blue" } as const;
/**
 * The colour keys on a PC keyboard (a field engineer's, or a viewer's keyboard on the STB): F1 red … F4 blue,
 * in the remote's order. Letters and digits cannot serve: the password keyboard and the PIN pad type them. The
 * key hints name these next to the colours (`hint.red.delete`, `hint.blue.settings`).
 */
export const COLOUR_KEYBOARD_CODES = { 112: "Red", 113: "Green", 114: "Yellow", 115: "Blue" } as const;

/** The Lightning `keys` setting: merged over the SDK defaults, which map 27 to Menu, not Back. */
export function buildKeyMap(): Record<number, string> {
  const map: Record<number, string> = { 37: "Left", 38: "Up", 39: "Right", 40: "Down", 13: "Enter" };
  for (const code of BACK_KEY_CODES) map[code] = "Back";
  for (const code of DIGIT_KEY_CODES) map[code] = "Num";
  for (const [code, name] of Object.entries(COLOUR_KEY_CODES)) map[Number(code)] = name;
  for (const [code, name] of Object.entries(COLOUR_KEYBOARD_CODES)) map[Number(code)] = name;
  return map;
}

/** The digit a `Num` key event stands for, whichever row of the remote or keyboard sent it. */
export function digitOf(event: { keyCode: number; key?: string }): number | null {
  if (event.keyCode >= 48 && event.keyCode <= 57) return event.keyCode - 48;
  if (event.keyCode >= 96 && event.keyCode <= 105) return event.keyCode - 96;
  if (event.key && /^[0-9]$/.test(event.key)) return Number(event.key);
  return null;
}
