/**
 * Every docs page and staff page of every service, opened in Chromium on a machine with no internet: each request
 * to a host other than 127.0.0.1/localhost is blocked (and recorded), each WebSocket's host is recorded, and each
 * page must render its own content and have asked for nothing from another host. A page that pulled its script
 * from a CDN (the PF's /docs once did: "Scalar is not defined") is blank here and fails.
 */
import { jstDate } from "@catv/contracts/calendar";
import { type BrowserContext, expect, type Page, test } from "playwright/test";
import { Evidence } from "../support/evidence.ts";
import { OperatorConsole } from "../support/operator-console.ts";
import { demoCredentials, directUrl, serviceUrl } from "../support/system.ts";
import { TvApp } from "../support/tv-app.ts";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Blocks every request of the context to another host; the list of what was asked for from elsewhere. */
async function offline(context: BrowserContext): Promise<string[]> {
  const elsewhere: string[] = [];
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || LOCAL_HOSTS.has(url.hostname)) {
      await route.continue();
      return;
    }
    elsewhere.push(route.request().url());
    await route.abort("internetdisconnected");
  });
  context.on("page", (page) => watchSockets(page, elsewhere));
  return elsewhere;
}

function watchSockets(page: Page, elsewhere: string[]) {
  page.on("websocket", (socket) => {
    if (!LOCAL_HOSTS.has(new URL(socket.url()).hostname)) elsewhere.push(socket.url());
  });
}

async function newOfflineContext(
  browser: import("playwright/test").Browser,
  options: Parameters<import("playwright/test").Browser["newContext"]>[0] = {},
) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "ja-JP",
    ...options,
  });
  const elsewhere = await offline(context);
  const page = await context.newPage();
  watchSockets(page, elsewhere);
  return { context, page, elsewhere };
}

function staffLogin(providerId: string) {
  const login = demoCredentials().providers.find((p) => p.id === providerId)?.staff;
  if (!login) throw new Error(`no demo staff login for ${providerId}`);
  return { username: login.loginId, password: login.password };
}

test.describe("docs and staff pages without internet", () => {
  test("the PF's API reference renders from the PF itself, webhooks included", async ({
    browser,
  }, testInfo) => {
    const { context, page, elsewhere } = await newOfflineContext(browser);
    await page.goto(`${serviceUrl("pf")}/docs`);
    await expect(page.getByRole("heading", { name: /CATV common platform/ }).first()).toBeVisible({
      timeout: 30_000,
    });
    const sidebar = page.locator("body");
    await expect(sidebar).toContainText("Webhooks to operators");
    await expect(sidebar).toContainText("Provider side (you implement)");
    await page.getByText("Webhooks to providers", { exact: true }).first().click();
    await expect(sidebar).toContainText("settlement.issued → the provider's webhook URL");
    await new Evidence(testInfo).shot("pf-docs", page);
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  test("the J-LIS simulator's API reference renders from the simulator itself", async ({
    browser,
  }, testInfo) => {
    const { context, page, elsewhere } = await newOfflineContext(browser);
    await page.goto(`${serviceUrl("jlis")}/docs`);
    await expect(page.getByRole("heading", { name: /J-LIS/ }).first()).toBeVisible({ timeout: 30_000 });
    await new Evidence(testInfo).shot("jlis-docs", page);
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  test("every page of the operator console renders with nothing from another host", async ({ browser }) => {
    const { context, page, elsewhere } = await newOfflineContext(browser, {
      viewport: { width: 1366, height: 900 },
    });
    await page.goto(`${serviceUrl("console")}/login`);
    await expect(page.locator("#loginId")).toBeVisible();
    const staff = new OperatorConsole(page);
    await staff.logIn("admin");
    for (const path of [
      "/",
      "/households",
      "/households/new",
      "/households/import",
      "/linking",
      "/cable-ids",
      "/reviews",
      "/assisted",
      "/usage",
      "/billing",
      "/pf-fees",
      "/audit",
      "/settings",
    ]) {
      await staff.open(path);
      await expect(page.locator("main h1, main h2").first(), path).toBeVisible();
    }
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  test("the facility provider's staff pages render with nothing from another host", async ({
    browser,
  }, testInfo) => {
    const { context, page, elsewhere } = await newOfflineContext(browser, {
      viewport: { width: 1366, height: 900 },
      httpCredentials: staffLogin("prov-facility"),
    });
    const evidence = new Evidence(testInfo, { docsFolder: "facility-staff" });
    const facility = serviceUrl("facility");
    // The seed's counter bookings begin two days ahead.
    const day = jstDate(new Date(Date.now() + 3 * 86_400_000));
    await page.goto(`${facility}/staff/bookings?date=${day}`);
    await expect(page.getByRole("heading", { name: /^予約台帳/ })).toBeVisible();
    await expect(page.locator("section table").first()).toBeVisible();
    await expect(page.locator("body")).toContainText("予約あり");
    await evidence.shot("day-bookings", page);
    await page.goto(`${facility}/staff`);
    await expect(page.getByRole("heading", { name: /施設使用料の照合/ })).toBeVisible();
    await evidence.shot("reconciliation", page);
    await page.goto(`${facility}/staff/audit`);
    await expect(page.getByRole("heading", { name: "操作記録" })).toBeVisible();
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  test("the healthcare provider's staff page renders with nothing from another host", async ({ browser }) => {
    const { context, page, elsewhere } = await newOfflineContext(browser, {
      httpCredentials: staffLogin("prov-healthcare"),
    });
    await page.goto(`${serviceUrl("healthcare")}/staff`);
    await expect(page.getByRole("heading", { name: /ヘルスケア情報サービス 利用状況/ })).toBeVisible();
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  test("the bridge's card control page renders with nothing from another host", async ({ browser }) => {
    const { context, page, elsewhere } = await newOfflineContext(browser);
    await page.goto(`${directUrl("bridge")}/demo`);
    await expect(page.locator("#terminal-id")).not.toHaveText("—");
    await expect(page.locator("#card-select option").first()).toBeAttached();
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  test("the TV app starts to its portal with nothing from another host", async ({ browser }) => {
    const { context, page, elsewhere } = await newOfflineContext(browser, {
      viewport: { width: 1920, height: 1080 },
    });
    await new TvApp(page).open();
    expect(elsewhere).toEqual([]);
    await context.close();
  });
});
