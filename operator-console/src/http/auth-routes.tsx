/**
 * @module Login and logout. The login form has its own CSRF token (a `__Host-` cookie matched by a hidden field)
 * because there is no session yet (OWASP: login CSRF).
 */
import { randomBytes } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { logInStaff } from "../domain/log-in-staff.ts";
import { logOutStaff } from "../domain/log-out-staff.ts";
import { ConsoleError } from "../errors.ts";
import { Alert, Bare } from "../views/layout.tsx";
import { Field } from "../views/parts.tsx";
import type { ConsoleEnv } from "./env.ts";
import { clearSessionCookie, requireSession, safeEqual, sessionCookie, setSessionCookie } from "./session.ts";

const loginCsrfCookie = "console_login";

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
}

/**
 * A path on this console, else "/". Resolved the way a browser resolves a Location header, because "/\evil.example"
 * and "/<tab>/evil.example" both lead off-site although neither starts with "//".
 */
const safeNext = (next: string | undefined) => {
  const here = "http://console.invalid";
  return next?.startsWith("/") && new URL(next, here).origin === here ? next : "/";
};

export const authRoutes = new Hono<ConsoleEnv>();

function loginPage(token: string, next: string, error?: string, loginId = "") {
  return (
    <Bare title="ログイン | 顧客管理システム">
      <div class="login card">
        <h1>顧客管理システム</h1>
        <p class="muted">CATV事業者スタッフ用コンソール</p>
        {error && <Alert kind="error">{error}</Alert>}
        <form method="post" action="/login">
          <input type="hidden" name="_csrf" value={token} />
          <input type="hidden" name="next" value={next} />
          <Field
            label="ログインID"
            name="loginId"
            type="text"
            autocomplete="username"
            required
            value={loginId}
            class="wide"
          />
          <Field
            label="パスワード"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            class="wide"
          />
          <button type="submit">ログイン</button>
        </form>
      </div>
    </Bare>
  );
}

function freshLoginToken(c: Parameters<typeof setCookie>[0]): string {
  const token = randomBytes(24).toString("base64url");
  setCookie(c, loginCsrfCookie, token, { prefix: "host", httpOnly: true, sameSite: "Strict", maxAge: 3600 });
  return token;
}

authRoutes.get("/login", (c) => {
  // Reuse the token already in the cookie: a second tab (or a favicon request redirected here) must not invalidate
  // the form the user is filling in.
  const existing = getCookie(c, loginCsrfCookie, "host");
  const token = existing && /^[A-Za-z0-9_-]{32}$/.test(existing) ? existing : freshLoginToken(c);
  return c.html(loginPage(token, safeNext(c.req.query("next"))));
});

authRoutes.post("/login", async (c) => {
  const body = await c.req.parseBody();
  const field = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
  const cookieToken = getCookie(c, loginCsrfCookie, "host");
  const next = safeNext(field("next"));
  if (!cookieToken || !safeEqual(cookieToken, field("_csrf"))) {
    return c.html(loginPage(freshLoginToken(c), next, new ConsoleError("csrf_failed").message), 403);
  }
  try {
    const { token } = await logInStaff(c.get("deps"), {
      loginId: field("loginId").trim(),
      password: field("password"),
      clientAddress: clientAddress(c),
    });
    setSessionCookie(c, token);
    return c.redirect(next, 303);
  } catch (error) {
    if (!(error instanceof ConsoleError)) throw error;
    const status = error.status === 429 ? 429 : 401;
    return c.html(loginPage(freshLoginToken(c), next, error.message, field("loginId")), status);
  }
});

authRoutes.post("/logout", requireSession, async (c) => {
  await logOutStaff(c.get("deps"), c.get("actor"), c.get("sessionHash"));
  clearSessionCookie(c);
  return c.redirect("/login", 303);
});

export { sessionCookie };
