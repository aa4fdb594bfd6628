import { describe, expect, it } from "vitest";
import en from "../../../public/static/translations/en.json" with { type: "json" };
import ja from "../../../public/static/translations/ja.json" with { type: "json" };
import { AppError, toAppError } from "./app-error.ts";
import { type ErrorKind, guideFor } from "./error-guide.ts";

const kinds: ErrorKind[] = [
  "no_reader",
  "no_card",
  "card_removed",
  "card_unreadable",
  "wrong_card",
  "wrong_pin",
  "wrong_password",
  "pin_locked",
  "password_locked",
  "certificate_revoked",
  "certificate_expired",
  "not_registered",
  "not_enrolled",
  "service_unavailable",
  "network_down",
  "session_expired",
  "card_check_failed",
  "pinless_not_bound",
  "pinless_other_card",
  "other_operator",
  "terminal",
  "booking_refused",
  "cancel_refused",
  "unexpected",
];

describe("error guide", () => {
  it("sends an unregistered card to registration", () => {
    expect(guideFor(new AppError("card_not_registered", "x"))).toEqual({
      kind: "not_registered",
      next: "registration",
    });
  });

  it("keeps the tries left of a wrong PIN", () => {
    expect(guideFor(new AppError("wrong_pin", "x", { triesLeft: 2 }))).toEqual({
      kind: "wrong_pin",
      next: "retry",
      triesLeft: 2,
    });
  });

  it("names the signature password rather than the PIN during registration", () => {
    expect(guideFor(new AppError("pin_locked", "x"), { signaturePassword: true }).kind).toBe(
      "password_locked",
    );
  });

  it("tells a viewer with a revoked or expired certificate to go to the municipal office (no retry)", () => {
    expect(guideFor(new AppError("certificate_revoked", "x")).next).toBe("portal");
    expect(guideFor(new AppError("certificate_expired", "x")).kind).toBe("certificate_expired");
  });

  it("explains a provider's refusal of a booking taken meanwhile", () => {
    expect(guideFor(new AppError("slot_taken", "x")).kind).toBe("booking_refused");
  });

  it("sends a viewer whose card is not bound for PIN-less yet to a PIN login", () => {
    expect(guideFor(new AppError("pinless_card_not_bound", "x"))).toEqual({
      kind: "pinless_not_bound",
      next: "login",
    });
  });

  it("sends a viewer with a renewed card to a PIN login that binds it", () => {
    expect(guideFor(new AppError("pinless_card_mismatch", "x"))).toEqual({
      kind: "pinless_other_card",
      next: "login",
    });
  });

  it("tells a viewer of another cable operator that this TV cannot serve them (no retry)", () => {
    expect(guideFor(new AppError("viewer_of_other_operator", "x"))).toEqual({
      kind: "other_operator",
      next: "portal",
    });
    expect(guideFor(new AppError("assisted_registration_other_operator", "x")).kind).toBe("other_operator");
  });

  it("maps a refresh token used twice back to login", () => {
    expect(guideFor(new AppError("refresh_token_reused", "x"))).toEqual({
      kind: "session_expired",
      next: "login",
    });
  });

  it("maps an expired session back to login", () => {
    expect(guideFor(new AppError("session_expired", "x")).next).toBe("login");
  });

  it("treats a failed fetch as the network being down", () => {
    expect(toAppError(new TypeError("Failed to fetch")).code).toBe("network_down");
  });

  it("falls back to an unexpected-error guide for codes it does not know", () => {
    expect(guideFor(new AppError("internal_error", "x")).kind).toBe("unexpected");
  });

  it("has a title, explanation and action in Japanese and English for every kind", () => {
    for (const kind of kinds) {
      for (const part of ["title", "body", "action"]) {
        const key = `error.${kind}.${part}`;
        expect(ja, key).toHaveProperty([key]);
        expect(en, key).toHaveProperty([key]);
      }
    }
  });
});

describe("errors from the firmware driver", () => {
  it("keeps the code and tries left of a coded error object from another module", () => {
    const e = toAppError({ code: "wrong_pin", message: "63C2", triesLeft: 2 });
    expect(e).toMatchObject({ code: "wrong_pin", triesLeft: 2 });
  });
});
