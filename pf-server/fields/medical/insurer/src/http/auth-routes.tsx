/**
 * @module Login and logout of the insurers' staff. The login form has its own CSRF token (a `__Host-` cookie matched
 * by a hidden field) because there is no session yet (OWASP: login CSRF).
 */
import { randomBytes } from "node:crypto";
import { CodedError } from "@catv/service-kit";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { logInStaff } from "../domain/log-in-staff.ts";
import { logOutStaff } from "../domain/log-out-staff.ts";
import { fail } from "../errors.ts";
import { Bare } from "../views/layout.tsx";
import { Alert } from "../views/parts.tsx";
import type { InsurerEnv } from "./env.ts";
import { clearSessionCookie, field, requireSession, safeEqual, setSessionCookie } from "./session.ts";

const LOGIN_CSRF_COOKIE = "insurer_login";

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
}

/**
 * A path on this system, else "/". Resolved the way a browser resolves a Location header, because "/\evil.example"
 * and "/<tab>/evil.example" both lead off-site although neither starts with "//".
 */
const safeNext = (next: string | undefined) => {
  const here = "http://insurer.invalid";
  return next?.startsWith("/") && new URL(next, here).origin === here ? next : "/";
};

function loginPage(token: string, next: string, error?: string, loginId = "") {
  return (
    <Bare title="ログイン | 被保険者管理">
      <div class="login card">
        <h1>被保険者管理・共通的PFID紐づけ</h1>
        <p class="muted">保険者職員用（国民健康保険・健康保険組合）</p>
        {error && <Alert kind="error">{error}</Alert>}
        <form method="post" action="/login">
          <input type="hidden" name="_csrf" value={token} />
          <input type="hidden" name="next" value={next} />
          <div class="field">
            <label for="login-id">ログインID</label>
            <input
              id="login-id"
              type="text"
              name="loginId"
              autocomplete="username"
              required
              value={loginId}
              class="wide"
            />
          </div>
          <div class="field">
            <label for="password">パスワード</label>
            <input
              id="password"
              type="password"
              name="password"
              autocomplete="current-password"
              required
              class="wide"
            />
          </div>
          <button type="submit">ログイン</button>
        </form>
      </div>
    </Bare>
  );
}

function freshLoginToken(c: Parameters<typeof setCookie>[0]): string {
  const token = randomBytes(24).toString("base64url");
  setCookie(c, LOGIN_CSRF_COOKIE, token, {
    prefix: "host",
    httpOnly: true,
    sameSite: "Strict",
    maxAge: 3600,
  });
  return token;
}

export const authRoutes = new Hono<InsurerEnv>();

authRoutes.get("/login", (c) => {
  // Reuse the token already in the cookie: a second tab must not invalidate the form the user is filling in.
  const existing = getCookie(c, LOGIN_CSRF_COOKIE, "host");
  const token = existing && /^[A-Za-z0-9_-]{32}$/.test(existing) ? existing : freshLoginToken(c);
  return c.html(loginPage(token, safeNext(c.req.query("next"))));
});

authRoutes.post("/login", async (c) => {
  const body = await c.req.parseBody();
  const next = safeNext(field(body, "next"));
  const cookieToken = getCookie(c, LOGIN_CSRF_COOKIE, "host");
  if (!cookieToken || !safeEqual(cookieToken, field(body, "_csrf"))) {
    return c.html(loginPage(freshLoginToken(c), next, fail("csrf_failed").message), 403);
  }
  try {
    const { token } = await logInStaff(c.get("deps"), {
      loginId: field(body, "loginId").trim(),
      password: field(body, "password"),
      clientAddress: clientAddress(c),
      requestId: c.get("requestId"),
    });
    setSessionCookie(c, token);
    return c.redirect(next, 303);
  } catch (error) {
    if (!(error instanceof CodedError)) throw error;
    return c.html(
      loginPage(freshLoginToken(c), next, error.message, field(body, "loginId")),
      error.status === 429 ? 429 : 401,
    );
  }
});

authRoutes.post("/logout", requireSession, async (c) => {
  await logOutStaff(c.get("deps"), c.get("actor"), c.get("sessionHash"));
  clearSessionCookie(c);
  return c.redirect("/login", 303);
});
