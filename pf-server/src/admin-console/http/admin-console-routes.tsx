/**
 * @module The PF administrator console's HTTP side, mounted at /admin on the PF's port: login with its own CSRF
 * cookie (no session yet — OWASP login CSRF), a session cookie `__Host-pf_admin_session` (HttpOnly, Secure,
 * SameSite=Strict; Chromium treats 127.0.0.1 as a secure context), a synchroniser CSRF token in every form, and
 * `staff` read-only while `admin` may change things. Each route parses the request, calls one use case and
 * renders its answer.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { jstMonth } from "@catv/contracts/calendar";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import { computeFeeStatement } from "../../domain/compute-fee-statement.ts";
import type { PfContext } from "../../domain/context.ts";
import { listOperators } from "../../domain/list-operators.ts";
import { listProviders } from "../../domain/list-providers.ts";
import { registerTerminal } from "../../domain/manage-tenants.ts";
import { readMonthlyMetering } from "../../domain/metering.ts";
import { hasRole, listOperatorsOf } from "../../domain/tenancy.ts";
import type { CrlStatus } from "../../revocation/crl-checker.ts";
import type { OutboxListStatus, TenantRole } from "../../storage/repositories.ts";
import type { AdminAccounts, AdminStaff } from "../domain/admin-accounts.ts";
import type { AdminActor, AdminContext } from "../domain/admin-context.ts";
import { listMedicalTenants } from "../domain/list-medical-tenants.ts";
import { listTerminals } from "../domain/list-terminals.ts";
import { logInAdmin } from "../domain/log-in-admin.ts";
import { logOutAdmin } from "../domain/log-out-admin.ts";
import { LoginThrottle } from "../domain/login-throttle.ts";
import { readJpkiStatus } from "../domain/read-jpki-status.ts";
import { readOutboxOverview } from "../domain/read-outbox-overview.ts";
import { requeueDeadEvent } from "../domain/requeue-dead-event.ts";
import { resumeAdminSession, SESSION_ABSOLUTE_HOURS } from "../domain/resume-admin-session.ts";
import { searchAuditTrail } from "../domain/search-audit-trail.ts";
import { setTerminalStatus } from "../domain/set-terminal-status.ts";
import { Alert, Bare, type PageContext } from "../views/layout.tsx";
import {
  AuditPage,
  JpkiPage,
  MeteringPage,
  OutboxPage,
  TenantsPage,
  TerminalsPage,
} from "../views/pages.tsx";
import { ADMIN_BASE } from "../views/paths.ts";
import { adminCss } from "../views/styles.ts";

const SESSION_COOKIE = "pf_admin_session";
const LOGIN_COOKIE = "pf_admin_login";

interface AdminEnv {
  Variables: {
    staff: AdminStaff;
    csrfToken: string;
    sessionHash: string;
    requestId: string;
  };
}

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
}

const OUTBOX_STATUSES: readonly OutboxListStatus[] = ["pending", "failed", "dead", "delivered"];

export interface AdminConsoleOptions {
  ctx: PfContext & { crl: { status(): CrlStatus[] } };
  accounts: AdminAccounts;
  throttle?: LoginThrottle;
}

/**
 * The console as a Hono app to mount at `ADMIN_BASE` (`app.route("/admin", createAdminConsole(…))`).
 * @example app.route(ADMIN_BASE, createAdminConsole({ ctx, accounts: createSqliteAdminAccounts(file) }));
 */
export function createAdminConsole(options: AdminConsoleOptions) {
  const admin: AdminContext = {
    pf: options.ctx,
    accounts: options.accounts,
    throttle: options.throttle ?? new LoginThrottle(options.ctx.rateLimits),
  };
  const ctx = options.ctx;
  const app = new Hono<AdminEnv>();
  // Forms of a few fields; a public key is the largest thing posted.
  app.use(bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text("送信内容が大きすぎます。", 413) }));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "same-origin",
    }),
  );
  app.use(async (c, next) => {
    c.set("requestId", c.req.header("x-request-id")?.slice(0, 64) ?? randomBytes(8).toString("hex"));
    c.header("cache-control", "no-store");
    await next();
  });

  app.get("/static/admin.css", (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.body(adminCss, 200, { "content-type": "text/css; charset=utf-8" });
  });

  const loginPage = (token: string, error?: string, loginId = "") => (
    <Bare title="ログイン">
      <div class="login card">
        <h1>共通的PF 管理コンソール</h1>
        <p class="muted">共通的PFの運用担当者用</p>
        {error && <Alert kind="error">{error}</Alert>}
        <form method="post" action={`${ADMIN_BASE}/login`}>
          <input type="hidden" name="_csrf" value={token} />
          <div class="field">
            <label for="loginId">ログインID</label>
            <input
              id="loginId"
              name="loginId"
              type="text"
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
              name="password"
              type="password"
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
  const newLoginToken = (c: Parameters<typeof setCookie>[0]) => {
    const token = randomBytes(24).toString("base64url");
    setCookie(c, LOGIN_COOKIE, token, { prefix: "host", httpOnly: true, sameSite: "Strict", maxAge: 3600 });
    return token;
  };

  app.get("/login", (c) => c.html(loginPage(newLoginToken(c))));
  app.post("/login", async (c) => {
    const body = await c.req.parseBody();
    const expected = getCookie(c, LOGIN_COOKIE, "host");
    const given = typeof body._csrf === "string" ? body._csrf : "";
    const loginId = typeof body.loginId === "string" ? body.loginId.trim().slice(0, 64) : "";
    const password = typeof body.password === "string" ? body.password.slice(0, 256) : "";
    if (!expected || !safeEqual(given, expected)) {
      return c.html(
        loginPage(newLoginToken(c), "画面の有効期限が切れました。もう一度ログインしてください。", loginId),
        403,
      );
    }
    const result = await logInAdmin(admin, {
      loginId,
      password,
      clientAddress: clientAddress(c),
      requestId: c.get("requestId"),
    });
    if (!result.ok) {
      const message =
        result.refusal === "rate_limited"
          ? "ログインの失敗が続いたため、しばらく（15分）ログインできません。"
          : "ログインIDまたはパスワードが違います。";
      return c.html(
        loginPage(newLoginToken(c), message, loginId),
        result.refusal === "rate_limited" ? 429 : 401,
      );
    }
    deleteCookie(c, LOGIN_COOKIE, { prefix: "host", secure: true, path: "/" });
    setCookie(c, SESSION_COOKIE, result.token, {
      prefix: "host",
      httpOnly: true,
      sameSite: "Strict",
      maxAge: SESSION_ABSOLUTE_HOURS * 3600,
    });
    return c.redirect(`${ADMIN_BASE}/tenants`, 303);
  });

  const requireSession = createMiddleware<AdminEnv>(async (c, next) => {
    const resumed = await resumeAdminSession(admin, getCookie(c, SESSION_COOKIE, "host"));
    if (!resumed) {
      if (c.req.method === "GET") return c.redirect(`${ADMIN_BASE}/login`, 303);
      return c.text("ログインが必要です。", 401);
    }
    c.set("staff", resumed.staff);
    c.set("csrfToken", resumed.session.csrfToken);
    c.set("sessionHash", resumed.session.idHash);
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const body = await c.req.parseBody();
      const token = typeof body._csrf === "string" ? body._csrf : "";
      if (!safeEqual(token, resumed.session.csrfToken)) return c.text("CSRFトークンが一致しません。", 403);
    }
    await next();
  });
  const requireAdminRole = createMiddleware<AdminEnv>(async (c, next) => {
    if (c.get("staff").role !== "admin") return c.text("この操作は管理者だけが行えます。", 403);
    await next();
  });

  const pages = new Hono<AdminEnv>();
  pages.use(requireSession);
  const page = (c: {
    get: <K extends keyof AdminEnv["Variables"]>(k: K) => AdminEnv["Variables"][K];
    req: { path: string };
  }): PageContext => ({
    staffName: c.get("staff").displayName,
    role: c.get("staff").role,
    csrfToken: c.get("csrfToken"),
    path: c.req.path,
  });
  const actor = (c: {
    get: <K extends keyof AdminEnv["Variables"]>(k: K) => AdminEnv["Variables"][K];
  }): AdminActor => ({
    loginId: c.get("staff").loginId,
    role: c.get("staff").role,
    requestId: c.get("requestId"),
  });
  const operatorChoices = async () =>
    (await listOperatorsOf(ctx)).map((op) => ({ id: op.id, name: op.name }));
  const tenantChoices = async (role?: TenantRole) =>
    (await ctx.store.tenants.listTenants())
      .filter((tenant) => !role || hasRole(tenant, role))
      .map((tenant) => ({ id: tenant.id, name: tenant.name }));

  pages.get("/", (c) => c.redirect(`${ADMIN_BASE}/tenants`, 303));
  pages.post("/logout", async (c) => {
    await logOutAdmin(admin, c.get("sessionHash"), actor(c));
    deleteCookie(c, SESSION_COOKIE, { prefix: "host", secure: true, path: "/" });
    return c.redirect(`${ADMIN_BASE}/login`, 303);
  });

  pages.get("/tenants", async (c) =>
    c.html(
      <TenantsPage
        ctx={page(c)}
        operators={await listOperators(ctx)}
        providers={await listProviders(ctx)}
        medical={await listMedicalTenants(ctx)}
      />,
    ),
  );

  const terminalsPage = async (
    c: Parameters<typeof page>[0] & { req: { query(k: string): string | undefined } },
    notice?: { kind: "ok" | "error"; text: string },
  ) => {
    const ownerFilter = c.req.query("owner") ?? "";
    return (
      <TerminalsPage
        ctx={page(c)}
        terminals={await listTerminals(ctx, ownerFilter ? { ownerId: ownerFilter } : {})}
        owners={await tenantChoices("site-owner")}
        operators={await operatorChoices()}
        ownerFilter={ownerFilter}
        notice={notice}
      />
    );
  };
  pages.get("/terminals", async (c) => {
    const done = c.req.query("done");
    const notice = done ? { kind: "ok" as const, text: `端末 ${done} を更新しました。` } : undefined;
    return c.html(await terminalsPage(c, notice));
  });
  pages.post("/terminals", requireAdminRole, async (c) => {
    const body = await c.req.parseBody();
    const terminalId = String(body.terminalId ?? "").trim();
    const operatorId = String(body.operatorId ?? "");
    let publicJwk: unknown;
    try {
      publicJwk = JSON.parse(String(body.publicJwk ?? ""));
    } catch {
      publicJwk = undefined;
    }
    const jwk = publicJwk as
      | { kty?: unknown; crv?: unknown; x?: unknown; y?: unknown; d?: unknown }
      | undefined;
    const valid =
      /^[A-Za-z0-9_.:-]{3,64}$/.test(terminalId) &&
      jwk?.kty === "EC" &&
      jwk.crv === "P-256" &&
      typeof jwk.x === "string" &&
      typeof jwk.y === "string" &&
      jwk.d === undefined;
    if (!valid) {
      return c.html(
        await terminalsPage(c, {
          kind: "error",
          text: "端末IDまたは公開鍵が正しくありません（P-256 の公開鍵JWKで、秘密鍵 d を含めないでください）。",
        }),
        400,
      );
    }
    try {
      await registerTerminal(ctx, { requestId: c.get("requestId") }, operatorId, {
        terminalId,
        publicJwk: { kty: "EC", crv: "P-256", x: jwk.x as string, y: jwk.y as string },
        status: "active",
      });
    } catch {
      return c.html(
        await terminalsPage(c, {
          kind: "error",
          text: "登録できませんでした（別の事業者の端末IDか、事業者がありません）。",
        }),
        409,
      );
    }
    return c.redirect(`${ADMIN_BASE}/terminals?done=${encodeURIComponent(terminalId)}`, 303);
  });
  pages.post("/terminals/:terminalId/status", requireAdminRole, async (c) => {
    const body = await c.req.parseBody();
    const status = body.status === "disabled" ? "disabled" : "active";
    const terminalId = c.req.param("terminalId");
    try {
      await setTerminalStatus(ctx, actor(c), terminalId, status);
    } catch {
      return c.html(await terminalsPage(c, { kind: "error", text: "その端末はありません。" }), 404);
    }
    return c.redirect(`${ADMIN_BASE}/terminals?done=${encodeURIComponent(terminalId)}`, 303);
  });

  pages.get("/outbox", async (c) => {
    const asked = c.req.query("status") as OutboxListStatus | undefined;
    const status = asked && OUTBOX_STATUSES.includes(asked) ? asked : "dead";
    const requeued = c.req.query("requeued");
    return c.html(
      <OutboxPage
        ctx={page(c)}
        status={status}
        overview={await readOutboxOverview(ctx, status)}
        now={ctx.clock.now()}
        notice={requeued ? { kind: "ok", text: `イベント ${requeued} を再送待ちに戻しました。` } : undefined}
      />,
    );
  });
  pages.post("/outbox/:eventId/retry", requireAdminRole, async (c) => {
    const eventId = c.req.param("eventId");
    try {
      await requeueDeadEvent(ctx, actor(c), eventId);
    } catch {
      return c.html(
        <OutboxPage
          ctx={page(c)}
          status="dead"
          overview={await readOutboxOverview(ctx, "dead")}
          now={ctx.clock.now()}
          notice={{
            kind: "error",
            text: "送信停止中のイベントではありません（すでに再送されたかもしれません）。",
          }}
        />,
        404,
      );
    }
    return c.redirect(`${ADMIN_BASE}/outbox?status=pending&requeued=${encodeURIComponent(eventId)}`, 303);
  });

  pages.get("/jpki", async (c) =>
    c.html(<JpkiPage ctx={page(c)} status={await readJpkiStatus(ctx)} now={ctx.clock.now()} />),
  );

  pages.get("/metering", async (c) => {
    const operators = await tenantChoices();
    const askedOperator = c.req.query("operator");
    const operatorId = operators.some((op) => op.id === askedOperator)
      ? (askedOperator as string)
      : (operators[0]?.id ?? "");
    const askedMonth = c.req.query("month") ?? "";
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(askedMonth) ? askedMonth : jstMonth(ctx.clock.now());
    const statement = operatorId ? await computeFeeStatement(ctx, operatorId, month) : undefined;
    const counts = operatorId ? await readMonthlyMetering(ctx, operatorId, month) : {};
    return c.html(
      <MeteringPage
        ctx={page(c)}
        operators={operators}
        operatorId={operatorId}
        month={month}
        statement={statement}
        counts={counts}
      />,
    );
  });

  pages.get("/audit", async (c) => {
    const filter = {
      event: (c.req.query("event") ?? "").trim().slice(0, 64),
      outcome:
        c.req.query("outcome") === "success" || c.req.query("outcome") === "failure"
          ? (c.req.query("outcome") as string)
          : "",
      tenantId: (c.req.query("tenant") ?? "").slice(0, 64),
      code: (c.req.query("code") ?? "").trim().slice(0, 64),
    };
    const before = Number(c.req.query("before"));
    const { rows, nextBeforeSeq } = await searchAuditTrail(ctx, {
      event: filter.event || undefined,
      outcome: (filter.outcome || undefined) as "success" | "failure" | undefined,
      tenantId: filter.tenantId || undefined,
      code: filter.code || undefined,
      beforeSeq: Number.isInteger(before) && before > 0 ? before : undefined,
    });
    const next =
      nextBeforeSeq === undefined
        ? undefined
        : `${ADMIN_BASE}/audit?${new URLSearchParams({ ...filter, tenant: filter.tenantId, before: String(nextBeforeSeq) }).toString()}`;
    return c.html(
      <AuditPage ctx={page(c)} tenants={await tenantChoices()} filter={filter} rows={rows} nextHref={next} />,
    );
  });

  app.route("/", pages);
  return app;
}
