/**
 * @module Standard Webhooks verification (standardwebhooks.com spec): the signed content is
 * "<webhook-id>.<webhook-timestamp>.<body>", HMAC-SHA256 keyed by the base64 part of the `whsec_` secret, sent as
 * one or more space-separated `v1,<base64>` signatures. The timestamp must be within the tolerance (replay defence).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const webhookToleranceSeconds = 5 * 60;

export interface WebhookHeaders {
  /** `x-catv-operator-id`, which the PF adds: a hint that narrows the secrets tried, never trusted alone. */
  operatorHint?: string | undefined;
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

export type WebhookCheck = "ok" | "missing_headers" | "bad_signature" | "stale_timestamp";

/** Checks one secret; `nowSeconds` is injectable for tests. */
export function checkWebhook(
  secret: string,
  headers: WebhookHeaders,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): WebhookCheck {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !/^[0-9]+$/.test(timestamp)) return "missing_headers";
  const expected = Buffer.from(signWebhook(secret, id, Number(timestamp), body).slice(3), "base64");
  const matches = signature.split(" ").some((candidate) => {
    const [version, value] = candidate.split(",");
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return "bad_signature";
  if (Math.abs(nowSeconds - Number(timestamp)) > webhookToleranceSeconds) return "stale_timestamp";
  return "ok";
}
