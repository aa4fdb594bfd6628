/**
 * @module Webhook secrets encrypted at rest. The PF must sign each webhook with the receiver's secret (Standard
 * Webhooks' HMAC), so a hash will not do: the secret is sealed with AES-256-GCM under a key kept in a 0600 file
 * beside the signing keys (never in the database), with the row it belongs to (`tenant:<id>`) as additional
 * data, so a sealed secret copied onto another tenant's row does not open. API keys are only ever stored as
 * SHA-256 hashes (`domain/manage-tenants.ts`): the PF checks them and never needs them back.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { writeFileOnce } from "./write-file-once.ts";

export interface SecretBox {
  /** `enc:v1:` + base64url(IV ‖ ciphertext ‖ tag). */
  seal(plaintext: string, context: string): string;
  /** Opens a sealed value; a value stored before sealing existed (plaintext) is answered as it is. */
  open(stored: string, context: string): string;
  isSealed(stored: string): boolean;
}

const PREFIX = "enc:v1:";

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("the secrets key must be 32 bytes");
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
    },
    open(stored, context) {
      if (!stored.startsWith(PREFIX)) return stored;
      const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
        "utf8",
      );
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
  };
}

/** The additional data a tenant's webhook secret is sealed with: its row. */
export const webhookSecretContext = (tenantId: string) => `tenant:${tenantId}`;

/**
 * What a secret sealed before tenants had roles was bound to: the operators' and the providers' rows, which the
 * 0007 migration merged into `tenants` (`seal-stored-webhook-secrets.ts` seals them again as the tenant's).
 */
export const legacyWebhookSecretContexts = (tenantId: string) => [
  `operator:${tenantId}`,
  `provider:${tenantId}`,
];

/** The data directory's secrets key, generated once into a 0600 file. */
export function loadOrCreateSecretsKey(path: string): Buffer {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = writeFileOnce(path, () => randomBytes(32).toString("base64"));
  chmodSync(path, 0o600);
  return Buffer.from(key.trim(), "base64");
}
