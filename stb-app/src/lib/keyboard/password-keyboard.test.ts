import { describe, expect, it } from "vitest";
import {
  emptyKeyboard,
  focusedKey,
  type KeyboardState,
  maskedPassword,
  moveKeyboardFocus,
  pressKeyboardKey,
  typeCharacter,
} from "./password-keyboard.ts";

const typed = (text: string) => [...text].reduce(typeCharacter, emptyKeyboard());

describe("password keyboard", () => {
  it("accepts only A–Z and 0–9, upper-casing letters from a PC keyboard", () => {
    expect(typed("ab1-?Z").value).toBe("AB1Z");
  });

  it("stops at 16 characters", () => {
    expect(typed("A".repeat(20)).value).toHaveLength(16);
  });

  it("refuses to submit fewer than 6 characters and says why", () => {
    const s: KeyboardState = { ...typed("ABC12"), row: 3, col: 7 };
    expect(pressKeyboardKey(s)).toMatchObject({ submit: false, problem: "too_short" });
  });

  it("submits 6 characters with OK", () => {
    const s: KeyboardState = { ...typed("ABC123"), row: 3, col: 7 };
    expect(pressKeyboardKey(s)).toMatchObject({ submit: true, problem: null });
  });

  it("types the focused key and deletes with del", () => {
    let s = pressKeyboardKey(emptyKeyboard()).state;
    expect(s.value).toBe("A");
    s = pressKeyboardKey({ ...s, row: 3, col: 6 }).state;
    expect(s.value).toBe("");
  });

  it("clamps the column when moving down into the shorter last row", () => {
    const s = moveKeyboardFocus({ value: "", row: 2, col: 9 }, "down");
    expect(focusedKey(s)).toBe("ok");
  });

  it("shows one mark per character, never the characters", () => {
    expect(maskedPassword(typed("SECRET1"))).toBe("●●●●●●●");
  });
});
