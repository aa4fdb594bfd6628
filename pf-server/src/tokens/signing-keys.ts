/**
 * @module Per-installation secrets kept in the database (the pairwise-ID key). The signing keys are not here: they
 * live in a PKCS#11 token or 0600 files (`src/keys/`), and one once stored here is moved out at start
 * (`src/keys/move-legacy-signing-key.ts`).
 */
import { randomBytes } from "node:crypto";
import type { KeyValueRepository } from "../storage/repositories.ts";

/** A per-installation secret (pairwise IDs), generated once. */
export async function loadOrCreateSecret(keyValues: KeyValueRepository, name: string): Promise<Buffer> {
  const key = `pf.secret.${name}`;
  const value =
    (await keyValues.get(key)) ?? (await keyValues.putIfAbsent(key, randomBytes(32).toString("base64")));
  return Buffer.from(value, "base64");
}
