/**
 * @module Root component: the frame every screen shares (operator branding, login state, key hints), the
 * screen host the controller drives, toasts and the exit confirmation. Back never closes the app silently:
 * at the top it asks first.
 */
import { Lightning, Utils } from "@lightningjs/sdk";
import { AppController } from "./app/controller.ts";
import { createPreferencesStore, loadPreferences } from "./app/preferences-store.ts";
import type { HeaderStatus, ScreenHost, ScreenSpec } from "./app/screen-spec.ts";
import type { StbPorts } from "./app/stb-ports.ts";
import { loose, type Template, tagOf } from "./components/lightning-helpers.ts";
import { forgetMeasurements, measureText } from "./components/measure-text.ts";
import { TileGrid } from "./components/TileGrid.ts";
import { color, FONT, KANJI_FONT, LINE_HEIGHT, SAFE, t, text } from "./components/theme.ts";
import { type LayoutBox, layoutBoxesOf } from "./lib/layout/layout-boxes.ts";
import { findLayoutProblems } from "./lib/layout/layout-problems.ts";
import type { PfClient, PortalResponse } from "./lib/pf/pf-client.ts";
import { HealthScreen } from "./screens/HealthScreen.ts";
import { ListScreen } from "./screens/ListScreen.ts";
import { MessageScreen } from "./screens/MessageScreen.ts";
import { PasswordScreen } from "./screens/PasswordScreen.ts";
import { PinScreen } from "./screens/PinScreen.ts";
import { PortalScreen } from "./screens/PortalScreen.ts";
import { ProgressScreen } from "./screens/ProgressScreen.ts";
import { QrScreen } from "./screens/QrScreen.ts";
import { SlotsScreen } from "./screens/SlotsScreen.ts";

/**
 * The header's status and the key hints are read from the sofa at every text size: large and bright, but at one
 * fixed size (34 px in 1080p design, 23 px on a 720p box), so they never crowd the screen's own text at 特大.
 */
const STATUS_SIZE = 34;
const statusText = (value: string, options: { bold?: boolean } = {}) =>
  text(value, STATUS_SIZE, {
    color: options.bold ? color.text : color.subtext,
    bold: !!options.bold,
    scale: 1,
  });
const STATUS_LINE = Math.round(STATUS_SIZE * LINE_HEIGHT);
const hintText = (value: string) =>
  text(value, STATUS_SIZE, { color: color.subtext, scale: 1, wrapWidth: SAFE.w, maxLines: 1 });
const HINT_LINE = Math.round(STATUS_SIZE * LINE_HEIGHT);

interface Boot {
  ports: StbPorts;
  pf: PfClient;
  /** Started before Launch so the PF answers while fonts and Lightning load. */
  portal: Promise<PortalResponse>;
}
let boot: Boot | null = null;
/** Called by index.ts before Launch: the STB's ports reach the App this way, not through globals. */
export function provideBoot(value: Boot): void {
  boot = value;
}

const screenTypes: Record<ScreenSpec["kind"], unknown> = {
  portal: PortalScreen,
  message: MessageScreen,
  progress: ProgressScreen,
  pin: PinScreen,
  password: PasswordScreen,
  list: ListScreen,
  dates: ListScreen,
  settings: ListScreen,
  slots: SlotsScreen,
  health: HealthScreen,
  qr: QrScreen,
};

export class App extends Lightning.Component implements ScreenHost {
  _controller: AppController | null = null;
  _exitOpen = false;
  _screenName = "";
  /** Counts screens shown, so a test can wait for a new screen even when its name repeats. */
  _screenSerial = 0;
  _toastTimer: ReturnType<typeof setTimeout> | null = null;
  _kanjiScheduled = false;

  static getFonts() {
    // Only the UI glyphs block the first screen; the kanji set follows in #scheduleKanjiFont.
    return [{ family: FONT, url: Utils.asset("fonts/NotoSansJP-UI-subset.woff2"), descriptors: {} }];
  }

  static language() {
    return { file: Utils.asset("translations.json"), language: loadPreferences().language };
  }

  static override _template(): Template {
    return {
      w: 1920,
      h: 1080,
      rect: true,
      color: color.background,
      Header: {
        Band: { w: 1920, h: 150, rect: true, color: color.panel },
        Operator: { x: SAFE.x, y: SAFE.y, text: statusText("", { bold: true }) },
        Login: { x: SAFE.x + SAFE.w, y: SAFE.y, mountX: 1, text: statusText("") },
        Household: { x: SAFE.x + SAFE.w, y: SAFE.y + STATUS_LINE, mountX: 1, text: statusText("") },
      },
      Page: {},
      Footer: { x: SAFE.x, y: 1080 - SAFE.y - HINT_LINE, text: hintText("") },
    } as never;
  }

  /**
   * The toast and the exit dialog are built the first time they are needed, not with the App: most
   * sessions never see the exit dialog, and the boot task (Lightning's slowest part of start-up) then builds
   * 8 elements instead of 18 plus a TileGrid.
   */
  #overlay(ref: "Toast" | "Exit"): Lightning.Element {
    const existing = loose(this).tag(ref);
    if (existing) return existing;
    const template =
      ref === "Toast"
        ? {
            x: 410,
            y: 1080 - SAFE.y - HINT_LINE - 190,
            alpha: 0,
            zIndex: 10,
            // A light frame, not the yellow of the focus ring: a toast takes no focus, and two yellow frames
            // on one screen would leave the viewer guessing which control is selected.
            Ring: { x: -6, y: -6, w: 1112, h: 112, rect: true, color: color.subtext },
            Box: { w: 1100, h: 100, rect: true, color: 0xff000000 },
            Label: {
              x: 550,
              y: 0,
              mountX: 0.5,
              text: text("", 34, { align: "center", wrapWidth: 1040, maxLines: 2 }),
            },
          }
        : {
            visible: false,
            zIndex: 20,
            Shade: { w: 1920, h: 1080, rect: true, color: 0xcc000000 },
            Box: { x: 460, y: 300, w: 1000, h: 480, rect: true, color: color.panel },
            Title: { x: 520, y: 350 },
            Body: { x: 520, y: 440 },
            Choices: { x: 520, y: 620, type: TileGrid },
          };
    return loose(this).childList.a({ ref, ...template });
  }

  override _setup(): void {
    if (!boot) throw new Error("provideBoot() must run before Launch");
    this._controller = new AppController({
      pf: boot.pf,
      card: boot.ports.card,
      host: this,
      t,
      preferences: createPreferencesStore(),
    });
    this.#footer();
    void this._controller.start(boot.portal);
  }

  /**
   * The kanji set (~560 KB woff2) is decoded on the main thread: on a slow STB that took ~1 s, so it waits
   * until the first real screen (portal or error, not the loading one) has been drawn and the browser is idle.
   */
  #scheduleKanjiFont(): void {
    this._kanjiScheduled = true;
    this.stage.once("frameEnd", () => {
      const load = () => void this.#loadKanjiFont();
      if ("requestIdleCallback" in window) requestIdleCallback(load, { timeout: 2000 });
      else setTimeout(load, 0);
    });
  }

  /** Names from the PF and providers use kanji outside the UI set: load them, then redraw what is on screen. */
  async #loadKanjiFont(): Promise<void> {
    try {
      const face = new FontFace(KANJI_FONT, `url(${Utils.asset("fonts/NotoSansJP-Kanji-subset.woff2")})`);
      document.fonts.add(await face.load());
      // Names set in kanji are now drawn in another font, at other widths: measure them again.
      forgetMeasurements();
      this._controller?.refresh();
    } catch (error) {
      // The STB's own fonts still cover these characters; log for the field engineer and carry on.
      console.error(JSON.stringify({ level: "warn", msg: "kanji font not loaded", error: String(error) }));
    }
  }

  // ── ScreenHost ──────────────────────────────────────────────────────────────────────────────
  show(spec: ScreenSpec): void {
    // The canvas joins the page with the first screen: until then the compositor would copy an empty
    // 1920×1080 canvas every frame (~0.9 s per commit at 6× throttling), delaying the fonts and the PF answer.
    const canvas = this.stage.getCanvas();
    if (!canvas.isConnected) document.body.appendChild(canvas);
    const page = tagOf(this, "Page");
    loose(page).childList.clear();
    loose(page).childList.a({ ref: "Screen", type: screenTypes[spec.kind], spec });
    this._screenName = spec.name;
    // User Timing marks for the benchmark: when the first screen and the usable portal appear.
    if (this._screenSerial === 0) performance.mark("first-screen");
    if (
      spec.kind === "portal" &&
      !spec.loading &&
      performance.getEntriesByName("portal-interactive").length === 0
    ) {
      performance.mark("portal-interactive");
      // The mark above is taken when the portal is handed to Lightning; its first frame (text textures,
      // drawing) comes after. The benchmark prints both.
      this.stage.once("frameEnd", () => performance.mark("portal-drawn"));
    }
    this._screenSerial += 1;
    this.#footer();
    this._refocus();
    if (!this._kanjiScheduled && spec.name !== "loading") this.#scheduleKanjiFont();
  }

  setStatus(status: HeaderStatus): void {
    loose(this).patch({
      Header: {
        Band: { color: status.primaryColor },
        Operator: { text: statusText(status.operatorName || t("app.title"), { bold: true }) },
        Login: { text: statusText(status.login) },
        Household: { text: statusText(status.household) },
      },
    });
  }

  toast(message: string): void {
    const toast = this.#overlay("Toast");
    const label = text(message, 34, { align: "center", wrapWidth: 1040, maxLines: 2 });
    const h = measureText(this.stage as never, label).h + 36;
    loose(toast).patch({
      Ring: { h: h + 12 },
      Box: { h },
      Label: { y: 18, text: label },
    });
    toast.setSmooth("alpha", 1, { duration: 0.2 });
    if (this._toastTimer) clearTimeout(this._toastTimer);
    this._toastTimer = setTimeout(() => toast.setSmooth("alpha", 0, { duration: 0.3 }), 3500);
  }

  reload(): void {
    location.reload();
  }

  askExit(): void {
    this.#overlay("Exit");
    this._exitOpen = true;
    const title = text(t("exit.title"), 52, { bold: true, wrapWidth: 880, maxLines: 2 });
    const body = text(t("exit.body"), 34, { color: color.subtext, wrapWidth: 880, maxLines: 4 });
    const bodyY = 350 + measureText(this.stage as never, title).h + 20;
    const choicesY = bodyY + measureText(this.stage as never, body).h + 40;
    loose(this).patch({
      Exit: {
        visible: true,
        Title: { text: title },
        Body: { y: bodyY, text: body },
        Choices: {
          y: choicesY,
          config: {
            items: [
              { label: t("exit.no"), align: "center" as const },
              { label: t("exit.yes"), align: "center" as const },
            ],
            cols: 2,
            tileW: 400,
            tileH: 110,
            gapX: 56,
            onSelect: (i: number) => (i === 1 ? void this.#exit() : this.#closeExit()),
          },
        },
      },
    });
    const choices = tagOf(this, "Exit.Choices") as unknown as TileGrid;
    loose(this).patch({ Exit: { Box: { h: choicesY + choices.height + 50 - 300 } } });
    this._refocus();
  }

  // ── e2e hooks (lightning.md §3) ─────────────────────────────────────────────────────────────
  get screenName(): string {
    return this._exitOpen ? "exit" : this._screenName;
  }

  get screenSerial(): number {
    return this._screenSerial;
  }

  /** The label of the focused tile, for tests that drive the app by keys. */
  get focusedLabel(): string {
    const path = (this.application as unknown as { focusPath?: { label?: string }[] }).focusPath ?? [];
    return path.at(-1)?.label ?? "";
  }

  /**
   * Every text and tile now on screen as boxes in 1080p coordinates (texts as measured: their lines, not their
   * texture), for the layout check of the screenshot script and the journeys (lib/layout/layout-problems.ts).
   */
  layoutBoxes(): LayoutBox[] {
    const roots = this._exitOpen ? ["Exit"] : ["Header", "Page", "Footer"];
    return roots.flatMap((ref) => {
      const root = loose(this).tag(ref);
      return root ? layoutBoxesOf(root as never, (texture) => measureText(this.stage as never, texture)) : [];
    });
  }

  /** What the layout check finds wrong with the screen now on view (empty when nothing), for the journeys. */
  layoutProblems(): string[] {
    return findLayoutProblems(this.layoutBoxes());
  }

  // ── keys ────────────────────────────────────────────────────────────────────────────────────
  override _getFocused() {
    if (this._exitOpen) return tagOf(this, "Exit.Choices") as never;
    return (loose(this).tag("Page.Screen") ?? this) as never;
  }

  override _handleBack() {
    if (this._exitOpen) this.#closeExit();
    else this._controller?.back();
    return true;
  }

  /** The SDK's Router calls this when its history is empty; we route every Back ourselves, but keep it safe. */
  _handleAppClose() {
    this.askExit();
  }

  _handleBlue() {
    if (!this._exitOpen && this._screenName !== "settings") this._controller?.openSettings();
    return true;
  }

  /** Swallow every unmapped key: an unhandled key must never reach the SDK's Application and close us. */
  override _handleKey() {
    return true;
  }

  #closeExit(): void {
    this._exitOpen = false;
    loose(this).patch({ Exit: { visible: false } });
    this._refocus();
  }

  async #exit(): Promise<void> {
    await this._controller?.logOut().catch(() => {});
    (this.application as unknown as { closeApp(): void }).closeApp();
  }

  /** The keys this screen answers to, each with its keyboard equivalent (OK = Enter, 戻る = Backspace, 青 = F4). */
  #footer(): void {
    const hints = [`◀▶▲▼ ${t("hint.move")}`, t("hint.select"), t("hint.back")];
    if (this._screenName === "pin" || this._screenName === "password" || this._screenName === "step-up")
      hints.push(t("hint.red.delete"));
    // The step-up pad's Green key (スマートフォンで) is named on the pad itself: the footer has no room for it at 720p.
    else hints.push(t("hint.blue.settings"));
    loose(this).patch({ Footer: { text: hintText(hints.join("　　")) } });
  }
}
