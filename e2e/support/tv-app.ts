/**
 * @module Drives the Lightning TV app the way a viewer does: with remote keys only (arrows, OK = Enter,
 * Back = Backspace/Escape, digits). Lightning paints into a canvas, so the app's state is read through the
 * hooks it exposes on `window.__app` (lightning.md §3): the App's `screenName`/`screenSerial`, the focus path,
 * and the text and tiles of the element tree. Reading is fine; every action is a key press.
 */
import { expect, type Page } from "playwright/test";
import { serviceUrl } from "./system.ts";

/** One focusable tile on the screen, with its centre in 1080p stage coordinates. */
export interface TileInfo {
  label: string;
  sub: string;
  /** A settings row's value (日本語, 大 …). */
  value: string;
  disabled: boolean;
  focused: boolean;
  x: number;
  y: number;
}

export interface TvState {
  screen: string;
  serial: number;
  focused: string;
  header: string;
}

/** The remote's keys as a keyboard sends them; F4 is the blue colour key (設定). */
type Key = "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Enter" | "Backspace" | "Escape" | "F4";

const MAX_MOVES = 80;

export class TvApp {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Opens the TV app (the STB's browser loading the operator's portal) and waits for the portal's menu. */
  async open(): Promise<void> {
    await this.page.goto(serviceUrl("tv"));
    await this.page.waitForFunction(
      () => {
        const app = (window as unknown as { __app?: { tag(name: string): unknown } }).__app;
        return Boolean(app?.tag("App"));
      },
      null,
      { timeout: 60_000 },
    );
    await this.waitForScreen("portal");
    await this.waitForTile((tiles) => tiles.some((t) => t.label === "利用者登録"));
  }

  /** The current screen, its serial (bumps on every new screen) and the focused tile's label. */
  state(): Promise<TvState> {
    return this.page.evaluate(() => {
      type El = { text?: { text?: string }; childList?: { _items?: El[] }; tag(n: string): El | undefined };
      const root = (window as unknown as { __app: { tag(n: string): El } }).__app.tag("App") as El & {
        screenName: string;
        screenSerial: number;
        focusedLabel: string;
      };
      const texts: string[] = [];
      const walk = (el: El | undefined) => {
        if (!el) return;
        if (el.text?.text) texts.push(el.text.text);
        for (const child of el.childList?._items ?? []) walk(child);
      };
      walk(root.tag("Header"));
      return {
        screen: root.screenName,
        serial: root.screenSerial,
        focused: root.focusedLabel,
        header: texts.join(" "),
      };
    });
  }

  /** Every text the current screen shows (page and overlays), in tree order. */
  texts(): Promise<string[]> {
    return this.page.evaluate(() => {
      type El = {
        text?: { text?: string };
        visible?: boolean;
        alpha?: number;
        childList?: { _items?: El[] };
        tag(n: string): El | undefined;
      };
      const root = (window as unknown as { __app: { tag(n: string): El } }).__app.tag("App") as El;
      const texts: string[] = [];
      const walk = (el: El | undefined) => {
        if (!el || el.visible === false || el.alpha === 0) return;
        if (el.text?.text) texts.push(el.text.text);
        for (const child of el.childList?._items ?? []) walk(child);
      };
      walk(root);
      return texts;
    });
  }

  async screenText(): Promise<string> {
    return (await this.texts()).join("\n");
  }

  /** The tiles of the screen that has focus (the exit dialog when it is open). */
  tiles(): Promise<TileInfo[]> {
    return this.page.evaluate(() => {
      type El = {
        _item?: { label?: string; sub?: string; value?: string; disabled?: boolean };
        visible?: boolean;
        alpha?: number;
        childList?: { _items?: El[] };
        getCornerPoints(): number[];
        tag(n: string): El | undefined;
      };
      const app = (window as unknown as { __app: { tag(n: string): El; focusPath?: El[] } }).__app;
      const root = app.tag("App") as El & { screenName: string };
      const focused = app.focusPath?.at(-1);
      const scope = root.screenName === "exit" ? root.tag("Exit") : root.tag("Page");
      const out: {
        label: string;
        sub: string;
        value: string;
        disabled: boolean;
        focused: boolean;
        x: number;
        y: number;
      }[] = [];
      const walk = (el: El | undefined) => {
        if (!el || el.visible === false || el.alpha === 0) return;
        if (el._item && typeof el._item.label === "string") {
          const c = el.getCornerPoints();
          out.push({
            label: el._item.label,
            sub: el._item.sub ?? "",
            value: el._item.value ?? "",
            disabled: Boolean(el._item.disabled),
            focused: el === focused,
            x: ((c[0] ?? 0) + (c[4] ?? 0)) / 2,
            y: ((c[1] ?? 0) + (c[5] ?? 0)) / 2,
          });
          return;
        }
        for (const child of el.childList?._items ?? []) walk(child);
      };
      walk(scope);
      return out;
    });
  }

  async press(key: Key, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.keyboard.press(key);
  }

  /** Digits on the remote's number keys (the PIN pad, the password keyboard's digits). */
  async typeDigits(digits: string): Promise<void> {
    for (const digit of digits) {
      if (!/^[0-9]$/.test(digit)) throw new Error(`the remote has no key for ${digit}`);
      await this.page.keyboard.press(digit);
    }
  }

  /** Waits until the app shows one of the named screens (`error-*`: any error screen); returns the name. */
  async waitForScreen(
    names: string | string[],
    options: { after?: number; timeout?: number } = {},
  ): Promise<string> {
    const wanted = Array.isArray(names) ? names : [names];
    const handle = await this.page.waitForFunction(
      ({ wanted, after }) => {
        const root = (
          window as unknown as {
            __app?: { tag(n: string): { screenName: string; screenSerial: number } | undefined };
          }
        ).__app?.tag("App");
        if (!root) return false;
        if (after !== undefined && root.screenSerial <= after) return false;
        const name = root.screenName;
        // "error-*" stands for every screen whose name starts with "error-".
        const matches = (w: string) => (w.endsWith("*") ? name.startsWith(w.slice(0, -1)) : w === name);
        return wanted.some(matches) ? name : false;
      },
      { wanted, after: options.after },
      { timeout: options.timeout ?? 45_000, polling: 100 },
    );
    const name = (await handle.jsonValue()) as string;
    // Lightning paints on the next frames; let them land before anyone looks at the screen.
    await this.page.waitForTimeout(250);
    return name;
  }

  async waitForTile(predicate: (tiles: TileInfo[]) => boolean, timeout = 30_000): Promise<TileInfo[]> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const tiles = await this.tiles();
      if (predicate(tiles)) return tiles;
      if (Date.now() > deadline) {
        throw new Error(`no such tiles on screen; saw: ${tiles.map((t) => t.label).join(", ")}`);
      }
      await this.page.waitForTimeout(150);
    }
  }

  /**
   * Moves focus with the arrow keys to the first tile that matches, steering by the tiles' positions as a
   * viewer steers by eye: rows and columns are read off the tiles' centres, then the arrows are pressed in
   * runs (rows first, then columns) and the result checked. Nothing is selected.
   */
  async focus(match: string | ((tile: TileInfo) => boolean)): Promise<TileInfo> {
    const wanted = typeof match === "string" ? (t: TileInfo) => t.label === match : match;
    const tiles = await this.waitForTile((all) => all.some(wanted));
    let presses = 0;
    let snapshot = tiles;
    let attempt = 0;
    for (;;) {
      const target = snapshot.find(wanted);
      const current = snapshot.find((t) => t.focused);
      if (!target) throw new Error("the tile went away while moving focus");
      if (target.focused) return target;
      if (!current) throw new Error(`no tile has focus; looking for ${target.label}`);
      if (presses >= MAX_MOVES) break;
      const rows = distinct(snapshot.map((t) => t.y));
      const rowOf = (t: TileInfo) => rows.findIndex((y) => Math.abs(y - t.y) <= 12);
      const colOf = (t: TileInfo) => snapshot.filter((o) => rowOf(o) === rowOf(t) && o.x < t.x - 12).length;
      const dr = rowOf(target) - rowOf(current);
      const dc = colOf(target) - colOf(current);
      // Rows first, then columns; when that did not arrive (an edge, a shorter row), columns first next time.
      const runs: [Key, number][] = [
        [dr > 0 ? "ArrowDown" : "ArrowUp", Math.abs(dr)],
        [dc > 0 ? "ArrowRight" : "ArrowLeft", Math.abs(dc)],
      ];
      if (attempt % 2 === 1) runs.reverse();
      for (const [key, count] of runs) {
        await this.press(key, count);
        presses += count;
      }
      attempt += 1;
      snapshot = await this.tiles();
    }
    throw new Error(`could not move focus to the tile within ${MAX_MOVES} key presses`);
  }

  /** Moves focus to the tile and presses OK. */
  async select(match: string | ((tile: TileInfo) => boolean)): Promise<void> {
    await this.focus(match);
    await this.page.keyboard.press("Enter");
  }

  /**
   * The 署名用パスワード: digits from the remote's number keys, letters on the on-screen A–Z keyboard with the
   * arrows and OK, then OK on 「決定」.
   */
  async enterPasswordOnScreenKeyboard(password: string): Promise<void> {
    for (const character of password) {
      if (/^[0-9]$/.test(character)) await this.page.keyboard.press(character);
      else await this.select(character);
    }
    await this.select("決定");
  }

  /** The 4-digit PIN on the PIN pad: digits from the remote, then OK. */
  async enterPin(pin: string): Promise<void> {
    await this.typeDigits(pin);
    await this.page.keyboard.press("Enter");
  }

  /**
   * What the app's layout check finds wrong with the screen on view: text cut short, off the screen, or
   * overlapping another text or a tile (stb-app lib/layout). Empty when the screen is laid out right.
   */
  layoutProblems(): Promise<string[]> {
    return this.page.evaluate(() =>
      (window as unknown as { __app: { tag(n: string): { layoutProblems(): string[] } } }).__app
        .tag("App")
        .layoutProblems(),
    );
  }

  /** Full-screen picture of the TV. */
  screenshot(): Promise<Buffer> {
    return this.page.screenshot();
  }
}

/** Asserts that the screen on view passes the app's layout check (nothing cut short, off screen or overlapping). */
export async function expectTvLaidOut(tv: TvApp): Promise<void> {
  expect(await tv.layoutProblems(), `layout of ${(await tv.state()).screen}`).toEqual([]);
}

/** Asserts that the screen shows every one of the texts (each a substring of some text on screen). */
export async function expectTvText(tv: TvApp, ...wanted: (string | RegExp)[]): Promise<void> {
  await expect
    .poll(async () => {
      const all = await tv.screenText();
      return wanted.every((w) => (typeof w === "string" ? all.includes(w) : w.test(all)));
    })
    .toBe(true);
}

/** The distinct values, within a few pixels, in ascending order (the rows of a grid from its tiles' centres). */
function distinct(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) {
    if (out.length === 0 || v - (out.at(-1) ?? 0) > 12) out.push(v);
  }
  return out;
}
