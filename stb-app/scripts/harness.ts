/**
 * @module Shared by the screenshot and benchmark scripts: builds the app, serves `dist/` with the real TV
 * server against the fake backend, opens Debian's Chromium, and installs a scripted card in the page through
 * the `window.__STB_TEST_PORTS__` seam. Helpers drive the app by remote keys only.
 */
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { chromiumLaunchOptions } from "@catv/browser-testing/chromium";
import { type Browser, type CDPSession, chromium, type Page } from "playwright";
import { createTvServer } from "../src/server/tv-server.ts";
import { type FakeBackend, startFakeBackend } from "./fake-backend.ts";

export const ROOT = resolve(import.meta.dirname, "..");

export function build(): void {
  execFileSync(join(ROOT, "..", "node_modules", ".bin", "vite"), ["build", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
  });
}

export interface Harness {
  backend: FakeBackend;
  appUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const backend = await startFakeBackend();
  const server = createTvServer({
    distDir: join(ROOT, "dist"),
    bridgeBootPath: join(ROOT, "no-bridge-in-harness.json"),
    pfUrl: backend.url,
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const browser = await chromium.launch(chromiumLaunchOptions());
  return {
    backend,
    appUrl: `http://127.0.0.1:${port}/`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
      await backend.close();
    },
  };
}

/**
 * The scripted card, installed before the app loads. PIN 1234, signature password ABC123; `failNext` makes
 * the next card operation fail with a driver error code; `pull()`/`insert()` move the card.
 */
export function installFakeCard(): void {
  type Listener = () => void;
  const card = {
    present: true,
    pinTries: 3,
    passwordTries: 5,
    delayMs: 150,
    failNext: null as string | null,
    failWait: null as string | null,
    listeners: new Set<Listener>(),
    waiters: [] as Listener[],
    insert() {
      card.present = true;
      for (const w of card.waiters.splice(0)) w();
    },
    pull() {
      card.present = false;
      for (const l of card.listeners) l();
    },
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const check = async () => {
    await sleep(card.delayMs);
    if (card.failNext) {
      const code = card.failNext;
      card.failNext = null;
      throw { code, message: code };
    }
    if (!card.present) throw { code: "card_removed", message: "card removed" };
  };
  const bytes = (n: number) => new Uint8Array(n).fill(0x5a);
  (window as unknown as Record<string, unknown>).__card = card;
  (window as unknown as Record<string, unknown>).__STB_TEST_PORTS__ = {
    assert: async (method: string, path: string) => `harness.${btoa(`${method} ${path}`)}.sig`,
    card: {
      waitForCard: (signal: AbortSignal) =>
        new Promise<void>((resolve, reject) => {
          if (card.failWait) {
            const code = card.failWait;
            card.failWait = null;
            return reject({ code, message: code });
          }
          if (card.present) return resolve();
          card.waiters.push(resolve);
          signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }),
      remainingTries: async (which: string) => (which === "pin" ? card.pinTries : card.passwordTries),
      signLogin: async (pin: string, _toBeSigned: Uint8Array, options: { bindCard?: boolean } = {}) => {
        await check();
        if (card.pinTries === 0) throw { code: "pin_locked" };
        if (pin !== "1234") {
          card.pinTries -= 1;
          throw card.pinTries === 0
            ? { code: "pin_locked" }
            : { code: "wrong_pin", triesLeft: card.pinTries };
        }
        card.pinTries = 3;
        const login = { authenticationCertificate: bytes(900), signature: bytes(256) };
        return options.bindCard
          ? { ...login, cardVerifiableCertificate: bytes(565), cardSignature: bytes(256) }
          : login;
      },
      signRegistration: async (password: string) => {
        await check();
        if (password !== "ABC123") {
          card.passwordTries -= 1;
          throw { code: "wrong_pin", triesLeft: card.passwordTries };
        }
        return {
          signatureCertificate: bytes(1200),
          authenticationCertificate: bytes(900),
          signature: bytes(256),
          cardVerifiableCertificate: bytes(565),
          cardSignature: bytes(256),
        };
      },
      readPinlessStart: async () => {
        await check();
        return { authenticationCertificate: bytes(900), cardVerifiableCertificate: bytes(565) };
      },
      provePinless: async () => {
        await check();
        return { dateOfBirthRecord: bytes(80), signature: bytes(256) };
      },
      onCardRemoved: (listener: Listener) => {
        card.listeners.add(listener);
        return () => card.listeners.delete(listener);
      },
    },
  };
}

/**
 * Waits until the page has recorded the User Timing mark `name`. Start-up figures are taken this way, not with
 * `page.waitForFunction`: that compiles Playwright's ~330 KB injected script on the page's main thread while
 * the app is still starting (~0.3–0.5 s at 6× throttling, seen in the trace), which no STB has to pay.
 * A PerformanceObserver in the main world costs the page nothing until the mark is set.
 */
export async function waitForMark(cdp: CDPSession, name: string, timeoutMs = 60_000): Promise<void> {
  const expression = `new Promise((resolve, reject) => {
    const seen = () => performance.getEntriesByName(${JSON.stringify(name)}, "mark").length > 0;
    if (seen()) return resolve(true);
    const observer = new PerformanceObserver(() => {
      if (seen()) { observer.disconnect(); resolve(true); }
    });
    observer.observe({ type: "mark" });
    setTimeout(() => reject(new Error("no mark ${name} after ${timeoutMs} ms")), ${timeoutMs});
  })`;
  const { exceptionDetails } = (await cdp.send("Runtime.evaluate", { expression, awaitPromise: true })) as {
    exceptionDetails?: { exception?: { description?: string } };
  };
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? `no mark ${name}`);
}

/** Remote-control helpers on a page running the app. */
export function remote(page: Page) {
  const appExpr = "window.__app && window.__app.tag('App')";
  let after = -1;
  return {
    /** The next waitScreen only accepts a screen shown after this call (names can repeat). */
    async expectNew(): Promise<void> {
      after = (await page.evaluate(`(${appExpr}).screenSerial`)) as number;
    },
    async screen(): Promise<string> {
      return page.evaluate(`(${appExpr}) ? (${appExpr}).screenName : ''`) as Promise<string>;
    },
    async waitScreen(name: string, timeout = 20_000): Promise<void> {
      try {
        await page.waitForFunction(
          `(${appExpr}) && (${appExpr}).screenName === ${JSON.stringify(name)} && (${appExpr}).screenSerial > ${after}`,
          null,
          { timeout },
        );
      } catch (error) {
        const shown = await page.evaluate(`(${appExpr}) ? (${appExpr}).screenName : ''`).catch(() => "?");
        throw new Error(`waited for the screen "${name}", the app shows "${String(shown)}"`, {
          cause: error,
        });
      }
      after = -1;
      // Let text textures upload and focus animations finish before anyone looks.
      await page.waitForTimeout(350);
    },
    async press(key: string, times = 1): Promise<void> {
      for (let i = 0; i < times; i++) {
        await page.keyboard.press(key);
        await page.waitForTimeout(40);
      }
    },
    async type(text: string): Promise<void> {
      for (const ch of text) await this.press(/[0-9]/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`);
    },
    async focused(): Promise<string> {
      return page.evaluate(`(${appExpr}).focusedLabel`) as Promise<string>;
    },
    async card(script: string): Promise<void> {
      await page.evaluate(`(() => { const card = window.__card; ${script} })()`);
    },
    /** Back to the top between scenarios (a harness shortcut; each scenario then drives keys). */
    async home(): Promise<void> {
      await page.evaluate(`(${appExpr})._controller.home()`);
      await this.waitScreen("portal");
    },
  };
}
