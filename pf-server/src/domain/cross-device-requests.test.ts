import { CROSS_DEVICE_TTL_SECONDS } from "@catv/contracts";
import { describe, expect, it } from "vitest";
import {
  confirmOnPhone,
  loginAnswer,
  phoneCall,
  poll,
  registrationAnswer,
  startCrossDevice,
} from "../testing/cross-device.ts";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { errorCode, loginWithPin, type Tokens } from "../testing/pf-harness.ts";

const h = harnessForFile();

async function withClockAhead<T>(seconds: number, work: () => Promise<T>): Promise<T> {
  h.clock.offsetMs += seconds * 1000;
  try {
    return await work();
  } finally {
    h.clock.offsetMs -= seconds * 1000;
  }
}

describe("cross-device request life cycle", { timeout: 20_000 }, () => {
  it("answers a user code of 8 unambiguous letters and a QR URL carrying it", async () => {
    const start = await startCrossDevice(h, h.terminals.a1);
    expect(start.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(new URL(start.verificationUriComplete).searchParams.get("code")).toBe(start.userCode);
    expect(start.verificationUriComplete).not.toContain(start.requestId);
  });

  it("shows the phone the operator, the TV's name and the user code before confirming", async () => {
    const start = await startCrossDevice(h, h.terminals.a1);
    const res = await phoneCall(h, "/v1/cross-device/lookup", { userCode: start.userCode.toLowerCase() });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      purpose: "login",
      operatorName: "Operator A",
      terminalLabel: "リビングのテレビ",
      userCode: start.userCode,
    });
  });

  it("logs the TV in with acr pin-phone once the phone's card answers, pending and confirmed before", async () => {
    const { card, cableId } = await registeredCard(h);
    const start = await startCrossDevice(h, h.terminals.a1);
    expect(await (await poll(h, h.terminals.a1, start.requestId)).json()).toMatchObject({
      status: "pending",
    });
    const confirmed = await confirmOnPhone(h, start.userCode);
    expect(await (await poll(h, h.terminals.a1, start.requestId)).json()).toMatchObject({
      status: "confirmed",
    });
    const answer = await phoneCall(h, "/v1/cross-device/answer", loginAnswer(confirmed, card));
    expect(answer.status).toBe(200);
    const done = (await (await poll(h, h.terminals.a1, start.requestId)).json()) as {
      status: string;
      tokens: Tokens;
    };
    expect(done.status).toBe("session");
    expect(done.tokens).toMatchObject({ cableId, acr: "urn:catv:acr:pin-phone" });
    const me = await h.call(h.terminals.a1, "GET", "/v1/me", undefined, done.tokens.accessToken);
    expect(await me.json()).toMatchObject({ cableId, acr: "urn:catv:acr:pin-phone" });
  });

  it("registers a viewer for the TV from the phone and hands the TV the registration once", async () => {
    const { card } = await h.issue();
    const start = await startCrossDevice(h, h.terminals.a1, "registration");
    const confirmed = await confirmOnPhone(h, start.userCode);
    const answer = await phoneCall(h, "/v1/cross-device/answer", registrationAnswer(confirmed, card));
    expect(answer.status).toBe(200);
    const done = (await (await poll(h, h.terminals.a1, start.requestId)).json()) as {
      status: string;
      registration: { cableId: string; outcome: string };
    };
    expect(done).toMatchObject({ status: "registered", registration: { outcome: "new" } });
    expect(await errorCode(await poll(h, h.terminals.a1, start.requestId))).toBe("cross_device_request_used");
  });

  it("steps a session up from the phone and revokes the old session", async () => {
    const { card } = await registeredCard(h);
    const start = await startCrossDevice(h, h.terminals.a1);
    const confirmed = await confirmOnPhone(h, start.userCode);
    await phoneCall(h, "/v1/cross-device/answer", loginAnswer(confirmed, card));
    const first = ((await (await poll(h, h.terminals.a1, start.requestId)).json()) as { tokens: Tokens })
      .tokens;
    const stepUp = await h.call(
      h.terminals.a1,
      "POST",
      "/v1/sessions/current/cross-device-step-up",
      { terminalLabel: "リビングのテレビ" },
      first.accessToken,
    );
    expect(stepUp.status).toBe(201);
    const req = (await stepUp.json()) as { requestId: string; userCode: string };
    const c2 = await confirmOnPhone(h, req.userCode);
    const answer = await phoneCall(h, "/v1/cross-device/answer", {
      ...loginAnswer(c2, card),
      purpose: "step-up",
    });
    expect(answer.status).toBe(200);
    const done = (await (await poll(h, h.terminals.a1, req.requestId)).json()) as { tokens: Tokens };
    expect(done.tokens.acr).toBe("urn:catv:acr:pin-phone");
    const old = await h.call(h.terminals.a1, "GET", "/v1/me", undefined, first.accessToken);
    expect(await errorCode(old)).toBe("session_revoked");
  });

  it("audits the request, the confirmation and the answer without serials", async () => {
    const { card, cableId } = await registeredCard(h);
    const start = await startCrossDevice(h, h.terminals.a1);
    const confirmed = await confirmOnPhone(h, start.userCode);
    await phoneCall(h, "/v1/cross-device/answer", loginAnswer(confirmed, card));
    const rows = (await h.audit()).filter((r) => r.event.startsWith("cross-device."));
    expect(rows.map((r) => r.event)).toEqual(
      expect.arrayContaining(["cross-device.request", "cross-device.confirm", "cross-device.answer"]),
    );
    expect(rows.filter((r) => r.event === "cross-device.answer").at(-1)).toMatchObject({
      accountId: cableId,
      terminalId: "stb-a-1",
    });
    expect(JSON.stringify(rows)).not.toContain(start.userCode.replace("-", ""));
  });
});

// RSA card signatures and J-LIS checks: a few seconds per test on a loaded 2-core machine.
describe("cross-device refusals", { timeout: 20_000 }, () => {
  it("refuses an expired request on the phone (cross_device_request_expired)", async () => {
    const start = await startCrossDevice(h, h.terminals.a1);
    const res = await withClockAhead(CROSS_DEVICE_TTL_SECONDS + 1, () =>
      phoneCall(h, "/v1/cross-device/lookup", { userCode: start.userCode }),
    );
    expect(await errorCode(res)).toBe("cross_device_request_expired");
  });

  it("tells the polling TV its request expired (cross_device_request_expired)", async () => {
    const start = await startCrossDevice(h, h.terminals.a1);
    const res = await withClockAhead(CROSS_DEVICE_TTL_SECONDS + 1, () =>
      poll(h, h.terminals.a1, start.requestId),
    );
    expect(await errorCode(res)).toBe("cross_device_request_expired");
  });

  it("refuses an answer after expiry even from the confirmed phone", async () => {
    const { card } = await registeredCard(h);
    const start = await startCrossDevice(h, h.terminals.a1);
    const confirmed = await confirmOnPhone(h, start.userCode);
    const res = await withClockAhead(CROSS_DEVICE_TTL_SECONDS + 1, () =>
      phoneCall(h, "/v1/cross-device/answer", loginAnswer(confirmed, card)),
    );
    expect(await errorCode(res)).toBe("cross_device_request_expired");
  });

  it("refuses a second answer to a used request (cross_device_request_used)", async () => {
    const { card } = await registeredCard(h);
    const start = await startCrossDevice(h, h.terminals.a1);
    const confirmed = await confirmOnPhone(h, start.userCode);
    expect((await phoneCall(h, "/v1/cross-device/answer", loginAnswer(confirmed, card))).status).toBe(200);
    const again = await phoneCall(h, "/v1/cross-device/answer", loginAnswer(confirmed, card));
    expect(await errorCode(again)).toBe("cross_device_request_used");
  });

  it("refuses a wrong user code (cross_device_user_code_unknown)", async () => {
    const res = await phoneCall(h, "/v1/cross-device/lookup", { userCode: "ZZZZ-ZZZZ" });
    expect(await errorCode(res)).toBe("cross_device_user_code_unknown");
  });

  it("refuses a code with letters outside the alphabet as invalid input", async () => {
    const res = await phoneCall(h, "/v1/cross-device/lookup", { userCode: "AEIO-U100" });
    expect(await errorCode(res)).toBe("validation_failed");
  });

  it("refuses a poll from another terminal (cross_device_request_other_terminal)", async () => {
    const start = await startCrossDevice(h, h.terminals.a1);
    expect(await errorCode(await poll(h, h.terminals.a2, start.requestId))).toBe(
      "cross_device_request_other_terminal",
    );
  });

  it("refuses a second phone confirming a held request (cross_device_request_claimed)", async () => {
    const start = await startCrossDevice(h, h.terminals.a1);
    await confirmOnPhone(h, start.userCode);
    const second = await phoneCall(h, "/v1/cross-device/confirm", { userCode: start.userCode });
    expect(await errorCode(second)).toBe("cross_device_request_claimed");
  });

  it("refuses the phone's answer for another request (cross_device_answer_wrong_request)", async () => {
    const { card } = await registeredCard(h);
    const mine = await confirmOnPhone(h, (await startCrossDevice(h, h.terminals.a1)).userCode);
    const other = await startCrossDevice(h, h.terminals.a2);
    await confirmOnPhone(h, other.userCode);
    const res = await phoneCall(h, "/v1/cross-device/answer", {
      ...loginAnswer(mine, card),
      requestId: other.requestId,
    });
    expect(await errorCode(res)).toBe("cross_device_answer_wrong_request");
  });

  it("closes a request after three answers that fail verification (cross_device_request_locked)", async () => {
    const { card } = await registeredCard(h);
    const { card: other } = await h.issue();
    const start = await startCrossDevice(h, h.terminals.a1);
    let confirmed = await confirmOnPhone(h, start.userCode);
    for (let i = 0; i < 3; i++) {
      const bad = await phoneCall(h, "/v1/cross-device/answer", loginAnswer(confirmed, card, other));
      expect(await errorCode(bad)).toBe("signature_invalid");
      if (i < 2) confirmed = await confirmOnPhone(h, start.userCode, confirmed.phoneToken);
    }
    expect(await errorCode(await poll(h, h.terminals.a1, start.requestId))).toBe(
      "cross_device_request_locked",
    );
  });

  it("refuses the phone once the TV cancelled (cross_device_request_cancelled)", async () => {
    const { card } = await registeredCard(h);
    const start = await startCrossDevice(h, h.terminals.a1);
    const confirmed = await confirmOnPhone(h, start.userCode);
    const del = await h.call(h.terminals.a1, "DELETE", `/v1/cross-device-requests/${start.requestId}`);
    expect(del.status).toBe(204);
    const res = await phoneCall(h, "/v1/cross-device/answer", loginAnswer(confirmed, card));
    expect(await errorCode(res)).toBe("cross_device_request_cancelled");
  });

  it("audits a refusal by its code", async () => {
    await phoneCall(h, "/v1/cross-device/lookup", { userCode: "XXXX-XXXX" });
    const rows = await h.audit();
    expect(rows.at(-1)).toMatchObject({
      event: "cross-device.lookup",
      outcome: "failure",
      code: "cross_device_user_code_unknown",
    });
  });
});

describe("the operator's sessions and their source", { timeout: 20_000 }, () => {
  it("lists a phone login as source phone and a reader login as stb-reader, only to its own operator", async () => {
    const { card, cableId } = await registeredCard(h);
    const start = await startCrossDevice(h, h.terminals.a1);
    await phoneCall(h, "/v1/cross-device/answer", loginAnswer(await confirmOnPhone(h, start.userCode), card));
    await poll(h, h.terminals.a1, start.requestId);
    await loginWithPin(h, h.terminals.a1, card);
    const res = await h.app.request("/v1/operator/sessions", {
      headers: { authorization: `Bearer ${h.operatorKeys.a}` },
    });
    const { sessions } = (await res.json()) as { sessions: { cableId: string; source: string }[] };
    const mine = sessions.filter((s) => s.cableId === cableId).map((s) => s.source);
    expect(mine).toEqual(["stb-reader", "phone"]);
    const other = await h.app.request("/v1/operator/sessions", {
      headers: { authorization: `Bearer ${h.operatorKeys.b}` },
    });
    expect(JSON.stringify(await other.json())).not.toContain(cableId);
  });
});

describe("cancelling an expired request", { timeout: 20_000 }, () => {
  it("leaves it expired, so a phone opening it later is told it expired", async () => {
    const start = await startCrossDevice(h, h.terminals.a1);
    h.clock.offsetMs += (CROSS_DEVICE_TTL_SECONDS + 1) * 1000;
    try {
      const del = await h.call(h.terminals.a1, "DELETE", `/v1/cross-device-requests/${start.requestId}`);
      expect(del.status).toBe(204);
      const res = await phoneCall(h, "/v1/cross-device/lookup", { userCode: start.userCode });
      expect(await errorCode(res)).toBe("cross_device_request_expired");
    } finally {
      h.clock.offsetMs -= (CROSS_DEVICE_TTL_SECONDS + 1) * 1000;
    }
  });
});
