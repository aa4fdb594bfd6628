/**
 * @module The registration page's call limits: each call makes the PF work (and meters the insurer), so calls are
 * counted per client address and per page session in fixed 15-minute windows, in the database every instance shares
 * (`Repositories.registrationCalls`): with several instances behind a balancer the limit is one budget for all of
 * them, not one per instance. Each call is counted by one upsert that returns its own count, so calls arriving at
 * two instances at once never both take the last one.
 */
import { createHash } from "node:crypto";
import type { Deps } from "./ports.ts";

/** The fixed window calls are counted in. */
export const REGISTRATION_CALL_WINDOW_MINUTES = 15;
/** One person registers in two or three calls; a few retries on top are fine. */
export const CALLS_PER_PAGE_SESSION = 10;
/** A hospital's or an office's NAT puts many people behind one address. */
export const CALLS_PER_ADDRESS = 60;

/** What a call is counted against: the client address, or the page session (by its ID hash). */
export type RegistrationCallKey =
  | { kind: "address"; address: string }
  | { kind: "page-session"; idHash: string };

/** The key's row in the table: a SHA-256 under a prefix of its own, so the address is never stored in clear. */
export function registrationCallKeyHash(key: RegistrationCallKey): string {
  const value = key.kind === "address" ? key.address : key.idHash;
  return createHash("sha256").update(`registration-call:${key.kind}:${value}`).digest("hex");
}

/** A window that began before this instant is over (the periodic pass deletes such rows). */
export const registrationCallWindowEndedBefore = (now: number) =>
  new Date(now - REGISTRATION_CALL_WINDOW_MINUTES * 60_000).toISOString();

/** Counts one call against `key`; false once the key has used its calls in the window. */
export async function takeRegistrationCall(deps: Pick<Deps, "store" | "now">, key: RegistrationCallKey) {
  const now = deps.now();
  const limit = key.kind === "address" ? CALLS_PER_ADDRESS : CALLS_PER_PAGE_SESSION;
  const window = await deps.store.registrationCalls.countFailure(
    registrationCallKeyHash(key),
    now.toISOString(),
    registrationCallWindowEndedBefore(now.getTime()),
  );
  return window.failures <= limit;
}
