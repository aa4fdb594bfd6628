import { afterEach, describe, expect, it } from "vitest";
import { type AppHarness, startAppHarness } from "../testing/app-harness.ts";

let app: AppHarness;
afterEach(() => app.close());

async function registerWith(password: string) {
  app.choose("portal.menu.register");
  app.choose("consent.agree");
  const pad = await app.until("password");
  if (pad.kind !== "password") throw new Error("not the password keyboard");
  pad.onSubmit(password);
}

describe("registration (利用者登録)", () => {
  it("shows the household link as being checked, then linked once the operator has linked it", async () => {
    app = await startAppHarness();
    await app.controller.start();
    await registerWith("ABC123");
    const result = await app.until("registration-result");
    expect(app.words()).toContain("result.checking");
    expect(app.words()).not.toContain("result.pending");
    const shownBefore = app.shown.indexOf(result) + 1;
    await app.until("registration-result", shownBefore);
    expect(app.words()).toContain("result.linked");
    expect(app.backend.requests.filter((r) => r === "POST /v1/registrations/status").length).toBe(2);
  });

  it("says the operator is still on it when the link does not come within the polling time", async () => {
    app = await startAppHarness({ polling: { intervalMs: 5, forMs: 1 } });
    await app.controller.start();
    await registerWith("ABC123");
    const result = await app.until("registration-result");
    await app.until("registration-result", app.shown.indexOf(result) + 1);
    expect(app.words()).toContain("result.pending");
  });

  it("stops asking once the viewer has left the result screen", async () => {
    app = await startAppHarness({ polling: { intervalMs: 30, forMs: 2_000 } });
    await app.controller.start();
    await registerWith("ABC123");
    await app.until("registration-result");
    app.choose("common.toPortal");
    await new Promise((r) => setTimeout(r, 150));
    expect(
      app.backend.requests.filter((r) => r === "POST /v1/registrations/status").length,
    ).toBeLessThanOrEqual(1);
    expect(app.last().name).toBe("portal");
  });

  it("asks for the password again after a wrong one, saying what went wrong and the tries left once", async () => {
    app = await startAppHarness();
    await app.controller.start();
    await registerWith("WRONG1");
    const again = await app.until("password", app.shown.length);
    expect(again).toMatchObject({ triesLeft: 4, problem: "password.wrong" });
  });

  it("stops registration with card_removed when the card is pulled at the password step", async () => {
    app = await startAppHarness();
    await app.controller.start();
    app.choose("portal.menu.register");
    app.choose("consent.agree");
    await app.until("password");
    app.card.pull();
    await app.until("error-card_removed");
  });
});
