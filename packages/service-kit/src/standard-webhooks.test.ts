import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkWebhook, signWebhook, verifyWebhook, webhookHeaders } from "./standard-webhooks.ts";

const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
const other = `whsec_${Buffer.from("another-secret-another-secret-xx").toString("base64")}`;
const now = new Date("2026-11-24T01:00:00Z");
const ts = Math.floor(now.getTime() / 1000);
const body = '{"id":"evt_1","type":"enrolment.created"}';
const headers = (signature: string, timestamp = ts) => ({
  id: "evt_1",
  timestamp: String(timestamp),
  signature,
});

describe("Standard Webhooks signing", () => {
  it("signs HMAC-SHA256 over id.timestamp.body with the decoded whsec_ key", () => {
    const expected = createHmac("sha256", Buffer.from("0123456789abcdef0123456789abcdef"))
      .update("msg_1.1700000000.{}")
      .digest("base64");
    expect(signWebhook(secret, "msg_1", 1700000000, "{}")).toBe(`v1,${expected}`);
  });

  it("builds the three headers of a delivery signed now", () => {
    const sent = webhookHeaders(secret, "evt_1", body, now);
    expect(sent).toEqual({
      "webhook-id": "evt_1",
      "webhook-timestamp": String(ts),
      "webhook-signature": signWebhook(secret, "evt_1", ts, body),
    });
  });
});

describe("Standard Webhooks verification", () => {
  it("accepts a delivery signed with the endpoint secret", () => {
    expect(() =>
      verifyWebhook(secret, headers(signWebhook(secret, "evt_1", ts, body)), body, now),
    ).not.toThrow();
  });

  it("accepts a delivery when any one of several listed signatures matches (key rotation)", () => {
    const signature = `v1,AAAA ${signWebhook(secret, "evt_1", ts, body)}`;
    expect(() => verifyWebhook(secret, headers(signature), body, now)).not.toThrow();
  });

  it("refuses a body changed after signing", () => {
    const signature = signWebhook(secret, "evt_1", ts, body);
    expect(() => verifyWebhook(secret, headers(signature), body.replace("1", "2"), now)).toThrow(
      expect.objectContaining({ code: "webhook_signature_invalid", status: 401 }),
    );
  });

  it("refuses a delivery signed with another secret", () => {
    expect(() => verifyWebhook(secret, headers(signWebhook(other, "evt_1", ts, body)), body, now)).toThrow(
      expect.objectContaining({ code: "webhook_signature_invalid" }),
    );
  });

  it("refuses a validly signed delivery older than the tolerance (replay)", () => {
    const old = ts - 6 * 60;
    expect(() =>
      verifyWebhook(secret, headers(signWebhook(secret, "evt_1", old, body), old), body, now),
    ).toThrow(expect.objectContaining({ code: "webhook_timestamp_out_of_range", status: 401 }));
  });

  it("refuses a delivery dated further ahead than the tolerance", () => {
    const ahead = ts + 6 * 60;
    expect(
      checkWebhook(secret, headers(signWebhook(secret, "evt_1", ahead, body), ahead), body, now),
    ).toEqual({
      ok: false,
      refusal: "webhook_timestamp_out_of_range",
    });
  });

  it("refuses a delivery without the webhook headers", () => {
    expect(() =>
      verifyWebhook(secret, { id: undefined, timestamp: undefined, signature: undefined }, body, now),
    ).toThrow(expect.objectContaining({ code: "webhook_headers_missing", status: 400 }));
  });

  it("refuses a timestamp that is not whole seconds as malformed headers", () => {
    const signature = signWebhook(secret, "evt_1", ts, body);
    expect(checkWebhook(secret, { id: "evt_1", timestamp: `${ts}.5`, signature }, body, now)).toEqual({
      ok: false,
      refusal: "webhook_headers_missing",
    });
  });

  it("tells which of several candidate secrets verified the delivery", () => {
    const signature = signWebhook(secret, "evt_1", ts, body);
    expect(checkWebhook([other, secret], headers(signature), body, now)).toEqual({
      ok: true,
      secretIndex: 1,
    });
  });
});
