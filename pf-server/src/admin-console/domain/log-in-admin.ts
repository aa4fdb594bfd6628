/**
 * @module An administrator logs in: throttled per login ID and address, the password checked against its scrypt
 * hash (a dummy hash for unknown IDs, so timing does not tell which exist), a session created by the hash of a
 * random token, and the attempt audited either way (`admin.login`, by login ID — staff, not viewers).
 */
import { createHash, randomBytes } from "node:crypto";
import type { AdminStaff } from "./admin-accounts.ts";
import type { AdminContext } from "./admin-context.ts";
import { dummyHash, verifyPassword } from "./hash-password.ts";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type AdminLoginRefusal = "login_failed" | "rate_limited";

export async function logInAdmin(
  ctx: AdminContext,
  input: { loginId: string; password: string; clientAddress: string; requestId: string },
): Promise<{ ok: true; token: string; staff: AdminStaff } | { ok: false; refusal: AdminLoginRefusal }> {
  const now = ctx.pf.clock.now();
  const keys = [`id:${input.loginId.toLowerCase()}`, `ip:${input.clientAddress}`];
  const audit = (outcome: "success" | "failure", code: string | null) =>
    ctx.pf.store.metering.record({
      audit: [
        {
          event: "admin.login",
          outcome,
          code,
          actorKind: "admin",
          actorId: input.loginId.slice(0, 64),
          requestId: input.requestId,
        },
      ],
    });
  const blocked = await Promise.all(keys.map((k) => ctx.throttle.isBlocked(k, now.getTime())));
  if (blocked.some(Boolean)) {
    await audit("failure", "rate_limited");
    return { ok: false, refusal: "rate_limited" };
  }
  const staff = await ctx.accounts.staffByLoginId(input.loginId);
  const passwordOk = await verifyPassword(input.password, staff?.passwordHash ?? (await dummyHash));
  if (!staff || !passwordOk) {
    for (const k of keys) await ctx.throttle.fail(k, now.getTime());
    await audit("failure", "login_failed");
    return { ok: false, refusal: "login_failed" };
  }
  await ctx.throttle.reset(keys[0] ?? "");
  const token = randomBytes(32).toString("base64url");
  await ctx.accounts.createSession({
    idHash: hashToken(token),
    loginId: staff.loginId,
    csrfToken: randomBytes(24).toString("base64url"),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
  });
  await audit("success", null);
  return { ok: true, token, staff };
}
