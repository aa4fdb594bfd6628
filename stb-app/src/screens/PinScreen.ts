/**
 * @module The 4-digit PIN pad: number keys type directly, arrows/OK work the on-screen pad, Red or Back deletes.
 * Digits are never drawn, only ●; the card's remaining tries are shown before the viewer types.
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
import { BaseScreen, CONTENT_TOP } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "pin" }>;
const CELL = 120;

export class PinScreen extends BaseScreen<Spec> {
  _entry: PinEntryState = emptyPinEntry();

  render(spec: Spec): void {
    this._entry = emptyPinEntry();
    this.put("Body", {
      x: SAFE.x,
      y: CONTENT_TOP + 100,
      text: text(spec.body, 36, { color: color.subtext, wrapWidth: 900, maxLines: 3 }),
    });
    this.put("Cells", {
      x: SAFE.x,
      y: CONTENT_TOP + 280,
      children: Array.from({ length: 4 }, (_, i) => ({
        ref: `Cell${i}`,
        x: i * (CELL + 28),
        w: CELL,
        h: CELL + 20,
        rect: true,
        color: color.panel,
        Mark: { x: CELL / 2, y: (CELL + 20) / 2, mount: 0.5, text: text("", 64, { color: color.focusRing }) },
      })),
    });
    this.put("Tries", {
      x: SAFE.x,
      y: CONTENT_TOP + 470,
      visible: spec.triesLeft !== null,
      text: text(t("pin.tries", { tries: spec.triesLeft ?? "" }), 34, { color: color.warn }),
    });
    this.put("Problem", {
      x: SAFE.x,
      y: CONTENT_TOP + 540,
      visible: !!spec.problem,
      text: text(spec.problem ?? "", 36, { color: color.error, wrapWidth: 900, maxLines: 2 }),
    });
    this.put("Hint", {
      x: SAFE.x,
      y: CONTENT_TOP + 660,
      text: text(`${t("hint.digits")}　${t("hint.red.delete")}`, 30, { color: color.muted }),
    });
    this.put("Pad", {
      x: 1180,
      y: CONTENT_TOP + 100,
      type: TileGrid,
      config: {
        items: PIN_PAD_KEYS.map((k) => ({ label: this.#label(k), align: "center" as const, labelSize: 48 })),
        cols: 3,
        tileW: 180,
        tileH: 130,
        gapX: 28,
        gapY: 28,
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
