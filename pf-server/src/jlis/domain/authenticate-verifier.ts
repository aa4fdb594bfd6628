/**
 * @module Use case: only registered 署名検証者 / 利用者証明検証者 may obtain revocation information (公的個人認証法
 * 17条, 36条; jpki.md §7). Verifiers present HTTP Basic `<id>:<secret>`; J-LIS keeps a SHA-256 of the secret.
 * Every answered check is counted per verifier, kind and month, because J-LIS charges verifiers per check.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { fail } from "../errors.ts";
import type { JlisRepository } from "../storage/jlis-repository.ts";

export type VerifierUseKind = "crl_sign" | "crl_auth" | "ocsp" | "linkage";

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export async function registerVerifier(
  repo: JlisRepository,
  verifierId: string,
  secret: string,
  at: Date,
): Promise<void> {
  await repo.registerVerifier(verifierId, sha256Hex(secret), at.toISOString());
}

/** Returns the verifier ID of a valid `Authorization: Basic` header, or fails with `verifier_unauthorized`. */
export async function authenticateVerifier(
  repo: JlisRepository,
  authorization: string | undefined,
): Promise<string> {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization ?? "");
  if (!match)
    fail("verifier_unauthorized", "revocation information is for registered verifiers (HTTP Basic)");
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const [id, secret] = colon > 0 ? [decoded.slice(0, colon), decoded.slice(colon + 1)] : ["", ""];
  const stored = id ? await repo.findVerifierSecretHash(id) : undefined;
  // Compare digests in constant time, and spend the same work when the verifier is unknown.
  const expected = Buffer.from(stored ?? sha256Hex("\u0000unknown"), "hex");
  const presented = Buffer.from(sha256Hex(secret), "hex");
  if (!stored || !timingSafeEqual(expected, presented)) {
    fail("verifier_unauthorized", "unknown verifier or wrong secret");
  }
  return id;
}

export async function countVerifierUse(
  repo: JlisRepository,
  verifierId: string,
  kind: VerifierUseKind,
  at: Date,
): Promise<void> {
  await repo.countVerifierUse(verifierId, kind, at.toISOString().slice(0, 7));
}
