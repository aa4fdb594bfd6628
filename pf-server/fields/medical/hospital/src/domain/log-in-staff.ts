/**
 * @module Staff login and sessions for the desk screen and the patient records. Failed attempts are limited per
 * login ID and per client address (`@catv/service-kit/login-throttle`, the rule the insurers' system shares) in the
 * hospital's database, so every instance on it counts the same failures; with no periodic job here, each counted
 * attempt also sweeps a bounded batch of windows that are over. Sessions end after 30 idle minutes or 8 hours; only
 * the SHA-256 of the session token is stored. An unknown login ID is checked against a dummy hash so the answer's
 * timing does not tell which IDs exist.
 */
import { createHash, randomBytes } from "node:crypto";
import { checkStaffPassword, throttledLogin } from "@catv/service-kit/login-throttle";
import { fail } from "../errors.ts";
import type { HospitalDeps } from "./deps.ts";
import * as passwords from "./hash-password.ts";
import type { Staff, StaffSession } from "./ports.ts";

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 8;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function logInStaff(
  deps: Pick<HospitalDeps, "store" | "now" | "logger">,
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
        (reason) => deps.logger.warn("staff login failed", { reason }),
      ),
    { sweepEnded: true },
  );
  if (attempt.outcome === "rate_limited") throw fail("rate_limited");
  if (attempt.outcome === "refused") throw fail("login_failed");
  const { staff } = attempt;
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
