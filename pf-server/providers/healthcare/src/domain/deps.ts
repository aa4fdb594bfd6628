/**
 * @module What every healthcare use case is given, and the enrolled-user lookup they share.
 */
import { randomBytes } from "node:crypto";
import { fail } from "../errors.ts";
import type { HealthStore, HealthUser } from "./ports.ts";

export interface HealthDeps {
  store: HealthStore;
  now: () => Date;
  newId: (prefix: string) => string;
}

export function randomId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString("base64url")}`;
}

export function requireUser(deps: HealthDeps, pairwiseId: string): HealthUser {
  const user = deps.store.findUser(pairwiseId);
  if (!user) throw fail("not_enrolled");
  return user;
}

/** Usage is counted by the JST month, the month a municipality reports in. */
export function jstMonth(instant: Date): string {
  return new Date(instant.getTime() + 9 * 3600_000).toISOString().slice(0, 7);
}

export const UNKNOWN_OPERATOR = "unknown";
