/**
 * @module The 署名用電子証明書 password on an on-screen keyboard (A–Z, 0–9): arrows/OK, number keys type digits,
 * Red or Back deletes. Masked; remaining tries shown; too-short input is refused before the card is touched.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, t, text } from "../components/theme.ts";
import {
  deleteCharacter,
  emptyKeyboard,
  KEYBOARD_ROWS,
  type KeyboardState,
  maskedPassword,
  moveKeyboardFocus,
  PASSWORD_MAX,
  pressKeyboardKey,
  typeCharacter,
} from "../lib/keyboard/password-keyboard.ts";
import { digitOf } from "../lib/keys/key-map.ts";
import { BaseScreen } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "password" }>;
const COLS = 10;
const FIELD_W = 1000;
const KEY_H = 84;
const KEY_GAP = 16;
const KEYS = KEYBOARD_ROWS.flat();

/** Flat tile index ↔ keyboard row/column (rows have different lengths). */
function toRowCol(index: number): { row: number; col: number } {
  let rest = index;
  for (let row = 0; row < KEYBOARD_ROWS.length; row++) {
    const width = KEYBOARD_ROWS[row]!.length;
    if (rest < width) return { row, col: rest };
    rest -= width;
  }
  return { row: 0, col: 0 };
}
const toIndex = (row: number, col: number) =>
  KEYBOARD_ROWS.slice(0, row).reduce((n, r) => n + r.length, 0) + col;

export class PasswordScreen extends BaseScreen<Spec> {
  _entry: KeyboardState = emptyKeyboard();

  override fixedTitle(): string {
    return t("password.title");
  }

  render(spec: Spec): void {
    this._entry = emptyKeyboard();
    const layout = this.fit((scale) => this.#layout(spec, scale));
    this.put("Body", { x: SAFE.x, y: layout.body, text: layout.bodyText });
    this.put("Field", {
      x: SAFE.x,
      y: layout.field,
      w: FIELD_W,
      h: layout.fieldH,
      rect: true,
      color: color.panel,
      Mask: { x: 28, y: layout.maskY, text: layout.maskText },
      Count: { x: FIELD_W - 24, y: layout.countY, mountX: 1, text: layout.countText },
    });
    this.put("Tries", {
      x: SAFE.x + FIELD_W + 40,
      y: layout.field + Math.round((layout.fieldH - this.measure(layout.triesText).h) / 2),
      visible: spec.triesLeft !== null,
      text: layout.triesText,
    });
    this.put("Problem", { x: SAFE.x, y: layout.problem, text: layout.problemText });
    this.put("Keys", {
      x: SAFE.x + 60,
      y: layout.keys,
      type: TileGrid,
      config: {
        items: KEYS.map((k) => ({
          label: k === "del" ? t("password.delete") : k === "ok" ? t("password.ok") : k,
          align: "center" as const,
          labelSize: k.length > 1 ? 34 : 46,
          scale: 1,
        })),
        cols: COLS,
        tileW: 130,
        tileH: KEY_H,
        gapX: 28,
        gapY: KEY_GAP,
        index: toIndex(this._entry.row, this._entry.col),
        navigate: (index: number, dir: "up" | "down" | "left" | "right") => {
          const next = moveKeyboardFocus({ ...this._entry, ...toRowCol(index) }, dir);
          return toIndex(next.row, next.col);
        },
        onSelect: (index: number) => {
          const outcome = pressKeyboardKey({ ...this._entry, ...toRowCol(index) });
          this.#update(outcome.state, outcome.problem ? t("password.tooShort") : null);
          if (outcome.submit) this._spec.onSubmit(outcome.state.value);
        },
      },
    });
    this.#update(this._entry, spec.problem);
  }

  /** Body, field, problem line, then the keyboard, each below the one above as measured. */
  #layout(spec: Spec, scale: number) {
    const bodyText = text(t("password.body"), 34, {
      color: color.subtext,
      wrapWidth: SAFE.w,
      maxLines: 2,
      scale,
    });
    const maskText = text("", 52, { color: color.focusRing, scale });
    const countText = text("", 30, { color: color.muted, scale });
    const triesText = text(t("password.tries", { tries: spec.triesLeft ?? "" }), 32, {
      color: color.warn,
      wrapWidth: SAFE.w - FIELD_W - 40,
      maxLines: 2,
      scale,
    });
    const problemText = text(spec.problem ?? "", 32, {
      color: color.error,
      wrapWidth: SAFE.w,
      maxLines: 1,
      scale,
    });
    const maskH = this.measure(text("●", 52, { scale })).h;
    const countH = this.measure(text("0", 30, { scale })).h;
    const fieldH = maskH + 16;
    const body = this.bodyTop - 12;
    const field = body + this.measure(bodyText).h + 12;
    const problem = field + fieldH + 8;
    const keys = problem + this.measure(text("あ", 32, { scale })).h + 12;
    const rows = KEYBOARD_ROWS.length;
    return {
      bodyText,
      maskText,
      countText,
      triesText,
      problemText,
      body,
      field,
      fieldH,
      maskY: Math.round((fieldH - maskH) / 2),
      countY: Math.round((fieldH - countH) / 2),
      problem,
      keys,
      bottom: keys + rows * KEY_H + (rows - 1) * KEY_GAP,
    };
  }

  #update(state: KeyboardState, problem: string | null): void {
    this._entry = state;
    const field = loose(this).tag("Field");
    if (field) {
      loose(field).patch({
        Mask: { text: { text: maskedPassword(state) } },
        Count: { text: { text: `${state.value.length} / ${PASSWORD_MAX}` } },
      });
    }
    loose(this).patch({ Problem: { visible: !!problem, text: { text: problem ?? "" } } });
  }

  _handleNum(event: KeyboardEvent) {
    const digit = digitOf(event);
    if (digit === null) return false;
    this.#update(typeCharacter(this._entry, String(digit)), null);
    return true;
  }

  /** A PC keyboard in the field office: letters type straight in. */
  override _handleKey(event: KeyboardEvent) {
    if (/^[a-zA-Z]$/.test(event.key)) {
      this.#update(typeCharacter(this._entry, event.key), null);
      return true;
    }
    return false;
  }

  _handleRed() {
    this.#update(deleteCharacter(this._entry), null);
    return true;
  }

  override _handleBack() {
    if (this._entry.value.length === 0) return false;
    this.#update(deleteCharacter(this._entry), null);
    return true;
  }

  override _getFocused() {
    return loose(this).tag("Keys") as never;
  }
}
