import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "./webhook.ts";

const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
const now = new Date("2026-11-24T01:00:00Z");
const ts = Math.floor(now.getTime() / 1000);
const body = '{"id":"evt_1","type":"enrolment.created"}';

describe("Standard Webhooks verification", () => {
  it("accepts a delivery signed with the endpoint secret", () => {
    const signature = signWebhook(secret, "evt_1", ts, body);
    expect(() =>
      verifyWebhook(secret, { id: "evt_1", timestamp: String(ts), signature }, body, now),
    ).not.toThrow();
  });

  it("accepts a delivery when any one of several listed signatures matches (key rotation)", () => {
    const signature = `v1,AAAA ${signWebhook(secret, "evt_1", ts, body)}`;
    expect(() =>
      verifyWebhook(secret, { id: "evt_1", timestamp: String(ts), signature }, body, now),
    ).not.toThrow();
  });

  it("refuses a body changed after signing", () => {
    const signature = signWebhook(secret, "evt_1", ts, body);
    expect(() =>
      verifyWebhook(secret, { id: "evt_1", timestamp: String(ts), signature }, body.replace("1", "2"), now),
    ).toThrow(expect.objectContaining({ code: "webhook_signature_invalid" }));
  });

  it("refuses a delivery signed with another secret", () => {
    const other = `whsec_${Buffer.from("another-secret-another-secret-xx").toString("base64")}`;
    const signature = signWebhook(other, "evt_1", ts, body);
    expect(() => verifyWebhook(secret, { id: "evt_1", timestamp: String(ts), signature }, body, now)).toThrow(
      expect.objectContaining({ code: "webhook_signature_invalid" }),
    );
  });

  it("refuses a validly signed delivery older than the tolerance (replay)", () => {
    const old = ts - 6 * 60;
    const signature = signWebhook(secret, "evt_1", old, body);
    expect(() =>
      verifyWebhook(secret, { id: "evt_1", timestamp: String(old), signature }, body, now),
    ).toThrow(expect.objectContaining({ code: "webhook_timestamp_invalid" }));
  });

  it("refuses a delivery without the webhook headers", () => {
    expect(() =>
      verifyWebhook(secret, { id: undefined, timestamp: undefined, signature: undefined }, body, now),
    ).toThrow(expect.objectContaining({ code: "webhook_headers_missing" }));
  });
});
