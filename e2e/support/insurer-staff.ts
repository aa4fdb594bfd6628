/**
 * @module An insurer's staff at the insurers' system (保険者システム): the intake of registrations (受付一覧), the
 * linking screen (参考１－２: search the 被保険者DB with the applicant's 4情報, pick, confirm, link) and bulk linking by
 * CSV — through the pages and forms, as staff work, with a demo staff login from the run's demo credentials.
 */
import { readFileSync } from "node:fs";
import { expect, type Page } from "playwright/test";
import { demoCredentials, serviceUrl } from "./system.ts";

export const SAKATA_KOKUHO = { id: "ins-sakata-kokuho", name: "酒田市国民健康保険" };
export const SHONAI_KENPO = { id: "ins-shonai-kenpo", name: "庄内ものづくり健康保険組合" };

export class InsurerStaff {
  readonly page: Page;
  readonly insurerId: string;

  constructor(page: Page, insurerId: string) {
    this.page = page;
    this.insurerId = insurerId;
  }

  url(path: string): string {
    return `${serviceUrl("medical-insurer")}${path}`;
  }

  async logIn(role: "staff" | "admin" = "staff"): Promise<void> {
    const insurer = demoCredentials().medical.insurers.find((i) => i.id === this.insurerId);
    const account = insurer?.staff.find((s) => s.role === role);
    if (!account) throw new Error(`no demo ${role} for ${this.insurerId}`);
    await this.page.goto(this.url("/login"));
    await this.page.locator('input[name="loginId"]').fill(account.loginId);
    await this.page.locator('input[name="password"]').fill(account.password);
    await this.page.locator('form button[type="submit"]').click();
    await expect(this.page).not.toHaveURL(/\/login/);
    await expect(this.page.locator("body")).toContainText(account.displayName);
  }

  async open(path: string): Promise<void> {
    await this.page.goto(this.url(path));
  }

  /**
   * Waits until the intake (受付一覧, 紐づけ待ち) lists a registration of `name` — the PF's `account.registered` event
   * arrives on its own — and returns its 共通的PFID. Other registrations may wait there too.
   */
  async waitForRegistration(name: string, timeout = 45_000): Promise<string> {
    const row = this.page.locator("tbody tr[data-account-id]", { hasText: name });
    await expect(async () => {
      await this.open("/intake?view=pending");
      await expect(row).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ timeout, intervals: [500, 1_000, 2_000] });
    return (await row.getAttribute("data-account-id")) ?? "";
  }

  /** Opens the linking screen of the registration from the intake list (its 紐づける button). */
  async openLinking(accountId: string): Promise<void> {
    await this.open("/intake?view=pending");
    await this.page
      .locator(`tbody tr[data-account-id="${accountId}"]`)
      .getByRole("link", { name: "紐づける" })
      .click();
    await expect(this.page).toHaveURL(new RegExp(`/intake/${accountId}`));
    await expect(this.page.locator("#candidates")).toBeVisible();
  }

  /** The search result's row of the 被保険者 with this 記号・番号・枝番 as the screen shows it (`4101 19-00`). */
  candidate(insuredNumber: string) {
    return this.page.locator("#candidates tbody tr", { hasText: insuredNumber });
  }

  /**
   * Picks the candidate, looks at the comparison, ticks what staff must confirm (`confirmDifferences`: the
   * application and the record differ, checked against the applicant's documents) and links. Ends on the linking
   * screen saying the link was made.
   */
  async link(insuredNumber: string, options: { confirmDifferences?: boolean } = {}): Promise<void> {
    await this.candidate(insuredNumber).getByRole("link", { name: "この方を選ぶ" }).click();
    await expect(this.page.locator("#comparison")).toBeVisible();
    if (options.confirmDifferences) await this.page.locator("#confirm-mismatch").check();
    await this.page.locator('#link-form button[type="submit"]').click();
    await expect(this.page).toHaveURL(/done=linked/);
    await expect(this.page.locator("main")).toContainText("共通的PFIDを紐づけました");
  }

  /** Downloads a CSV export from the CSV page (`intake` or `links`) and returns its text (UTF-8, BOM removed). */
  async exportCsv(kind: "intake" | "links"): Promise<string> {
    await this.open("/csv");
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.locator(`#export-${kind}`).click(),
    ]);
    const path = await download.path();
    return readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  }

  /** Uploads a CSV file on the CSV page and waits for the preview (取込内容の確認). */
  async uploadCsv(fileName: string, text: string): Promise<void> {
    await this.open("/csv");
    await this.page.locator("#csv-file").setInputFiles({
      name: fileName,
      mimeType: "text/csv",
      buffer: Buffer.from(`\uFEFF${text}`, "utf8"),
    });
    await this.page.locator('#import-form button[type="submit"]').click();
    await expect(this.page.locator("#import-rows")).toBeVisible();
  }
}
