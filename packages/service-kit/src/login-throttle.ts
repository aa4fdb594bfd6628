/**
 * @module The staff-login failure limit, written once for the systems that share it (the operator console and the
 * medical field's insurers' system and hospital): failed attempts are limited per login ID and per client address
 * in fixed 15-minute windows (OWASP Authentication Cheat Sheet, "Login Throttling"). The windows live in the system's own database behind
 * `LoginFailuresRepository` (SQLite: `./login-failures-sqlite.ts`; PostgreSQL: `@catv/postgres/login-failures`), so
 * every instance on one database counts the same failures.
 * Keys are SHA-256 hashes: the table holds no login ID or client address in clear.
 */
import { createHash } from "node:crypto";

/** The fixed window failures are counted in. */
export const loginFailureWindowMinutes = 15;
/** Five tries per login ID; a shared office address (NAT) gets more before it is slowed down. */
export const maxLoginFailures = { loginId: 5, clientAddress: 20 } as const;
/**
 * How many ended windows one counted attempt deletes, for a system with no periodic job to sweep them: each attempt
 * adds at most two rows and takes away up to this many, so made-up login IDs cannot grow the table without bound.
 */
export const loginFailureSweepBatch = 50;

export interface LoginFailureWindow {
  failures: number;
  windowStartedAt: string;
}

/** Failed logins per hashed key in fixed windows, in a system's database (instants are ISO-8601 UTC strings). */
export interface LoginFailuresRepository {
  /** The failures counted under `keyHash` in a window that began at or after `endedBefore`; 0 if none. */
  failures(keyHash: string, endedBefore: string): Promise<number>;
  /**
   * Counts one failure in one statement (an upsert that increments), so instances failing at once each get a count
   * of their own; a window that began before `endedBefore` starts again at 1 at `at`. Returns the window counted.
   */
  countFailure(keyHash: string, at: string, endedBefore: string): Promise<LoginFailureWindow>;
  /** Takes one failure back from the window that began at `windowStartedAt`, never from a newer one. */
  uncountFailure(keyHash: string, windowStartedAt: string): Promise<void>;
  /** Forgets every failure of `keyHash`. */
  clear(keyHash: string): Promise<void>;
  /** Deletes the windows that began before `endedBefore` (at most `limit` of them when given); returns how many. */
  deleteEnded(endedBefore: string, limit?: number): Promise<number>;
}

/** A window that began before this instant is over. */
export const loginFailureWindowEndedBefore = (now: number) =>
  new Date(now - loginFailureWindowMinutes * 60_000).toISOString();

export interface ThrottleKey {
  /** SHA-256 of the kind and the value. */
  hash: string;
  max: number;
}

/** The keys an attempt is counted under: its login ID (case-insensitive) and its client address. */
export function throttleKeys(loginId: string, clientAddress: string): [ThrottleKey, ThrottleKey] {
  const key = (kind: string, value: string) => createHash("sha256").update(`${kind}:${value}`).digest("hex");
  return [
    { hash: key("login-id", loginId.toLowerCase()), max: maxLoginFailures.loginId },
    { hash: key("client-address", clientAddress), max: maxLoginFailures.clientAddress },
  ];
}

export type ThrottledLogin<S> =
  | { outcome: "accepted"; staff: S }
  | { outcome: "refused" }
  | { outcome: "rate_limited" };

export interface ThrottledLoginOptions {
  /** Delete up to `loginFailureSweepBatch` ended windows with each counted attempt (no periodic sweep exists). */
  sweepEnded?: boolean;
}

/** Why a password check refused, for a log line that names neither the login ID nor the password. */
export type PasswordRefusal = "password" | "unknown_id";

/** A system's password hashing (scrypt here): a check against a stored hash, and a hash of nobody's password. */
export interface StaffPasswords {
  verifyPassword(password: string, stored: string): Promise<boolean>;
  /** A hash at the cost staff hashes are stored with. */
  dummyHash(): Promise<string>;
}

/**
 * The check `throttledLogin` asks for: `password` against the staff member's stored hash, or against the dummy hash
 * when no one has the login ID, so both answers take as long; `refused` hears why.
 *
 * @example () => checkStaffPassword(await staff.byLoginId(loginId), password, passwords, (reason) => log(reason))
 */
export async function checkStaffPassword<S extends { passwordHash: string }>(
  staff: S | undefined,
  password: string,
  passwords: StaffPasswords,
  refused: (reason: PasswordRefusal) => void,
): Promise<S | undefined> {
  const ok = await passwords.verifyPassword(password, staff?.passwordHash ?? (await passwords.dummyHash()));
  if (staff && ok) return staff;
  refused(staff ? "password" : "unknown_id");
  return undefined;
}

/**
 * Runs one login attempt under the limit. `verify` finds the staff member and checks the password, returning
 * undefined on any mismatch; it must check against a dummy hash for an unknown ID (`checkStaffPassword`), so the
 * answer's timing does not tell which IDs exist (every attempt that reaches it costs the same writes here, whatever
 * it returns).
 *
 * @example const attempt = await throttledLogin(store.loginFailures, { loginId, clientAddress, now }, verify);
 */
export async function throttledLogin<S>(
  failures: LoginFailuresRepository,
  input: { loginId: string; clientAddress: string; now: Date },
  verify: () => Promise<S | undefined>,
  options: ThrottledLoginOptions = {},
): Promise<ThrottledLogin<S>> {
  const now = input.now.getTime();
  const at = input.now.toISOString();
  const endedBefore = loginFailureWindowEndedBefore(now);
  const keys = throttleKeys(input.loginId, input.clientAddress);
  const [idKey, addressKey] = keys;
  const counts = await Promise.all(keys.map((k) => failures.failures(k.hash, endedBefore)));
  if (keys.some((k, i) => (counts[i] ?? 0) >= k.max)) return { outcome: "rate_limited" };
  // The attempt counts as a failure before the password is checked: instances (or requests) checking at once each
  // get a count of their own, so together they never check more passwords than the limit allows.
  const counted: LoginFailureWindow[] = [];
  for (const k of keys) counted.push(await failures.countFailure(k.hash, at, endedBefore));
  const uncount = async (k: ThrottleKey, i: number) => {
    const window = counted[i];
    if (window) await failures.uncountFailure(k.hash, window.windowStartedAt);
  };
  if (options.sweepEnded) await failures.deleteEnded(endedBefore, loginFailureSweepBatch);
  if (keys.some((k, i) => (counted[i]?.failures ?? 0) > k.max)) {
    await Promise.all(keys.map(uncount));
    return { outcome: "rate_limited" };
  }
  const staff = await verify();
  if (staff === undefined) return { outcome: "refused" };
  // A success forgets the login ID's failures and takes back what it counted against the address.
  await failures.clear(idKey.hash);
  await uncount(addressKey, 1);
  return { outcome: "accepted", staff };
}
