/**
 * @module Standard Webhooks (standardwebhooks.com spec), both sides: the signature is
 * `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">`, keyed by the bytes after `whsec_`
 * in the endpoint's secret. The header may list several space-separated signatures (key rotation): any one
 * matching is enough. The timestamp must be within a tolerance, which stops the replay of an old, validly signed
 * delivery. The checks run in the spec's order — headers, timestamp, signature — and each refusal has its own code.
 * Node's crypto is all it needs.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { CodedError, type ErrorSpec } from "./coded-error.ts";

/** Standard Webhooks' recommended default tolerance. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** The refusals of a webhook receiver, the same in every receiver of this repository. */
export const webhookErrors = {
  webhook_headers_missing: {
    status: 400,
    message: "webhook-id, webhook-timestamp (whole seconds) and webhook-signature headers are required.",
  },
  webhook_timestamp_out_of_range: { status: 401, message: "The webhook timestamp is outside the tolerance." },
  webhook_signature_invalid: { status: 401, message: "The webhook signature does not verify." },
} as const satisfies Record<string, ErrorSpec>;
export type WebhookRefusal = keyof typeof webhookErrors;

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

/**
 * @example const sig = signWebhook(secret, "evt_1", 1700000000, body); // "v1,…"
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", secretKey(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest("base64");
  return `v1,${mac}`;
}

/** The three headers of a delivery signed now. */
export function webhookHeaders(secret: string, id: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, id, timestamp, body),
  };
}

/** The headers of a request, as the checks read them. */
export function readWebhookHeaders(header: (name: string) => string | undefined): WebhookHeaders {
  return {
    id: header("webhook-id"),
    timestamp: header("webhook-timestamp"),
    signature: header("webhook-signature"),
  };
}

export type WebhookCheck = { ok: true; secretIndex: number } | { ok: false; refusal: WebhookRefusal };

/**
 * Checks a delivery against one or more candidate secrets (a receiver that serves several senders tries each);
 * tells which one verified, or why none did.
 * @example const check = checkWebhook([secretA, secretB], headers, rawBody, new Date());
 */
export function checkWebhook(
  secrets: string | readonly string[],
  headers: WebhookHeaders,
  body: string,
  now: Date,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): WebhookCheck {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !/^[0-9]+$/.test(timestamp)) {
    return { ok: false, refusal: "webhook_headers_missing" };
  }
  const sentAt = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - sentAt) > toleranceSeconds) {
    return { ok: false, refusal: "webhook_timestamp_out_of_range" };
  }
  const given = signature.split(" ").flatMap((candidate) => {
    const [version, mac] = candidate.split(",", 2);
    return version === "v1" && mac ? [Buffer.from(mac, "base64")] : [];
  });
  const candidates = typeof secrets === "string" ? [secrets] : secrets;
  const secretIndex = candidates.findIndex((secret) => {
    const expected = Buffer.from(signWebhook(secret, id, sentAt, body).slice("v1,".length), "base64");
    return given.some((mac) => mac.length === expected.length && timingSafeEqual(mac, expected));
  });
  return secretIndex >= 0 ? { ok: true, secretIndex } : { ok: false, refusal: "webhook_signature_invalid" };
}

/** The coded error of a refusal (HTTP 400 or 401 with the catalogue's message). */
export function webhookRefusalError(refusal: WebhookRefusal): CodedError<WebhookRefusal> {
  const spec = webhookErrors[refusal];
  return new CodedError(refusal, spec.status, spec.message);
}

/**
 * Throws the coded refusal unless the delivery is signed with `secret` and recent.
 * @example verifyWebhook(secret, readWebhookHeaders((n) => c.req.header(n)), rawBody, new Date());
 */
export function verifyWebhook(secret: string, headers: WebhookHeaders, body: string, now: Date): void {
  const check = checkWebhook(secret, headers, body, now);
  if (!check.ok) throw webhookRefusalError(check.refusal);
}
