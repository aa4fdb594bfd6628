/**
 * @module Staff login and sessions. Failed attempts are limited per login ID and per client address (OWASP
 * Authentication Cheat Sheet) in the console's database, so every console on it counts the same failures;
 * sessions expire after 30 idle minutes or 8 hours, and only a hash of the session token is stored.
 */
import { createHash, randomBytes } from "node:crypto";
import { ConsoleError } from "../errors.ts";
import type { Deps } from "./context.ts";
import { dummyHash, verifyPassword } from "./hash-password.ts";
import type { LoginFailureWindow, Staff } from "./records.ts";

export const sessionIdleMinutes = 30;
export const sessionAbsoluteHours = 8;
/** The fixed window failures are counted in. */
export const loginFailureWindowMinutes = 15;
/** Five tries per login ID; a shared office address (NAT) gets more before it is slowed down. */
export const maxLoginFailures = { loginId: 5, clientAddress: 20 } as const;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A window that began before this instant is over. */
export const loginFailureWindowEndedBefore = (now: number) =>
  new Date(now - loginFailureWindowMinutes * 60_000).toISOString();

export interface ThrottleKey {
  /** SHA-256 of the kind and the value: the table holds no login ID or address in clear. */
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

export async function logInStaff(
  deps: Deps,
  input: { loginId: string; password: string; clientAddress: string },
): Promise<{ token: string; staff: Staff }> {
  const failures = deps.repos.loginFailures;
  const now = deps.now().getTime();
  const at = new Date(now).toISOString();
  const endedBefore = loginFailureWindowEndedBefore(now);
  const [idKey, addressKey] = throttleKeys(input.loginId, input.clientAddress);
  const keys = [idKey, addressKey];
  const counts = await Promise.all(keys.map((k) => failures.failures(k.hash, endedBefore)));
  if (keys.some((k, i) => (counts[i] ?? 0) >= k.max)) throw new ConsoleError("rate_limited");
  // The attempt counts as a failure before the password is checked: consoles (or requests) checking at once each
  // get a count of their own, so together they never check more passwords than the limit allows.
  const counted: LoginFailureWindow[] = [];
  for (const k of keys) counted.push(await failures.countFailure(k.hash, at, endedBefore));
  const uncount = async (k: ThrottleKey, i: number) => {
    const window = counted[i];
    if (window) await failures.uncountFailure(k.hash, window.windowStartedAt);
  };
  if (keys.some((k, i) => (counted[i]?.failures ?? 0) > k.max)) {
    await Promise.all(keys.map(uncount));
    throw new ConsoleError("rate_limited");
  }
  const staff = await deps.repos.accounts.staffByLoginId(input.loginId);
  // Verify against a dummy hash for unknown IDs so the response time does not reveal which IDs exist.
  const ok = await verifyPassword(input.password, staff?.passwordHash ?? (await dummyHash));
  if (!staff || !ok) {
    deps.log("warn", "login failed", { reason: staff ? "password" : "unknown_id" });
    throw new ConsoleError("login_failed");
  }
  // A success forgets the login ID's failures and takes back what it counted against the address.
  await failures.clear(idKey.hash);
  await uncount(addressKey, 1);
  const token = randomBytes(32).toString("base64url");
  await deps.repos.accounts.createSession({
    idHash: hashToken(token),
    staffId: staff.id,
    operatorId: staff.operatorId,
    csrfToken: randomBytes(24).toString("base64url"),
    createdAt: at,
    lastSeenAt: at,
  });
  await deps.repos.audit.append({
    operatorId: staff.operatorId,
    at,
    staffLoginId: staff.loginId,
    action: "staff.login",
    householdId: null,
    contractId: null,
    detail: "ログイン",
    requestId: "-",
  });
  return { token, staff };
}

/**
 * The session for a cookie token, if it exists and has not expired, with its staff member and operator; refreshes
 * its idle timer.
 */
export async function resumeSession(deps: Deps, token: string | undefined) {
  if (!token) return undefined;
  const idHash = hashToken(token);
  const session = await deps.repos.accounts.getSession(idHash);
  if (!session) return undefined;
  const now = deps.now().getTime();
  const idle = now - Date.parse(session.lastSeenAt) > sessionIdleMinutes * 60_000;
  const old = now - Date.parse(session.createdAt) > sessionAbsoluteHours * 3_600_000;
  if (idle || old) {
    await deps.repos.accounts.deleteSession(idHash);
    return undefined;
  }
  const staff = await deps.repos.accounts.staffById(session.staffId);
  if (!staff) return undefined;
  await deps.repos.accounts.touchSession(idHash, deps.now().toISOString());
  return { session, staff, idHash, operator: await deps.repos.accounts.getOperator(staff.operatorId) };
}
