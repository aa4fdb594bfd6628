/**
 * @module Staff login and sessions. Failed attempts are limited per login ID and per client address (OWASP
 * Authentication Cheat Sheet); sessions expire after 30 idle minutes or 8 hours, and only a hash of the session
 * token is stored.
 */
import { createHash, randomBytes } from "node:crypto";
import { ConsoleError } from "../errors.ts";
import type { Deps } from "./context.ts";
import { dummyHash, verifyPassword } from "./hash-password.ts";
import type { Staff } from "./records.ts";

export const sessionIdleMinutes = 30;
export const sessionAbsoluteHours = 8;
const windowMs = 15 * 60_000;
/** Five tries per login ID; a shared office address (NAT) gets more before it is slowed down. */
const maxFailures = (key: string) => (key.startsWith("ip:") ? 20 : 5);

/** Past this many keys, windows that have ended are forgotten (made-up login IDs must not grow memory forever). */
const sweepAboveKeys = 10_000;

/** Fixed-window failure counter kept in memory: one console process serves all staff. */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();
  /** Login IDs and addresses with failures remembered. */
  get trackedKeys(): number {
    return this.failures.size;
  }
  isBlocked(key: string, now: number): boolean {
    const entry = this.failures.get(key);
    if (!entry || now - entry.since > windowMs) return false;
    return entry.count >= maxFailures(key);
  }
  fail(key: string, now: number): void {
    if (this.failures.size >= sweepAboveKeys) {
      for (const [k, e] of this.failures) if (now - e.since > windowMs) this.failures.delete(k);
    }
    const entry = this.failures.get(key);
    if (!entry || now - entry.since > windowMs) this.failures.set(key, { count: 1, since: now });
    else entry.count++;
  }
  reset(key: string): void {
    this.failures.delete(key);
  }
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function logInStaff(
  deps: Deps,
  throttle: LoginThrottle,
  input: { loginId: string; password: string; clientAddress: string },
): Promise<{ token: string; staff: Staff }> {
  const now = deps.now().getTime();
  const keys = [`id:${input.loginId.toLowerCase()}`, `ip:${input.clientAddress}`];
  if (keys.some((k) => throttle.isBlocked(k, now))) throw new ConsoleError("rate_limited");
  const staff = await deps.repos.accounts.staffByLoginId(input.loginId);
  // Verify against a dummy hash for unknown IDs so the response time does not reveal which IDs exist.
  const ok = await verifyPassword(input.password, staff?.passwordHash ?? (await dummyHash));
  if (!staff || !ok) {
    for (const k of keys) throttle.fail(k, now);
    deps.log("warn", "login failed", { reason: staff ? "password" : "unknown_id" });
    throw new ConsoleError("login_failed");
  }
  throttle.reset(keys[0] ?? "");
  const token = randomBytes(32).toString("base64url");
  const at = deps.now().toISOString();
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
