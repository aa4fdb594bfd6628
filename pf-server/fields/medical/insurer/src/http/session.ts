/**
 * @module Session cookie and CSRF checks of the staff pages. The cookie is `__Host-insurer_session` (Secure, Path=/,
 * no Domain, HttpOnly, SameSite=Strict): Chromium treats http://127.0.0.1 and localhost as potentially trustworthy
 * and accepts Secure cookies there, so one cookie works in the demo and behind TLS. Every POST carries the
 * session's synchroniser token in `_csrf` (OWASP CSRF Prevention Cheat Sheet).
 */
import { timingSafeEqual } from "node:crypto";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { resumeSession, SESSION_ABSOLUTE_HOURS } from "../domain/log-in-staff.ts";
import { fail } from "../errors.ts";
import type { InsurerEnv } from "./env.ts";

export const SESSION_COOKIE = "insurer_session";

export function setSessionCookie(c: Parameters<typeof setCookie>[0], token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    prefix: "host",
    httpOnly: true,
    sameSite: "Strict",
    maxAge: SESSION_ABSOLUTE_HOURS * 3600,
  });
}

export function clearSessionCookie(c: Parameters<typeof deleteCookie>[0]): void {
  deleteCookie(c, SESSION_COOKIE, { prefix: "host", secure: true, path: "/" });
}

export const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Requires a live session: a page redirects to the login form, anything else gets 401. */
export const requireSession = createMiddleware<InsurerEnv>(async (c, next) => {
  const deps = c.get("deps");
  const resumed = await resumeSession(deps, getCookie(c, SESSION_COOKIE, "host"));
  if (!resumed) {
    if (c.req.method === "GET") return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    throw fail("unauthorized");
  }
  c.set("staff", resumed.staff);
  c.set("insurer", resumed.insurer);
  c.set("csrfToken", resumed.session.csrfToken);
  c.set("sessionHash", resumed.idHash);
  c.set("actor", {
    insurerId: resumed.staff.insurerId,
    loginId: resumed.staff.loginId,
    role: resumed.staff.role,
    requestId: c.get("requestId"),
  });
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const body = await c.req.parseBody({ all: true });
    const token = typeof body._csrf === "string" ? body._csrf : c.req.header("x-csrf-token");
    if (!token || !safeEqual(token, resumed.session.csrfToken)) throw fail("csrf_failed");
  }
  await next();
});

export const requireAdmin = createMiddleware<InsurerEnv>(async (c, next) => {
  if (c.get("staff").role !== "admin") throw fail("forbidden");
  await next();
});

/** One string field of a parsed form ("" when absent or a file). */
export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === "string"
    ? value
    : Array.isArray(value) && typeof value[0] === "string"
      ? value[0]
      : "";
}

/** Every string value of a repeated form field (checkboxes). */
export function fields(body: Record<string, unknown>, name: string): string[] {
  const value = body[name] ?? body[`${name}[]`];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
