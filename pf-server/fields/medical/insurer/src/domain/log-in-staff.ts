/**
 * @module Staff login and sessions of the linking screens. Failed attempts are limited per login ID and per client
 * address (`@catv/service-kit/login-throttle`, the rule the hospital's system shares) in the insurers' database, so
 * every instance on it counts the same failures; sessions end after 30 idle minutes or 8 hours; only a hash of the
 * session token is stored. Each staff member belongs to one insurer, and every page is scoped by it.
 */
import { createHash, randomBytes } from "node:crypto";
import { checkStaffPassword, throttledLogin } from "@catv/service-kit/login-throttle";
import { auditStaff } from "./audit.ts";
import { fail } from "./domain-errors.ts";
import * as passwords from "./password-hash.ts";
import type { Deps, Insurer, Staff, StaffSession } from "./ports.ts";

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 8;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function logInStaff(
  deps: Deps,
  input: { loginId: string; password: string; clientAddress: string; requestId: string },
): Promise<{ token: string; staff: Staff }> {
  const attempt = await throttledLogin(
    deps.store.loginFailures,
    { loginId: input.loginId, clientAddress: input.clientAddress, now: deps.now() },
    async () =>
      checkStaffPassword(
        await deps.store.staff.byLoginId(input.loginId),
        input.password,
        passwords,
        (reason) => deps.logger.warn("login failed", { reason }),
      ),
  );
  if (attempt.outcome === "rate_limited") throw fail("rate_limited");
  if (attempt.outcome === "refused") throw fail("login_failed");
  const { staff } = attempt;
  const token = randomBytes(32).toString("base64url");
  const at = deps.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.staff.createSession({
      idHash: hashToken(token),
      staffId: staff.id,
      insurerId: staff.insurerId,
      csrfToken: randomBytes(24).toString("base64url"),
      createdAt: at,
      lastSeenAt: at,
    });
    await auditStaff(
      tx,
      { insurerId: staff.insurerId, loginId: staff.loginId, role: staff.role, requestId: input.requestId },
      at,
      { action: "staff.login", detail: "ログイン" },
    );
  });
  return { token, staff };
}

export interface ResumedSession {
  session: StaffSession;
  staff: Staff;
  insurer: Insurer;
  idHash: string;
}

/** The live session of a cookie token with its staff member and insurer; refreshes its idle timer. */
export async function resumeSession(
  deps: Deps,
  token: string | undefined,
): Promise<ResumedSession | undefined> {
  if (!token) return undefined;
  const idHash = hashToken(token);
  const session = await deps.store.staff.session(idHash);
  if (!session) return undefined;
  const now = deps.now().getTime();
  const idle = now - Date.parse(session.lastSeenAt) > SESSION_IDLE_MINUTES * 60_000;
  const old = now - Date.parse(session.createdAt) > SESSION_ABSOLUTE_HOURS * 3_600_000;
  if (idle || old) {
    await deps.store.staff.deleteSession(idHash);
    return undefined;
  }
  const staff = await deps.store.staff.byId(session.staffId);
  const insurer = staff && (await deps.store.insurers.get(staff.insurerId));
  if (!staff || !insurer) return undefined;
  await deps.store.staff.touchSession(idHash, deps.now().toISOString());
  return { session, staff, insurer, idHash };
}
