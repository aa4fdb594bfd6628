/**
 * @module The hospital's reception staff at their PC: the desk screen (受付状況, refreshed by itself from the
 * terminals) and 顧客管理 (the patient records), logged in with a demo staff login of 日本海みなと病院.
 */
import { expect, type Page } from "playwright/test";
import { demoCredentials, serviceUrl } from "./system.ts";

export const HOSPITAL_ID = "med-minato";
/** The reception terminal whose bridge is the run's `reception-bridge` (docs/demo-credentials.md). */
export const RECEPTION_TERMINAL_ID = "rcp-minato-0001";

export class HospitalDesk {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  url(path: string): string {
    return `${serviceUrl("hospital")}${path}`;
  }

  async logIn(role: "staff" | "admin" = "staff"): Promise<void> {
    const institution = demoCredentials().medical.institutions.find((i) => i.id === HOSPITAL_ID);
    const account = institution?.staff.find((s) => s.role === role);
    if (!account) throw new Error(`no demo ${role} for ${HOSPITAL_ID}`);
    await this.page.goto(this.url("/login?next=/desk"));
    await this.page.locator('input[name="loginId"]').fill(account.loginId);
    await this.page.locator('input[name="password"]').fill(account.password);
    await this.page.locator('form button[type="submit"]').click();
    await expect(this.page.locator("#desk-live")).toBeVisible();
  }

  /** The desk screen's panel of the reception terminal: its latest touch and what to do. */
  terminalPanel() {
    return this.page.locator(`#desk-live [data-terminal="${RECEPTION_TERMINAL_ID}"]`);
  }

  /** Waits, on the live desk screen (no reload: it follows the terminal by itself), until the panel shows `text`. */
  async waitForPanel(text: string | RegExp, timeout = 60_000): Promise<void> {
    await expect(this.terminalPanel()).toContainText(text, { timeout });
  }

  /** Opens a patient's record in 顧客管理 by searching for the 診察券番号, as staff type it. */
  async openRecord(patientNumber: string): Promise<void> {
    await this.page.goto(this.url("/records"));
    await this.page.locator('form.search input[name="q"]').fill(patientNumber);
    await this.page.locator('form.search button[type="submit"]').click();
    await this.page.locator(`main a[href="/records/${patientNumber}"]`).first().click();
    await expect(this.page.locator(`h1 [data-patient-number="${patientNumber}"]`)).toBeVisible();
  }
}
