/**
 * @module Any screen that is words plus a few choices: consent, "place your card", results, confirmations
 * and every error (title, what happened, what to do, the code for the help desk). The words are measured and
 * the buttons placed below the last line, so nothing is covered at any text size; when the viewer's text size
 * would push the buttons off the screen, the words step down towards 標準 until they fit (BaseScreen.fit).
 */
import type { Paragraph, ScreenSpec, Tone } from "../app/screen-spec.ts";
import { FocusTile } from "../components/FocusTile.ts";
import { loose, type Template } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, text } from "../components/theme.ts";
import { BaseScreen, CONTENT_TOP } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "message" }>;

const toneColor: Record<Tone, number> = {
  info: color.text,
  error: color.error,
  success: color.ok,
  warn: color.warn,
};
const toneBar: Record<Tone, number> = {
  info: color.blue,
  error: color.red,
  success: color.green,
  warn: color.yellow,
};
const WIDTH = 1500;
const PARAGRAPH_GAP = 22;
const CHOICES_GAP = 44;
const FOOTNOTE_GAP = 24;
const BUTTON_H = 100;

interface Placed {
  template: Template;
  y: number;
}

export class MessageScreen extends BaseScreen<Spec> {
  render(spec: Spec): void {
    this.put("Bar", {
      x: SAFE.x - 40,
      y: CONTENT_TOP + 8,
      w: 14,
      h: 64,
      rect: true,
      color: toneBar[spec.tone],
    });
    loose(this).patch({ Title: { text: { textColor: spec.tone === "error" ? color.error : color.text } } });
    const tileW = spec.choices.length > 2 ? 440 : 520;
    const items = spec.choices.map((c) => ({ label: c.label, align: "center" as const, labelSize: 40 }));
    const layout = this.fit((scale) => this.#layout(spec, items, tileW, scale));
    this.put("Paragraphs", {
      x: SAFE.x,
      y: 0,
      children: layout.paragraphs.map((p, i) => ({ ref: `P${i}`, y: p.y, text: p.template })),
    });
    this.put("Choices", {
      x: SAFE.x,
      y: layout.choicesY,
      type: TileGrid,
      config: {
        items,
        cols: spec.choices.length,
        tileW,
        tileH: BUTTON_H,
        gapX: 48,
        index: spec.focus ?? 0,
        onFocusChange: (i: number) => spec.onFocus?.(i),
        onSelect: (i: number) => spec.choices[i]?.onSelect(),
      },
    });
    this.put("Footnote", {
      x: SAFE.x,
      y: layout.footnote?.y ?? 0,
      visible: !!layout.footnote,
      text: layout.footnote?.template ?? { text: "" },
    });
  }

  #layout(spec: Spec, items: { label: string }[], tileW: number, scale: number) {
    let y = this.bodyTop;
    const paragraphs: Placed[] = spec.paragraphs.map((p: Paragraph) => {
      const template = text(p.text, p.size ?? 40, {
        color: toneColor[p.tone ?? "info"],
        wrapWidth: WIDTH,
        maxLines: 4,
        scale,
      });
      const placed = { template, y };
      y += this.measure(template).h + PARAGRAPH_GAP;
      return placed;
    });
    const choicesY = Math.round(y - PARAGRAPH_GAP + (paragraphs.length ? CHOICES_GAP : 0));
    const buttonsH = Math.max(
      BUTTON_H,
      ...items.map((item) => FocusTile.height(this.stage, { ...item, labelSize: 40 }, tileW, BUTTON_H)),
    );
    let bottom = choicesY + buttonsH;
    let footnote: Placed | null = null;
    if (spec.footnote) {
      const template = text(spec.footnote, 30, { color: color.muted, wrapWidth: WIDTH, maxLines: 2, scale });
      footnote = { template, y: bottom + FOOTNOTE_GAP };
      bottom = footnote.y + this.measure(template).h;
    }
    return { paragraphs, choicesY, footnote, bottom };
  }

  override _getFocused() {
    return loose(this).tag("Choices") as never;
  }
}
