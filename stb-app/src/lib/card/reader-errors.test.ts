import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { fromReaderError } from "./reader-errors.ts";

describe("reader errors", () => {
  it("keeps the tries left of a refused PIN", () => {
    expect(fromReaderError({ code: "pin_incorrect", message: "x", remainingTries: 2 })).toMatchObject({
      code: "wrong_pin",
      triesLeft: 2,
    });
  });

  it("treats an unplugged reader and a missing bridge alike: plug the reader in", () => {
    expect(fromReaderError({ code: "reader_unplugged" })).toMatchObject({ code: "reader_missing" });
    expect(fromReaderError({ code: "bridge_unavailable" })).toMatchObject({ code: "reader_missing" });
  });

  it("asks to place the card again for transport faults", () => {
    expect(fromReaderError({ code: "timeout" })).toMatchObject({ code: "card_unreadable" });
    expect(fromReaderError({ code: "malformed_reply" })).toMatchObject({ code: "card_unreadable" });
  });

  it("names a card that is not a My Number card, and a blocked PIN", () => {
    expect(fromReaderError({ code: "not_my_number_card" })).toMatchObject({ code: "wrong_card" });
    expect(fromReaderError({ code: "pin_blocked" })).toMatchObject({ code: "pin_locked" });
  });

  it("keeps an app error the card port raised itself, such as a PIN found blocked", () => {
    const locked = new AppError("pin_locked", "blocked");
    expect(fromReaderError(locked)).toBe(locked);
  });

  it("passes on errors that are not reader errors", () => {
    const e = new Error("boom");
    expect(fromReaderError(e)).toBe(e);
  });
});
