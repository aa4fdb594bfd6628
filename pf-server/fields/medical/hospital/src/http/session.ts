/**
 * @module Staff sessions on the desk screen and the records: the cookie `__Host-hospital_session` (Secure, Path=/,
 * HttpOnly, SameSite=Strict — Chromium accepts Secure cookies on http://127.0.0.1, a potentially trustworthy origin),
 * and on every POST the session's synchroniser token in `_csrf` (OWASP CSRF Prevention Cheat Sheet) and a same-site
 * request as the browser tells it (`Sec-Fetch-Site`, or `Origin`).
 */
import { timingSafeEqual } from "node:crypto";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { HospitalDeps } from "../domain/deps.ts";
import { resumeSession, SESSION_ABSOLUTE_HOURS } from "../domain/log-in-staff.ts";
import { fail } from "../errors.ts";
import type { HospitalEnv } from "./env.ts";

export const SESSION_COOKIE = "hospital_session";

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

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * A POST from another site's page is refused before anything else (SameSite=Strict is the first line): by the
 * browser's `Sec-Fetch-Site` when it sends one (Fetch Metadata), else by `Origin`.
 */
export const sameOriginPosts = createMiddleware<HospitalEnv>(async (c, next) => {
  if (c.req.method === "POST") {
    const site = c.req.header("sec-fetch-site");
    const origin = c.req.header("origin");
    if (site ? site !== "same-origin" : origin && origin !== new URL(c.req.url).origin)
      throw fail("csrf_failed");
  }
  await next();
});

/** A live session, or the login page (GET) / `unauthorized` (other methods). */
export function requireStaff(deps: HospitalDeps) {
  return createMiddleware<HospitalEnv>(async (c, next) => {
    const resumed = await resumeSession(deps, getCookie(c, SESSION_COOKIE, "host"));
    if (!resumed) {
      if (c.req.method === "GET" && !c.req.path.endsWith("/events") && !c.req.path.endsWith("/panel")) {
        return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
      }
      throw fail("unauthorized");
    }
    if (c.req.method === "POST") {
      const body = await c.req.parseBody();
      const token = typeof body._csrf === "string" ? body._csrf : "";
      if (!sameText(token, resumed.session.csrfToken)) throw fail("csrf_failed");
    }
    c.set("staff", resumed.staff);
    c.set("session", resumed.session);
    await next();
  });
}
