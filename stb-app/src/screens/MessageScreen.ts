/**
 * @module Any screen that is words plus a few choices: consent, "place your card", results, confirmations
 * and every error (title, what happened, what to do, the code for the help desk).
 */
import type { ScreenSpec, Tone } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
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
    this.put("Paragraphs", {
      x: SAFE.x,
      y: CONTENT_TOP + 120,
      w: 1500,
      flex: { direction: "column" },
      children: spec.paragraphs.map((p, i) => ({
        ref: `P${i}`,
        flexItem: { marginBottom: 28 },
        text: text(p.text, p.size ?? 40, {
          color: toneColor[p.tone ?? "info"],
          wrapWidth: 1500,
          maxLines: 4,
        }),
      })),
    });
    const tileW = spec.choices.length > 2 ? 440 : 520;
    this.put("Choices", {
      x: SAFE.x,
      y: 760,
      type: TileGrid,
      config: {
        items: spec.choices.map((c) => ({ label: c.label, align: "center" as const, labelSize: 40 })),
        cols: spec.choices.length,
        tileW,
        tileH: 110,
        gapX: 48,
        onSelect: (i: number) => spec.choices[i]?.onSelect(),
      },
    });
    this.put("Footnote", {
      x: SAFE.x,
      y: 912,
      visible: !!spec.footnote,
      text: text(spec.footnote ?? "", 26, { color: color.muted }),
    });
  }

  override _getFocused() {
    return loose(this).tag("Choices") as never;
  }
}
