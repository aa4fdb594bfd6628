/**
 * @module The hospital's reception terminal (受付端末): the reception page in Chromium at the terminal's screen size,
 * with a touch screen. The patient (and staff helping at registration) use it as its users do — taps on the screen,
 * or the terminal's keys (`1`/`2` for yes/no, Enter) — never by calling its script. What the page shows is read from
 * its stable `data-screen` / `data-code` attributes and its text.
 */
import { expect, type Page } from "playwright/test";
import { serviceUrl } from "./system.ts";

/** The reception terminal's screen (README: "in a 1280×800 Chromium window"). */
export const TERMINAL_VIEWPORT = { width: 1280, height: 800 };

export class ReceptionTerminal {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Opens the reception page and waits until it asks for a card (its bridge answered, the reader is there). */
  async open(): Promise<void> {
    await this.page.goto(`${serviceUrl("hospital")}/reception`);
    await this.waitForScreen("idle", { timeout: 60_000 });
  }

  screen() {
    return this.page.locator("[data-screen]").first();
  }

  /** Waits until the terminal shows `name` (and, when given, the outcome or error `code`). */
  async waitForScreen(name: string, options: { code?: string; timeout?: number } = {}): Promise<void> {
    const selector = options.code
      ? `[data-screen="${name}"][data-code="${options.code}"]`
      : `[data-screen="${name}"]`;
    await expect(this.page.locator(selector).first()).toBeVisible({ timeout: options.timeout ?? 60_000 });
  }

  /** A screen that a touch ends on: after reading and checking, whatever it is. */
  async settledScreen(timeout = 60_000): Promise<{ name: string; code: string | null }> {
    const screen = this.screen();
    await expect(screen).not.toHaveAttribute(
      "data-screen",
      /^(starting|idle|reading|checking|registering)$/,
      {
        timeout,
      },
    );
    return {
      name: (await screen.getAttribute("data-screen")) ?? "",
      code: await screen.getAttribute("data-code"),
    };
  }

  async text(): Promise<string> {
    return (await this.page.locator("main, body").first().innerText()).replace(/\s+/g, " ");
  }

  /** A finger on a button of the screen. */
  async tap(action: string, extra = ""): Promise<void> {
    await this.page.locator(`[data-action="${action}"]${extra}`).tap();
  }

  /** One of the terminal's physical keys (the consent question answers to `1` and `2`). */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /**
   * 利用登録 at the desk (参考１－１): the patient chooses the insurer on the screen, agrees, and types the 署名用パスワード
   * on the screen's keyboard; ends when the terminal says the registration was received.
   */
  async register(insurerName: string, signPassword: string): Promise<void> {
    await this.tap("register");
    await this.waitForScreen("register_insurer");
    await this.page.locator('[data-action="choose-insurer"]', { hasText: insurerName }).tap();
    await this.waitForScreen("register_consent");
    await this.tap("accept-registration");
    await this.waitForScreen("register_password");
    for (const character of signPassword.toUpperCase()) {
      await this.tap("key", `[data-value="${character}"]`);
    }
    await expect(this.page.locator('[data-entry="password"]')).toHaveAttribute(
      "data-length",
      String(signPassword.length),
    );
    await this.tap("password-submit");
    await this.waitForScreen("registered", { timeout: 90_000 });
  }
}
