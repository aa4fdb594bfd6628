import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppHarness, startAppHarness } from "../testing/app-harness.ts";

let app: AppHarness;
beforeEach(async () => {
  app = await startAppHarness();
  await app.controller.start();
  noCardOnReader();
});
afterEach(() => app.close());

/** No card on the reader: the firmware waits for one (until the flow is aborted), as a real reader does. */
function noCardOnReader() {
  app.card.present = false;
  app.card.waitForCard = (signal?: AbortSignal) =>
    new Promise<void>((_resolve, reject) => {
      signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    });
}

async function cardPrompt() {
  return app.until("insert-card");
}

// Each test waits for real polls (1 s apart in the fake backend): more than the default 5 s under load.
describe("スマートフォンで (the phone as the card reader)", { timeout: 20_000 }, () => {
  it("offers the phone on the card prompt and logs in once the phone has answered, at acr pin-phone", async () => {
    app.choose("ヘルスケア情報");
    await cardPrompt();
    app.choose("phone.choice");
    const qr = await app.until("phone-qr");
    expect(qr).toMatchObject({
      kind: "qr",
      userCode: "BCDF-GHJK",
      qrText: "http://phone.test/phone?code=BCDF-GHJK",
    });
    await app.until("health");
    expect(app.pf.session?.acr).toBe("urn:catv:acr:pin-phone");
  });

  it("says when a phone has taken the request", async () => {
    app.choose("ヘルスケア情報");
    await cardPrompt();
    app.choose("phone.choice");
    await app.until("phone-qr");
    await expect.poll(() => app.words(), { timeout: 5000 }).toContain("phone.status.confirmed");
  });

  it("cancels the request at the PF on Back and goes to the portal", async () => {
    app.choose("ヘルスケア情報");
    await cardPrompt();
    app.choose("phone.choice");
    const qr = await app.until("phone-qr");
    qr.onBack?.();
    await app.until("portal");
    await expect.poll(() => app.backend.requests).toContain("DELETE /v1/cross-device-requests/xdr-1");
    expect(app.pf.session).toBeNull();
  });

  it("shows a new code when the PF says the code expired", async () => {
    app.backend.failNext("/v1/cross-device-requests/xdr-1/poll", "cross_device_request_expired", 410);
    app.choose("ヘルスケア情報");
    await cardPrompt();
    app.choose("phone.choice");
    await app.until("phone-qr");
    await expect.poll(() => app.words(), { timeout: 5000 }).toContain("phone.status.renewed");
    expect(app.backend.requests.filter((r) => r === "POST /v1/cross-device-requests")).toHaveLength(2);
  });

  it("registers with the phone and shows the registration result", async () => {
    app.choose("portal.menu.register");
    await app.until("consent");
    app.choose("consent.agree");
    await app.until("insert-card");
    app.choose("phone.choice");
    await app.until("phone-qr");
    await app.until("registration-result");
  });
});
