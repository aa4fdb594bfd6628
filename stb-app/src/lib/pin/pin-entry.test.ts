import { describe, expect, it } from "vitest";
import {
  deleteDigit,
  emptyPinEntry,
  isPinComplete,
  maskedPin,
  movePadCursor,
  PIN_PAD_KEYS,
  pressPadKey,
  typeDigit,
} from "./pin-entry.ts";

const typed = (digits: number[]) => digits.reduce(typeDigit, emptyPinEntry());

describe("PIN entry", () => {
  it("accepts at most four digits", () => {
    expect(typed([1, 2, 3, 4, 5]).digits).toBe("1234");
  });

  it("is complete only with four digits", () => {
    expect(isPinComplete(typed([1, 2, 3]))).toBe(false);
    expect(isPinComplete(typed([1, 2, 3, 4]))).toBe(true);
  });

  it("masks what was typed and shows empty cells for the rest", () => {
    expect(maskedPin(typed([9, 8]))).toEqual(["●", "●", "", ""]);
  });

  it("deletes the last digit", () => {
    expect(deleteDigit(typed([1, 2, 3])).digits).toBe("12");
  });

  it("ignores values that are not a single digit", () => {
    expect(typeDigit(emptyPinEntry(), 12).digits).toBe("");
  });

  it("moves the pad focus on a 3-column grid and stops at the edges", () => {
    let s = emptyPinEntry();
    s = movePadCursor(s, "left");
    expect(s.cursor).toBe(0);
    s = movePadCursor(movePadCursor(s, "right"), "down");
    expect(PIN_PAD_KEYS[s.cursor]).toBe("5");
    s = movePadCursor(movePadCursor(movePadCursor(s, "down"), "down"), "down");
    expect(PIN_PAD_KEYS[s.cursor]).toBe("0");
  });

  it("types the focused digit with OK and submits only when complete", () => {
    let s = { ...emptyPinEntry(), cursor: PIN_PAD_KEYS.indexOf("7") };
    for (let i = 0; i < 4; i++) s = pressPadKey(s).state;
    expect(s.digits).toBe("7777");
    const ok = { ...s, cursor: PIN_PAD_KEYS.indexOf("ok") };
    expect(pressPadKey(ok).submit).toBe(true);
    expect(pressPadKey({ ...ok, digits: "77" }).submit).toBe(false);
  });
});
