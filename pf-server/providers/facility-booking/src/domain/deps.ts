/**
 * @module What every use case is given: the store, the clock and an ID source (injected, so tests can fix
 * "now" and the cancellation window can be tested without waiting a week).
 */
import { randomBytes } from "node:crypto";
import { fail } from "../errors.ts";
import type { FacilityStore, User, UserRepository } from "./ports.ts";

export interface FacilityDeps {
  store: FacilityStore;
  now: () => Date;
  /** Returns a new opaque ID with the given prefix. */
  newId: (prefix: string) => string;
}

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U to misread on a TV.

/** Random IDs such as `BK-7Q2M9X4D1R`: short enough to read out on the phone, 50 bits of entropy. */
export function randomId(prefix: string): string {
  const bytes = randomBytes(10);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % 32];
  return `${prefix}-${out}`;
}

/** The enrolled user behind a pairwise ID, or the coded `not_enrolled` the PF shows as "申込が必要". */
export async function requireUser(users: UserRepository, pairwiseId: string): Promise<User> {
  const user = await users.findByPairwiseId(pairwiseId);
  if (!user) throw fail("not_enrolled");
  return user;
}
