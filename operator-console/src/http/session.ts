/**
 * @module Session cookie and CSRF middleware. The cookie is `__Host-console_session` (Secure, Path=/, no Domain,
 * HttpOnly, SameSite=Strict): Chromium treats http://127.0.0.1 and localhost as potentially trustworthy origins and
 * accepts Secure cookies there, so the same cookie works in the demo and behind TLS in production. Every POST
 * carries the session's synchroniser token in `_csrf` (OWASP CSRF Prevention Cheat Sheet).
 */
import { timingSafeEqual } from "node:crypto";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { resumeSession, sessionAbsoluteHours } from "../domain/log-in-staff.ts";
import { ConsoleError } from "../errors.ts";
import type { ConsoleEnv } from "./env.ts";

export const sessionCookie = "console_session";

export function setSessionCookie(c: Parameters<typeof setCookie>[0], token: string): void {
  setCookie(c, sessionCookie, token, {
    prefix: "host",
    httpOnly: true,
    sameSite: "Strict",
    maxAge: sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(c: Parameters<typeof deleteCookie>[0]): void {
  deleteCookie(c, sessionCookie, { prefix: "host", secure: true, path: "/" });
}

export const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Requires a live session; pages redirect to the login form, other requests get 401. */
export const requireSession = createMiddleware<ConsoleEnv>(async (c, next) => {
  const deps = c.get("deps");
  const resumed = await resumeSession(deps, getCookie(c, sessionCookie, "host"));
  if (!resumed) {
    if (c.req.method === "GET") return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    throw new ConsoleError("unauthorized");
  }
  const { operator } = resumed;
  if (!operator) throw new ConsoleError("unauthorized");
  c.set("staff", resumed.staff);
  c.set("operator", operator);
  c.set("csrfToken", resumed.session.csrfToken);
  c.set("sessionHash", resumed.idHash);
  c.set("actor", {
    operatorId: resumed.staff.operatorId,
    loginId: resumed.staff.loginId,
    role: resumed.staff.role,
    requestId: c.get("requestId"),
  });
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const body = await c.req.parseBody({ all: true });
    const token = typeof body._csrf === "string" ? body._csrf : c.req.header("x-csrf-token");
    if (!token || !safeEqual(token, resumed.session.csrfToken)) throw new ConsoleError("csrf_failed");
  }
  await next();
});

export const requireAdmin = createMiddleware<ConsoleEnv>(async (c, next) => {
  if (c.get("staff").role !== "admin") throw new ConsoleError("forbidden");
  await next();
});
