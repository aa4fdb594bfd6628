/**
 * @module Staff login and sessions for the desk screen and the patient records. Failed attempts are limited per
 * login ID and per client address (OWASP Authentication Cheat Sheet); sessions end after 30 idle minutes or 8
 * hours; only the SHA-256 of the session token is stored. An unknown login ID is checked against a dummy hash so
 * the answer's timing does not tell which IDs exist.
 */
import { createHash, randomBytes } from "node:crypto";
import { fail } from "../errors.ts";
import type { HospitalDeps } from "./deps.ts";
import { hashPassword, verifyPassword } from "./hash-password.ts";
import type { Staff, StaffSession } from "./ports.ts";

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 8;
const WINDOW_MS = 15 * 60_000;
/** Five tries per login ID; a shared office address (NAT) gets more before it is slowed down. */
const maxFailures = (key: string) => (key.startsWith("ip:") ? 20 : 5);

/**
 * Fixed-window failure counter in this instance's memory. On SQLite one process serves the hospital's staff; with
 * several instances on PostgreSQL each counts its own tries (the README states the limit that gives).
 */
export class LoginThrottle {
  readonly #failures = new Map<string, { count: number; since: number }>();
  isBlocked(key: string, now: number): boolean {
    const entry = this.#failures.get(key);
    return Boolean(entry && now - entry.since <= WINDOW_MS && entry.count >= maxFailures(key));
  }
  fail(key: string, now: number): void {
    if (this.#failures.size >= 10_000) {
      for (const [k, e] of this.#failures) if (now - e.since > WINDOW_MS) this.#failures.delete(k);
    }
    const entry = this.#failures.get(key);
    if (!entry || now - entry.since > WINDOW_MS) this.#failures.set(key, { count: 1, since: now });
    else entry.count++;
  }
  reset(key: string): void {
    this.#failures.delete(key);
  }
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

let dummyHash: Promise<string> | undefined;

export async function logInStaff(
  deps: HospitalDeps,
  throttle: LoginThrottle,
  input: { loginId: string; password: string; clientAddress: string; requestId: string },
): Promise<{ token: string; staff: Staff }> {
  const now = deps.now().getTime();
  const keys = [`id:${input.loginId.toLowerCase()}`, `ip:${input.clientAddress}`];
  if (keys.some((k) => throttle.isBlocked(k, now))) throw fail("rate_limited");
  const staff = await deps.store.staff.byLoginId(input.loginId);
  dummyHash ??= hashPassword(randomBytes(12).toString("base64"), { logN: 14 });
  const ok = await verifyPassword(input.password, staff?.passwordHash ?? (await dummyHash));
  if (!staff || !ok) {
    for (const k of keys) throttle.fail(k, now);
    deps.logger.warn("staff login failed", { reason: staff ? "password" : "unknown_id" });
    throw fail("login_failed");
  }
  throttle.reset(keys[0]!);
  const token = randomBytes(32).toString("base64url");
  const at = deps.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.sessions.create({
      idHash: hashToken(token),
      staffId: staff.id,
      csrfToken: randomBytes(24).toString("base64url"),
      createdAt: at,
      lastSeenAt: at,
    });
    await tx.audit.append({
      at,
      actor: staff.loginId,
      action: "staff.login",
      patientNumber: null,
      requestId: input.requestId,
    });
  });
  return { token, staff };
}

/** The live session of a cookie token with its staff member (its idle timer refreshed), or undefined. */
export async function resumeSession(
  deps: HospitalDeps,
  token: string | undefined,
): Promise<{ session: StaffSession; staff: Staff } | undefined> {
  if (!token) return undefined;
  const idHash = hashToken(token);
  const session = await deps.store.sessions.get(idHash);
  if (!session) return undefined;
  const now = deps.now().getTime();
  const idle = now - Date.parse(session.lastSeenAt) > SESSION_IDLE_MINUTES * 60_000;
  const old = now - Date.parse(session.createdAt) > SESSION_ABSOLUTE_HOURS * 3_600_000;
  const staff = await deps.store.staff.byId(session.staffId);
  if (idle || old || !staff) {
    await deps.store.sessions.delete(idHash);
    return undefined;
  }
  await deps.store.sessions.touch(idHash, deps.now().toISOString());
  return { session, staff };
}
