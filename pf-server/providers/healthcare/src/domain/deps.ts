/**
 * @module What every healthcare use case is given, and the enrolled-user lookup they share.
 */
import { randomBytes } from "node:crypto";
import { fail } from "../errors.ts";
import type { HealthStore, HealthUser, UserRepository } from "./ports.ts";

export interface HealthDeps {
  store: HealthStore;
  now: () => Date;
  newId: (prefix: string) => string;
}

export function randomId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString("base64url")}`;
}

export async function requireUser(users: UserRepository, pairwiseId: string): Promise<HealthUser> {
  const user = await users.findByPairwiseId(pairwiseId);
  if (!user) throw fail("not_enrolled");
  return user;
}

export const UNKNOWN_OPERATOR = "unknown";
