/**
 * @module スマートフォンで: a large QR code of the phone page (drawn here from `qrcode`'s modules onto a canvas, light
 * quiet zone included, whole pixels per module so no module blurs into its neighbour) with the user code beside it,
 * the steps, where the request is, the countdown and the choice to stop. 520 design pixels square: ≥ 7 px a module
 * at 720p and ≥ 11 px at 1080p for a URL of up to ~60 characters (version ≤ 5, 45 modules with the quiet zone) —
 * a phone camera reads that across a room; the e2e journey decodes it from screenshots at both sizes.
 */
import type { Paragraph, ScreenSpec, Tone } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, text } from "../components/theme.ts";
import { QUIET_ZONE_MODULES, qrMatrix } from "../lib/qr/qr-matrix.ts";
import { BaseScreen } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "qr" }>;

const QR_SIZE = 520;
const COLUMN_X = SAFE.x + QR_SIZE + 64;
const COLUMN_W = 1920 - SAFE.x - COLUMN_X;
const BUTTON_H = 90;
const toneColor: Record<Tone, number> = {
  info: color.text,
  error: color.error,
  success: color.ok,
  warn: color.warn,
};

/** One data URL per text: the countdown redraws the screen every second, the code stays the same. */
let cached: { text: string; url: string; side: number } | null = null;
/** The code as a PNG data URL and its side in pixels (drawn 1:1 at 1080p, so no module is resampled there). */
function qrImage(value: string): { url: string; side: number } {
  if (cached?.text === value) return cached;
  const { size, dark } = qrMatrix(value);
  const modules = size + 2 * QUIET_ZONE_MODULES;
  const px = Math.max(1, Math.floor(QR_SIZE / modules));
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = modules * px;
  const g = canvas.getContext("2d");
  if (!g) return { url: "", side: QR_SIZE };
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = "#000000";
  for (let i = 0; i < dark.length; i++)
    if (dark[i])
      g.fillRect(
        ((i % size) + QUIET_ZONE_MODULES) * px,
        (Math.floor(i / size) + QUIET_ZONE_MODULES) * px,
        px,
        px,
      );
  cached = { text: value, url: canvas.toDataURL("image/png"), side: canvas.width };
  return cached;
}

export class QrScreen extends BaseScreen<Spec> {
  render(spec: Spec): void {
    const top = this.bodyTop;
    const qr = qrImage(spec.qrText);
    this.put("Qr", { x: SAFE.x, y: top, w: qr.side, h: qr.side, src: qr.url });
    this.put("Manual", {
      x: SAFE.x,
      y: top + QR_SIZE + 12,
      text: text(spec.manual, 30, { color: color.muted, wrapWidth: QR_SIZE, maxLines: 3, scale: 1 }),
    });
    const layout = this.fit((scale) => this.#layout(spec, top, scale));
    for (const [ref, placed] of Object.entries(layout.lines))
      this.put(ref, { x: COLUMN_X, y: placed.y, text: placed.template });
    this.put("Choices", {
      x: COLUMN_X,
      y: layout.choicesY,
      type: TileGrid,
      config: {
        items: spec.choices.map((c) => ({ label: c.label, align: "center" as const, labelSize: 40 })),
        cols: spec.choices.length,
        tileW: 400,
        tileH: BUTTON_H,
        gapX: 40,
        index: spec.focus ?? 0,
        onFocusChange: (i: number) => spec.onFocus?.(i),
        onSelect: (i: number) => spec.choices[i]?.onSelect(),
      },
    });
  }

  /** The right column top to bottom, each line below the one above as measured; the button last. */
  #layout(spec: Spec, top: number, scale: number) {
    const status: Paragraph = spec.status;
    const rows: [string, ReturnType<typeof text>, number][] = [
      [
        "CodeLabel",
        text(spec.steps[1] ?? "", 30, { color: color.subtext, wrapWidth: COLUMN_W, maxLines: 1, scale }),
        4,
      ],
      ["Code", text(spec.userCode, 96, { bold: true, wrapWidth: COLUMN_W, maxLines: 1, scale: 1 }), 12],
      ["Step1", text(`1. ${spec.steps[0] ?? ""}`, 32, { wrapWidth: COLUMN_W, maxLines: 2, scale }), 4],
      ["Step2", text(`2. ${spec.steps[2] ?? ""}`, 32, { wrapWidth: COLUMN_W, maxLines: 2, scale }), 4],
      ["Step3", text(`3. ${spec.steps[3] ?? ""}`, 32, { wrapWidth: COLUMN_W, maxLines: 2, scale }), 16],
      [
        "Status",
        text(status.text, status.size ?? 34, {
          bold: true,
          color: toneColor[status.tone ?? "info"],
          wrapWidth: COLUMN_W,
          maxLines: 2,
          scale,
        }),
        4,
      ],
      [
        "Countdown",
        text(spec.countdown, 30, { color: color.subtext, wrapWidth: COLUMN_W, maxLines: 1, scale }),
        20,
      ],
    ];
    let y = top;
    const lines: Record<string, { y: number; template: ReturnType<typeof text> }> = {};
    for (const [ref, template, gap] of rows) {
      lines[ref] = { y, template };
      y += this.measure(template).h + gap;
    }
    return { lines, choicesY: y, bottom: y + BUTTON_H };
  }

  override _getFocused() {
    return loose(this).tag("Choices") as never;
  }
}
