import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppHarness, startAppHarness } from "../testing/app-harness.ts";

const HEALTH = "/v1/services/healthcare/api/summary";
let app: AppHarness;
beforeEach(async () => {
  app = await startAppHarness();
  await app.controller.start();
});
afterEach(() => app.close());

const pinPad = async (name: "pin" | "step-up") => {
  const pad = await app.until(name);
  if (pad.kind !== "pin") throw new Error("not the PIN pad");
  return pad;
};

describe("login (PIN-less and with the PIN)", () => {
  it("logs in without a PIN for a service that allows it and opens it", async () => {
    app.choose("ヘルスケア情報");
    await app.until("health");
    expect(app.pf.session?.acr).toBe("urn:catv:acr:pinless");
  });

  it("asks for the PIN when the card's PIN-less proof fails", async () => {
    app.backend.failNext("/v1/pinless/sessions", "card_genuineness_failed", 401);
    app.choose("ヘルスケア情報");
    (await pinPad("pin")).onSubmit("1234");
    await app.until("health");
  });

  it("asks for the PIN, saying why, when no card is bound for PIN-less yet, and that PIN login binds the card", async () => {
    app.backend.failNext("/v1/pinless/start", "pinless_card_not_bound", 403);
    app.choose("ヘルスケア情報");
    const pad = await pinPad("pin");
    expect(pad.problem).toBe("error.pinless_not_bound.action");
    pad.onSubmit("1234");
    await app.until("health");
    expect(app.card.boundCard).toEqual([true]);
  });

  it("asks for the PIN of a renewed card that is not the bound one, and binds it", async () => {
    app.backend.failNext("/v1/pinless/start", "pinless_card_mismatch", 403);
    app.choose("ヘルスケア情報");
    const pad = await pinPad("pin");
    expect(pad.problem).toBe("error.pinless_other_card.action");
    pad.onSubmit("1234");
    await app.until("health");
    expect(app.card.boundCard).toEqual([true]);
  });

  it("tells a viewer of another cable operator that this TV cannot serve them", async () => {
    app.backend.failNext("/v1/pinless/start", "viewer_of_other_operator", 403);
    app.choose("ヘルスケア情報");
    expect(await app.until("error-other_operator")).toMatchObject({ title: "error.other_operator.title" });
  });

  it("says the tries left once after a wrong PIN (on the tries line, not again in the warning) and stays on the pad", async () => {
    app.backend.failNext("/v1/pinless/sessions", "card_genuineness_failed", 401);
    app.choose("ヘルスケア情報");
    const shownBefore = app.shown.length;
    (await pinPad("pin")).onSubmit("0000");
    const again = await app.until("pin", shownBefore + 1);
    expect(again).toMatchObject({ triesLeft: 2, problem: "pin.wrong" });
  });

  it("never flashes 'place your card' before the PIN pad when the card is already on the reader", async () => {
    app.backend.failNext("/v1/pinless/start", "pinless_card_not_bound", 403);
    app.choose("ヘルスケア情報");
    await pinPad("pin");
    expect(app.shown.map((s) => s.name)).not.toContain("insert-card");
  });

  it("asks for the card when none is on the reader, and goes on once it is placed", async () => {
    app.card.present = false;
    app.card.waitForCard = (signal) =>
      new Promise<void>((resolve, reject) => {
        const placed = setInterval(() => {
          if (app.card.present) {
            clearInterval(placed);
            resolve();
          }
        }, 5);
        signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      });
    app.choose("ヘルスケア情報");
    await app.until("insert-card");
    app.card.present = true;
    await app.until("health");
  });

  it("offers registration when the card is not registered", async () => {
    app.backend.failNext("/v1/pinless/start", "card_not_registered", 404);
    app.choose("ヘルスケア情報");
    await app.until("error-not_registered");
    app.choose("portal.menu.register");
    await app.until("consent");
  });

  it("offers to try the same service again when J-LIS could not be reached", async () => {
    app.backend.failNext("/v1/pinless/start", "revocation_unavailable", 503);
    app.choose("ヘルスケア情報");
    const error = await app.until("error-service_unavailable");
    expect("choices" in error && error.choices.map((c) => c.label)).toEqual([
      "common.retry",
      "common.toPortal",
    ]);
    app.choose("common.retry");
    await app.until("health");
  });

  it("keeps no session from a PIN-less login the PF answers after the card was pulled", async () => {
    const release = app.backend.holdNext("/v1/pinless/sessions");
    app.choose("ヘルスケア情報");
    await app.until("login-progress");
    await new Promise((r) => setTimeout(r, 20));
    app.card.pull();
    await app.until("error-card_removed");
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(app.pf.session).toBeNull();
    expect(app.last().name).toBe("error-card_removed");
  });

  it("logs the viewer out when the card is pulled after login", async () => {
    app.choose("ヘルスケア情報");
    await app.until("health");
    app.card.pull();
    await app.until("portal");
    expect(app.pf.session).toBeNull();
  });
});

describe("step-up (the PIN before a paid or protected action)", () => {
  it("steps a PIN-less session up with the PIN when the service asks, after a wrong PIN, and retries the call", async () => {
    app.backend.failNext(HEALTH, "step_up_required", 403);
    app.choose("ヘルスケア情報");
    const pad = await pinPad("step-up");
    expect(pad.triesLeft).toBe(3);
    const shownBefore = app.shown.length;
    pad.onSubmit("0000");
    const again = await app.until("step-up", shownBefore + 1);
    if (again.kind !== "pin") throw new Error("not the PIN pad");
    expect(again).toMatchObject({ triesLeft: 2, problem: "pin.wrong" });
    again.onSubmit("1234");
    await app.until("health");
    expect(app.pf.session?.acr).toBe("urn:catv:acr:pin");
  });

  it("goes back to the portal when the viewer declines the step-up a service's first screen asked for", async () => {
    app.backend.failNext(HEALTH, "step_up_required", 403);
    app.choose("ヘルスケア情報");
    await pinPad("step-up");
    app.controller.back();
    await app.until("portal");
    expect(app.pf.session?.acr).toBe("urn:catv:acr:pinless");
    app.controller.back();
    expect(app.exitAsked()).toBe(1);
  });

  it("logs the viewer out when the card is pulled at the step-up PIN pad", async () => {
    app.backend.failNext(HEALTH, "step_up_required", 403);
    app.choose("ヘルスケア情報");
    await pinPad("step-up");
    app.card.pull();
    await app.until("portal");
    expect(app.pf.session).toBeNull();
  });
});
