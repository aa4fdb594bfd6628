/**
 * @module Verifies PF → provider events, delivered as Standard Webhooks (events.ts): the signature is
 * `v1,<base64 HMAC-SHA256("<webhook-id>.<webhook-timestamp>.<raw body>")>` keyed by the bytes after `whsec_`;
 * the header may list several signatures (key rotation), any one matching is enough; the timestamp must be
 * within a tolerance to stop replays of an old, validly signed delivery.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { kitFail } from "./app-error.ts";

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** Standard Webhooks' recommended default tolerance. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

/**
 * Signs a payload the way the PF does; used by tests and by anyone building a PF double.
 * @example const sig = signWebhook(secret, "evt_1", 1700000000, body); // "v1,…"
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", secretKey(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest("base64");
  return `v1,${mac}`;
}

/**
 * Throws a coded 401 unless the delivery is signed with `secret` and recent.
 * @example verifyWebhook(secret, { id, timestamp, signature }, rawBody, new Date());
 */
export function verifyWebhook(secret: string, headers: WebhookHeaders, body: string, now: Date): void {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) {
    throw kitFail(
      "webhook_headers_missing",
      "webhook-id, webhook-timestamp and webhook-signature headers are required.",
    );
  }
  const sentAt = Number(timestamp);
  if (!/^[0-9]+$/.test(timestamp) || Math.abs(now.getTime() / 1000 - sentAt) > WEBHOOK_TOLERANCE_SECONDS) {
    throw kitFail("webhook_timestamp_invalid", "The webhook timestamp is missing or outside the tolerance.");
  }
  const expected = Buffer.from(signWebhook(secret, id, sentAt, body).slice(3), "base64");
  const matches = signature.split(" ").some((candidate) => {
    const [version, mac] = candidate.split(",", 2);
    if (version !== "v1" || !mac) return false;
    const given = Buffer.from(mac, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw kitFail("webhook_signature_invalid");
}
