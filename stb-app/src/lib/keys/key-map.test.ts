import { describe, expect, it } from "vitest";
import { buildKeyMap, digitOf } from "./key-map.ts";

describe("key map", () => {
  it("maps Backspace, Escape, webOS 461 and Tizen 10009 to Back so none closes the app unhandled", () => {
    const map = buildKeyMap();
    expect([map[8], map[27], map[461], map[10009]]).toEqual(["Back", "Back", "Back", "Back"]);
  });

  it("maps both digit rows to Num and the colour keys to their names", () => {
    const map = buildKeyMap();
    expect(map[48]).toBe("Num");
    expect(map[105]).toBe("Num");
    expect(map[403]).toBe("Red");
    expect(map[406]).toBe("Blue");
  });

  it("maps F1–F4 to the colour keys in the remote's order, so a keyboard has them too", () => {
    const map = buildKeyMap();
    expect([map[112], map[113], map[114], map[115]]).toEqual(["Red", "Green", "Yellow", "Blue"]);
  });

  it("reads the digit from the top row and from the keypad", () => {
    expect(digitOf({ keyCode: 55 })).toBe(7);
    expect(digitOf({ keyCode: 96 })).toBe(0);
    expect(digitOf({ keyCode: 13, key: "Enter" })).toBeNull();
  });
});
