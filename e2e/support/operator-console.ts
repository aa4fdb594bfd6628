/**
 * @module Operator staff at the web console: logs in with a demo staff account from the run's demo credentials
 * and moves between the console's pages the way staff do (menu links, forms, buttons).
 */
import { expect, type Page } from "playwright/test";
import { demoCredentials, serviceUrl } from "./system.ts";

export class OperatorConsole {
  readonly page: Page;
  readonly operatorId: string;

  constructor(page: Page, operatorId = "op-nanto") {
    this.page = page;
    this.operatorId = operatorId;
  }

  url(path: string): string {
    return `${serviceUrl("console")}${path}`;
  }

  /** Logs in as the operator's staff member (`staff`) or administrator (`admin`, who may close a month). */
  async logIn(role: "staff" | "admin" = "staff"): Promise<void> {
    const operator = demoCredentials().operators.find((o) => o.id === this.operatorId);
    const account = operator?.staff.find((s) => s.role === role);
    if (!account) throw new Error(`no demo ${role} for ${this.operatorId}`);
    await this.page.goto(this.url("/login"));
    await this.page.locator("#loginId").fill(account.loginId);
    await this.page.locator("#password").fill(account.password);
    await this.page
      .locator("form")
      .filter({ has: this.page.locator("#password") })
      .locator("button[type=submit]")
      .click();
    await expect(this.page).not.toHaveURL(/\/login/);
    await expect(this.page.locator("body")).toContainText(account.displayName);
  }

  async open(path: string): Promise<void> {
    await this.page.goto(this.url(path));
  }

  /** Reloads the page until it shows the text: webhooks from the PF arrive asynchronously. */
  async waitForText(path: string, text: string | RegExp, timeout = 45_000): Promise<void> {
    await expect(async () => {
      await this.open(path);
      await expect(this.page.locator("main, body").first()).toContainText(text, { timeout: 1_000 });
    }).toPass({ timeout, intervals: [500, 1_000, 2_000] });
  }

  /**
   * Opens the household whose member list shows `member` (searched by `query`, e.g. the family name) and returns
   * its contract ID (契約者ID).
   */
  async openHouseholdOf(query: string, member: string = query): Promise<string> {
    await this.open(`/households?q=${encodeURIComponent(query)}`);
    const link = this.page
      .locator("main tbody tr", { hasText: member })
      .first()
      .locator("a[href^='/households/']")
      .first();
    const contractId = ((await link.textContent()) ?? "").trim();
    await link.click();
    await expect(this.page).toHaveURL(/\/households\/[0-9]+$/);
    return contractId;
  }
}
