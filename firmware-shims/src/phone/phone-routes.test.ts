import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningBridge } from "../bridge/start-bridge.ts";
import { bootTestBridge, postJson } from "../bridge/testing/test-bridge.ts";

let bridge: RunningBridge;
let cardId: string;
let pin: string;
const toBeSigned = Buffer.from("CATV-PF\nlogin\nop\nstb\nch\nnonce").toString("base64");

beforeAll(async () => {
  const started = await bootTestBridge([]);
  bridge = started.bridge;
  cardId = started.testCard.image.cardId;
  pin = started.testCard.image.jpki.authPin;
}, 60_000);
afterAll(() => bridge.close());

const api = (path: string, body: unknown) => postJson(`${bridge.url}/phone/api/${path}`, body);
const wrongPin = () => (pin === "9999" ? "0000" : "9999");

describe("the phone stand-in's NFC", () => {
  it("serves the phone page in Japanese with the PF allowed for fetch", async () => {
    const res = await fetch(`${bridge.url}/phone?code=BCDF-GHJK`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("connect-src 'self' http://127.0.0.1:9");
    expect(await res.text()).toContain("マイナンバーカードでテレビにログイン");
  });

  it("lists the demo cards one can hold to the phone, without PINs", async () => {
    const body = await (await fetch(`${bridge.url}/phone/api/cards`)).text();
    expect(JSON.parse(body)).toEqual([expect.objectContaining({ cardId })]);
    expect(body).not.toContain(pin);
  });

  it("signs the PF's toBeSigned with the user-authentication key after the PIN", async () => {
    await api("nfc/touch", { phoneId: "phone-sign-ok", cardId });
    const res = await api("card/sign-login", { phoneId: "phone-sign-ok", toBeSigned, pin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { signature: string; authenticationCertificate: string };
    expect(Buffer.from(body.signature, "base64").length).toBe(256);
  });

  it("answers no_card before a card is touched", async () => {
    const res = await api("card/sign-login", { phoneId: "phone-empty", toBeSigned, pin });
    expect(await res.json()).toMatchObject({ error: { code: "no_card" } });
  });

  it("answers card_removed when the card leaves the phone during the read", async () => {
    await api("nfc/touch", { phoneId: "phone-pulled", cardId });
    await api("nfc/faults", { phoneId: "phone-pulled", pullOnNextCommand: true });
    const res = await api("card/sign-login", { phoneId: "phone-pulled", toBeSigned, pin });
    expect(await res.json()).toMatchObject({ error: { code: "card_removed" } });
  });

  it("answers a wrong PIN with the tries left, then the card locked", async () => {
    await api("nfc/touch", { phoneId: "phone-wrong", cardId });
    const answers: unknown[] = [];
    for (let i = 0; i < 3; i++)
      answers.push(
        await (await api("card/sign-login", { phoneId: "phone-wrong", toBeSigned, pin: wrongPin() })).json(),
      );
    expect(answers[0]).toMatchObject({ error: { code: "pin_incorrect", triesLeft: 2 } });
    expect(answers[1]).toMatchObject({ error: { code: "pin_incorrect", triesLeft: 1 } });
    expect(answers[2]).toMatchObject({
      error: { code: "pin_blocked", message: expect.stringContaining("ロック") },
    });
  });

  it("refuses a cross-origin request to the phone's NFC", async () => {
    const res = await fetch(`${bridge.url}/phone/api/nfc/pull`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.test" },
      body: JSON.stringify({ phoneId: "phone-x1234" }),
    });
    expect(res.status).toBe(403);
  });
});
