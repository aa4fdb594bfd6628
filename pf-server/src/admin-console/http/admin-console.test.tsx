/**
 * The administrator console in Chromium: every page through the real login form over HTTP on 127.0.0.1 (which
 * also proves the `__Host-` Secure cookies are accepted there), with a screenshot of each at 1366×768 — into
 * docs/screenshots/pf-admin/ when E2E_DOCS_SCREENSHOTS=1 (as the e2e journeys do), else a temporary directory.
 * The refusals (CSRF, a read-only login, throttling) are checked over plain HTTP.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumLaunchOptions } from "@catv/browser-testing/chromium";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Locator, type Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { registeredCard } from "../../testing/harness-for-file.ts";
import { INSURERS, medicalHarnessForFile } from "../../testing/medical-fixture.ts";
import { ADMIN_TOKEN, errorCode } from "../../testing/pf-harness.ts";
import { LoginThrottle } from "../domain/login-throttle.ts";
import { seedAdminStaff } from "../domain/seed-admin-staff.ts";
import { createSqliteAdminAccounts } from "../storage/sqlite-admin-accounts.ts";
import { ADMIN_BASE } from "../views/paths.ts";
import { type AdminConsoleOptions, createAdminConsole } from "./admin-console-routes.tsx";

const { h } = medicalHarnessForFile();
const ADMIN = {
  loginId: "pf-admin",
  password: "admin-password-0123",
  role: "admin" as const,
  displayName: "PF 管理者",
};
const STAFF = {
  loginId: "pf-viewer",
  password: "viewer-password-0123",
  role: "staff" as const,
  displayName: "PF 運用担当",
};

const shots =
  process.env.E2E_DOCS_SCREENSHOTS === "1"
    ? fileURLToPath(new URL("../../../../docs/screenshots/pf-admin/", import.meta.url))
    : mkdtempSync(join(tmpdir(), "pf-admin-shots-"));
mkdirSync(shots, { recursive: true });

let server: Server;
let base: string;
let browser: Browser;
let page: Page;
let accounts: ReturnType<typeof createSqliteAdminAccounts>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  accounts = createSqliteAdminAccounts(":memory:");
  await seedAdminStaff({ pf: h.ctx, accounts, throttle: new LoginThrottle(h.ctx.rateLimits) }, [
    ADMIN,
    STAFF,
  ]);
  app = createApp(h.ctx, { adminToken: ADMIN_TOKEN, tvOrigins: [] });
  app.route(
    ADMIN_BASE,
    createAdminConsole({ ctx: h.ctx as unknown as AdminConsoleOptions["ctx"], accounts }),
  );
  server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s as Server));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Something to show: registrations and logins (audit, meters, terminal use), and one dead webhook.
  await registeredCard(h);
  await registeredCard(h, h.terminals.b1);
  await h.deliver();
  h.webhookStatus.value = 500;
  await registeredCard(h);
  await h.deliver({ maxAttempts: 1 });
  h.webhookStatus.value = 200;
  await h.ctx.crl.refreshAll();

  browser = await chromium.launch(chromiumLaunchOptions());
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "ja-JP" });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  accounts?.close();
});

async function logIn(as: { loginId: string; password: string }) {
  await page.goto(`${base}${ADMIN_BASE}/tenants`);
  expect(new URL(page.url()).pathname).toBe(`${ADMIN_BASE}/login`);
  await page.getByLabel("ログインID").fill(as.loginId);
  await page.getByLabel("パスワード").fill(as.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.waitForURL(`${base}${ADMIN_BASE}/tenants`);
}

/** The machine running the suite may be busy (scrypt at OWASP cost takes seconds there): wait generously. */
const POLL = { timeout: 20_000, interval: 100 };
const visible = (locator: Locator) => locator.first().waitFor({ state: "visible", timeout: 30_000 });
const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

describe("PF administrator console in Chromium", { timeout: 120_000 }, () => {
  it("shows the login form and refuses a wrong password in Japanese", async () => {
    await page.goto(`${base}${ADMIN_BASE}/login`);
    await shot("01-login");
    await page.getByLabel("ログインID").fill(ADMIN.loginId);
    await page.getByLabel("パスワード").fill("not-the-password");
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent(), POLL)
      .toBe("ログインIDまたはパスワードが違います。");
  });

  it("lists the tenants: operators with their policy and terminals, providers with their services, insurers and medical institutions with their receptions", async () => {
    await logIn(ADMIN);
    await visible(page.getByRole("heading", { name: "テナント", level: 1 }));
    await visible(page.getByRole("cell", { name: "Operator A" }));
    await visible(page.getByRole("cell", { name: "OCSP（都度）" }));
    await visible(page.getByRole("cell", { name: "CRL（定期取得）" }));
    await visible(page.getByRole("cell", { name: "prov-test" }));
    await visible(page.getByRole("heading", { name: "保険者（2）" }));
    await visible(page.getByRole("cell", { name: INSURERS.city.name }));
    await visible(page.getByRole("cell", { name: INSURERS.kenpo.name }));
    await visible(page.getByRole("heading", { name: "医療機関（2）" }));
    await visible(page.getByRole("cell", { name: "0610499996" }));
    await shot("02-tenants");
  });

  it("lists terminals with their last use, and disabling one makes the PF refuse its assertions", async () => {
    await page.getByRole("link", { name: "端末（STB・受付）" }).click();
    const a1 = page.getByRole("row").filter({ hasText: h.terminals.a1.terminalId });
    await expect.poll(() => a1.getByRole("cell").nth(5).textContent(), POLL).not.toBe("未使用");
    await shot("03-terminals");
    const a2 = page.getByRole("row").filter({ hasText: h.terminals.a2.terminalId });
    await a2.getByRole("button", { name: "無効にする" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), POLL)
      .toContain(h.terminals.a2.terminalId);
    await expect.poll(() => a2.getByRole("cell").nth(3).textContent(), POLL).toBe("無効");
    const refused = await h.call(h.terminals.a2, "POST", "/v1/challenges", { purpose: "login" });
    expect(await errorCode(refused)).toBe("terminal_unauthorized");
    await a2.getByRole("button", { name: "有効にする" }).click();
    await expect.poll(() => a2.getByRole("cell").nth(3).textContent(), POLL).toBe("有効");
  });

  it("registers a terminal by its public key, whose assertions the PF then accepts", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const { kty, crv, x, y } = publicKey.export({ format: "jwk" });
    await page.getByLabel("事業者", { exact: true }).last().selectOption("op-b");
    await page.getByLabel("端末ID").fill("stb-b-new-0001");
    await page.getByLabel("公開鍵（JWK）").fill(JSON.stringify({ kty, crv, x, y }));
    await page.getByRole("button", { name: "登録する" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), POLL).toContain("stb-b-new-0001");
    const added = { terminalId: "stb-b-new-0001", operatorId: "op-b", privateKey };
    expect((await h.call(added, "POST", "/v1/challenges", { purpose: "login" })).status).toBe(201);
  });

  it("shows the outbox per destination, and a dead event goes back to the queue with 再送する", async () => {
    await page.getByRole("link", { name: "Webhook送信" }).click();
    await expect
      .poll(() => page.getByRole("link", { name: "送信停止（dead）" }).getAttribute("aria-current"), POLL)
      .toBe("page");
    const dead = page.getByRole("row").filter({ hasText: "HTTP 500" }).first();
    await visible(dead);
    await shot("04-outbox-dead");
    const eventId = (await dead.getByRole("cell").first().textContent()) ?? "";
    await dead.getByRole("button", { name: "再送する" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), POLL).toContain(eventId);
    expect(await h.ctx.store.outbox.get(eventId)).toMatchObject({ status: "pending" });
    await shot("05-outbox-requeued");
    await h.deliver();
    expect(h.webhooks.some((w) => w.id === eventId)).toBe(true);
    const requeued = await h.ctx.store.metering.searchAudit({ event: "outbox.requeued", limit: 5 });
    expect(requeued[0]).toMatchObject({ actorKind: "admin", actorId: ADMIN.loginId });
  });

  it("shows JPKI status: trust anchors, the CRLs held and the OCSP responder reachable", async () => {
    await page.getByRole("link", { name: "JPKI状態" }).click();
    await visible(page.getByText("応答あり"));
    await visible(page.getByRole("cell", { name: "署名用" }).first());
    await visible(page.getByRole("heading", { name: "CRL" }));
    await shot("06-jpki");
  });

  it("shows an operator's metered month and its fee statement", async () => {
    await page.getByRole("link", { name: "従量計測・利用料" }).click();
    await visible(page.getByRole("heading", { name: /利用料明細/ }));
    await visible(page.getByText("合計", { exact: true }));
    await shot("07-metering");
  });

  it("filters the audit log by event and outcome", async () => {
    await page.getByRole("link", { name: "監査ログ" }).click();
    await page.getByLabel("イベント（前方一致）").fill("registration");
    await page.getByLabel("結果").selectOption("success");
    await page.getByRole("button", { name: "検索" }).click();
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    for (const event of await rows.locator("td:nth-child(3)").allTextContents()) {
      expect(event.startsWith("registration")).toBe(true);
    }
    await shot("08-audit");
  });

  it("gives a read-only login no buttons that change anything", async () => {
    h.webhookStatus.value = 500;
    await registeredCard(h);
    await h.deliver({ maxAttempts: 1 });
    h.webhookStatus.value = 200;
    await page.getByRole("button", { name: "ログアウト" }).click();
    await page.waitForURL(`${base}${ADMIN_BASE}/login`);
    await logIn(STAFF);
    await page.getByRole("link", { name: "端末（STB・受付）" }).click();
    await visible(page.getByRole("heading", { name: "端末（STB・受付）", level: 1 }));
    expect(await page.getByRole("button", { name: "無効にする" }).count()).toBe(0);
    await page.getByRole("link", { name: "Webhook送信" }).click();
    await visible(page.getByRole("heading", { name: /Webhook送信/, level: 1 }));
    await visible(page.getByRole("row").filter({ hasText: "HTTP 500" }));
    expect(await page.getByRole("button", { name: "再送する" }).count()).toBe(0);
  });
});

describe("PF administrator console refusals", { timeout: 180_000 }, () => {
  async function session(as: { loginId: string; password: string }) {
    const form = await app.request(`${ADMIN_BASE}/login`);
    const loginCookie = (form.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    const res = await app.request(`${ADMIN_BASE}/login`, {
      method: "POST",
      headers: { cookie: loginCookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: token, loginId: as.loginId, password: as.password }),
    });
    const cookie = (res.headers.get("set-cookie") ?? "")
      .split(", ")
      .find((c) => c.includes("pf_admin_session="));
    const sessionCookie = cookie?.split(";")[0] ?? "";
    const pageHtml = await (
      await app.request(`${ADMIN_BASE}/terminals`, { headers: { cookie: sessionCookie } })
    ).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(pageHtml)?.[1] ?? "";
    return { status: res.status, cookie: sessionCookie, csrf };
  }
  const post = (path: string, cookie: string, body: Record<string, string>) =>
    app.request(`${ADMIN_BASE}${path}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(body),
    });

  it("refuses a change without the session's CSRF token", async () => {
    const { cookie } = await session(ADMIN);
    const res = await post(`/terminals/${h.terminals.b1.terminalId}/status`, cookie, { status: "disabled" });
    expect(res.status).toBe(403);
    expect((await h.ctx.store.tenants.getTerminal(h.terminals.b1.terminalId))?.status).toBe("active");
  });

  it("refuses a change by a read-only login even with its CSRF token", async () => {
    const { cookie, csrf } = await session(STAFF);
    const res = await post(`/terminals/${h.terminals.b1.terminalId}/status`, cookie, {
      status: "disabled",
      _csrf: csrf,
    });
    expect(res.status).toBe(403);
    expect((await h.ctx.store.tenants.getTerminal(h.terminals.b1.terminalId))?.status).toBe("active");
  });

  it("sends a page request without a session to the login form", async () => {
    const res = await app.request(`${ADMIN_BASE}/audit`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${ADMIN_BASE}/login`);
  });

  it("stops a login ID after five wrong passwords, and audits each refusal by code", async () => {
    const target = { loginId: ADMIN.loginId, password: "wrong-password-000" };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await session(target)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    expect((await session(ADMIN)).status).toBe(429);
    const refusals = await h.ctx.store.metering.searchAudit({
      event: "admin.login",
      outcome: "failure",
      limit: 20,
    });
    expect(refusals.map((r) => r.code)).toContain("rate_limited");
  });
});
