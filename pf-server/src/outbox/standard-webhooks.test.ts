import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nextDelayMs } from "../domain/deliver-outbox-events.ts";
import { signWebhook, verifyWebhook } from "./standard-webhooks.ts";

const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;

describe("Standard Webhooks signatures", () => {
  it("sign HMAC-SHA256 over id.timestamp.body with the decoded whsec_ key", () => {
    const expected = createHmac("sha256", Buffer.from("0123456789abcdef0123456789abcdef"))
      .update("msg_1.1700000000.{}")
      .digest("base64");
    expect(signWebhook(secret, "msg_1", 1700000000, "{}")).toBe(`v1,${expected}`);
  });
  it("verify a fresh signature and refuse a changed body or an old timestamp", () => {
    const now = new Date();
    const ts = Math.floor(now.getTime() / 1000);
    const sig = signWebhook(secret, "msg_2", ts, '{"a":1}');
    expect(
      verifyWebhook(secret, { id: "msg_2", timestamp: String(ts), signature: sig }, '{"a":1}', now),
    ).toBe(true);
    expect(
      verifyWebhook(secret, { id: "msg_2", timestamp: String(ts), signature: sig }, '{"a":2}', now),
    ).toBe(false);
    expect(
      verifyWebhook(secret, { id: "msg_2", timestamp: String(ts - 3600), signature: sig }, '{"a":1}', now),
    ).toBe(false);
  });
});

describe("delivery backoff", () => {
  it("grows exponentially with full jitter, capped", () => {
    const policy = {
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      maxAttempts: 10,
      timeoutMs: 1000,
      random: () => 1,
    };
    expect(nextDelayMs(1, policy)).toBe(2000);
    expect(nextDelayMs(3, policy)).toBe(8000);
    expect(nextDelayMs(20, policy)).toBe(60_000);
    expect(nextDelayMs(3, { ...policy, random: () => 0 })).toBe(500);
  });
});
