/**
 * @module The 4-digit PIN pad: number keys type directly, arrows/OK work the on-screen pad, Red or Back deletes.
 * Digits are never drawn, only ●; the card's remaining tries are shown before the viewer types. Where the pad
 * offers another way (the step-up on the phone), Green starts it.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, t, text } from "../components/theme.ts";
import { digitOf } from "../lib/keys/key-map.ts";
import {
  deleteDigit,
  emptyPinEntry,
  isPinComplete,
  maskedPin,
  movePadCursor,
  PIN_PAD_KEYS,
  type PinEntryState,
  pressPadKey,
  typeDigit,
} from "../lib/pin/pin-entry.ts";
import { BaseScreen } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "pin" }>;
const CELL = 120;
const CELL_H = 140;
/** Where the on-screen pad starts; the words use the column left of it. */
const PAD_X = 1180;

export class PinScreen extends BaseScreen<Spec> {
  _entry: PinEntryState = emptyPinEntry();

  render(spec: Spec): void {
    this._entry = emptyPinEntry();
    const layout = this.fit((scale) => this.#layout(spec, scale));
    this.put("Body", { x: SAFE.x, y: layout.body, text: layout.bodyText });
    this.put("Cells", {
      x: SAFE.x,
      y: layout.cells,
      children: Array.from({ length: 4 }, (_, i) => ({
        ref: `Cell${i}`,
        x: i * (CELL + 28),
        w: CELL,
        h: CELL_H,
        rect: true,
        color: color.panel,
        Mark: { x: CELL / 2, y: layout.markY, mountX: 0.5, text: text("", 64, { color: color.focusRing }) },
      })),
    });
    this.put("Tries", {
      x: SAFE.x,
      y: layout.tries,
      visible: spec.triesLeft !== null,
      text: layout.triesText,
    });
    // The problem (a wrong PIN, or why the PIN is asked) in red, on its own line; the tries left are said once,
    // on the line above, not repeated here.
    this.put("Problem", {
      x: SAFE.x,
      y: layout.problem,
      visible: !!spec.problem,
      text: layout.problemText,
    });
    this.put("Hint", { x: SAFE.x, y: layout.hint, text: layout.hintText });
    this.put("Pad", {
      x: PAD_X,
      y: this.bodyTop,
      type: TileGrid,
      config: {
        items: PIN_PAD_KEYS.map((k) => ({ label: this.#label(k), align: "center" as const, labelSize: 48 })),
        cols: 3,
        tileW: 180,
        tileH: 124,
        gapX: 28,
        gapY: 24,
        navigate: (index: number, dir: "up" | "down" | "left" | "right") =>
          movePadCursor({ ...this._entry, cursor: index }, dir).cursor,
        onSelect: (index: number) => {
          const outcome = pressPadKey({ ...this._entry, cursor: index });
          this.#update(outcome.state);
          if (outcome.submit) this._spec.onSubmit(outcome.state.digits);
        },
      },
    });
    this.#update(this._entry);
  }

  /** The left column, top to bottom, each block below the one above as measured. */
  #layout(spec: Spec, scale: number) {
    const width = PAD_X - SAFE.x - 60;
    const bodyText = text(spec.body, 36, { color: color.subtext, wrapWidth: width, maxLines: 3, scale });
    const triesText = text(t("pin.tries", { tries: spec.triesLeft ?? "" }), 34, { color: color.warn, scale });
    const problemText = text(spec.problem ?? "", 36, {
      color: color.error,
      wrapWidth: width,
      maxLines: 3,
      scale,
    });
    const hints = [
      t("hint.digits"),
      t("hint.red.delete"),
      ...(spec.alternative ? [t("hint.green.phone")] : []),
    ];
    const hintText = text(hints.join("　"), 32, {
      color: color.subtext,
      wrapWidth: width,
      maxLines: 2,
      scale,
    });
    const body = this.bodyTop;
    const cells = body + this.measure(bodyText).h + 28;
    const tries = cells + CELL_H + 28;
    const problem = tries + (spec.triesLeft !== null ? this.measure(triesText).h + 8 : 0);
    const hint = problem + (spec.problem ? this.measure(problemText).h + 16 : 0);
    const markH = this.measure(text("●", 64)).h;
    return {
      bodyText,
      triesText,
      problemText,
      hintText,
      body,
      cells,
      tries,
      problem,
      hint,
      markY: Math.round((CELL_H - markH) / 2),
      bottom: hint + this.measure(hintText).h,
    };
  }

  #label(key: string): string {
    if (key === "del") return t("pin.delete");
    if (key === "ok") return t("pin.ok");
    return key;
  }

  #update(state: PinEntryState): void {
    this._entry = state;
    const marks = maskedPin(state);
    const cells = loose(this).tag("Cells");
    if (!cells) return;
    marks.forEach((mark, i) => {
      loose(cells).patch({
        [`Cell${i}`]: {
          color: i === state.digits.length ? color.panelFocused : color.panel,
          Mark: { text: { text: mark } },
        },
      });
    });
  }

  /** Number keys type straight in; after the fourth digit, focus jumps to OK so one press sends it. */
  _handleNum(event: KeyboardEvent) {
    const digit = digitOf(event);
    if (digit === null) return false;
    this.#update(typeDigit(this._entry, digit));
    if (isPinComplete(this._entry)) this.#focusPadKey("ok");
    return true;
  }

  _handleRed() {
    this.#update(deleteDigit(this._entry));
    return true;
  }

  /** スマートフォンで, where the pad offers it (the step-up): the hint under the pad names the key. */
  _handleGreen() {
    this._spec.alternative?.onSelect();
    return true;
  }

  override _handleBack() {
    if (this._entry.digits.length === 0) return false;
    this.#update(deleteDigit(this._entry));
    return true;
  }

  #focusPadKey(key: (typeof PIN_PAD_KEYS)[number]): void {
    (loose(this).tag("Pad") as unknown as TileGrid).focusAt(PIN_PAD_KEYS.indexOf(key));
  }

  override _getFocused() {
    return loose(this).tag("Pad") as never;
  }
}
