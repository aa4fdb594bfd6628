/**
 * @module Staff login and sessions. Failed attempts are limited per login ID and per client address (OWASP
 * Authentication Cheat Sheet, `@catv/service-kit/login-throttle`) in the console's database, so every console on it
 * counts the same failures;
 * sessions expire after 30 idle minutes or 8 hours, and only a hash of the session token is stored.
 */
import { createHash, randomBytes } from "node:crypto";
import { checkStaffPassword, throttledLogin } from "@catv/service-kit/login-throttle";
import { ConsoleError } from "../errors.ts";
import type { Deps } from "./context.ts";
import * as passwords from "./hash-password.ts";
import type { Staff } from "./records.ts";

export const sessionIdleMinutes = 30;
export const sessionAbsoluteHours = 8;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function logInStaff(
  deps: Deps,
  input: { loginId: string; password: string; clientAddress: string },
): Promise<{ token: string; staff: Staff }> {
  const now = deps.now();
  const at = now.toISOString();
  // The limit is the one rule every staff system here shares (windows, maxima, hashed keys, counting first).
  const attempt = await throttledLogin(
    deps.repos.loginFailures,
    { loginId: input.loginId, clientAddress: input.clientAddress, now },
    async () =>
      checkStaffPassword(
        await deps.repos.accounts.staffByLoginId(input.loginId),
        input.password,
        passwords,
        (reason) => deps.log("warn", "login failed", { reason }),
      ),
  );
  if (attempt.outcome === "rate_limited") throw new ConsoleError("rate_limited");
  if (attempt.outcome === "refused") throw new ConsoleError("login_failed");
  const { staff } = attempt;
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
