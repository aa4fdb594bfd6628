import { describe, expect, it } from "vitest";
import { confirmOnPhone, loginAnswer, phoneCall, poll, startCrossDevice } from "../testing/cross-device.ts";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { cardSign, errorCode } from "../testing/pf-harness.ts";

const h = harnessForFile();

describe("a rogue STB and a cross-device request", { timeout: 20_000 }, () => {
  it("cannot collect another terminal's session even after the phone answered", async () => {
    const { card } = await registeredCard(h);
    const start = await startCrossDevice(h, h.terminals.a1);
    await phoneCall(h, "/v1/cross-device/answer", loginAnswer(await confirmOnPhone(h, start.userCode), card));
    expect(await errorCode(await poll(h, h.terminals.a2, start.requestId))).toBe(
      "cross_device_request_other_terminal",
    );
    expect(await errorCode(await poll(h, h.terminals.b1, start.requestId))).toBe(
      "cross_device_request_other_terminal",
    );
    // The rightful TV still gets it.
    expect(await (await poll(h, h.terminals.a1, start.requestId)).json()).toMatchObject({
      status: "session",
    });
  });

  it("cannot cancel another terminal's request", async () => {
    const start = await startCrossDevice(h, h.terminals.a1);
    const res = await h.call(h.terminals.b1, "DELETE", `/v1/cross-device-requests/${start.requestId}`);
    expect(await errorCode(res)).toBe("cross_device_request_other_terminal");
  });

  it("cannot ask for a request without a terminal assertion", async () => {
    const res = await h.app.request("/v1/cross-device-requests", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ purpose: "login", terminalLabel: "偽のテレビ" }),
    });
    expect(await errorCode(res)).toBe("terminal_unauthorized");
  });
});

describe("a QR code opened elsewhere", { timeout: 20_000 }, () => {
  it("is useless without the card: a forged signature does not complete the TV's request", async () => {
    const { card } = await registeredCard(h);
    const start = await startCrossDevice(h, h.terminals.a1);
    const attacker = await confirmOnPhone(h, start.userCode);
    const res = await phoneCall(h, "/v1/cross-device/answer", {
      ...loginAnswer(attacker, card),
      signature: Buffer.alloc(256, 7).toString("base64"),
    });
    expect(await errorCode(res)).toBe("signature_invalid");
    expect(await (await poll(h, h.terminals.a1, start.requestId)).json()).toMatchObject({
      status: "confirmed",
    });
  });

  it("gives a phone that only looked the code up no way to answer", async () => {
    const { card } = await registeredCard(h);
    const start = await startCrossDevice(h, h.terminals.a1);
    await phoneCall(h, "/v1/cross-device/lookup", { userCode: start.userCode });
    const owner = await confirmOnPhone(h, start.userCode);
    const res = await phoneCall(h, "/v1/cross-device/answer", {
      ...loginAnswer(owner, card),
      phoneToken: "guessed-token",
    });
    expect(await errorCode(res)).toBe("cross_device_answer_wrong_request");
  });

  it("cannot reuse a card's answer to one request for another TV's request", async () => {
    const { card } = await registeredCard(h);
    const first = await confirmOnPhone(h, (await startCrossDevice(h, h.terminals.a1)).userCode);
    const otherStart = await startCrossDevice(h, h.terminals.a2);
    const other = await confirmOnPhone(h, otherStart.userCode);
    // A signature over the first request's challenge, sent with the second request's own phone token.
    const res = await phoneCall(h, "/v1/cross-device/answer", {
      ...loginAnswer(first, card),
      requestId: other.requestId,
      phoneToken: other.phoneToken,
    });
    expect(await errorCode(res)).toBe("signature_invalid");
  });
});

describe("someone else's readable certificate", { timeout: 20_000 }, () => {
  it("does not log the TV in: the certificate is the victim's, the signature is not", async () => {
    const victim = await registeredCard(h);
    const { card: own } = await h.issue();
    const start = await startCrossDevice(h, h.terminals.a1);
    const confirmed = await confirmOnPhone(h, start.userCode);
    const res = await phoneCall(h, "/v1/cross-device/answer", {
      purpose: "login",
      requestId: confirmed.requestId,
      phoneToken: confirmed.phoneToken,
      authenticationCertificate: victim.card.jpki.authCertificate,
      signature: cardSign(own.jpki.authPrivateKey, Buffer.from(confirmed.toBeSigned, "base64")),
    });
    expect(await errorCode(res)).toBe("signature_invalid");
    const rows = await h.audit();
    expect(rows.at(-1)).toMatchObject({
      event: "cross-device.answer",
      outcome: "failure",
      code: "signature_invalid",
    });
  });

  it("cannot step up someone else's session with one's own genuine card", async () => {
    const victim = await registeredCard(h);
    const intruder = await registeredCard(h);
    const start = await startCrossDevice(h, h.terminals.a1);
    await phoneCall(
      h,
      "/v1/cross-device/answer",
      loginAnswer(await confirmOnPhone(h, start.userCode), victim.card),
    );
    const session = (
      (await (await poll(h, h.terminals.a1, start.requestId)).json()) as {
        tokens: { accessToken: string };
      }
    ).tokens;
    const stepUp = (await (
      await h.call(
        h.terminals.a1,
        "POST",
        "/v1/sessions/current/cross-device-step-up",
        { terminalLabel: "リビングのテレビ" },
        session.accessToken,
      )
    ).json()) as { userCode: string };
    const confirmed = await confirmOnPhone(h, stepUp.userCode);
    const res = await phoneCall(h, "/v1/cross-device/answer", {
      ...loginAnswer(confirmed, intruder.card),
      purpose: "step-up",
    });
    expect(await errorCode(res)).toBe("forbidden");
  });
});
