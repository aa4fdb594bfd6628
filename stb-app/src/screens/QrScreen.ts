/**
 * @module スマートフォンで: a large QR code of the phone page (drawn here from `qrcode`'s modules onto a canvas, light
 * quiet zone included, whole pixels per module so no module blurs into its neighbour) with the user code beside it,
 * the steps, where the request is, the countdown and the choices. 640 design pixels square: ≥ 9 px a module at
 * 720p and ≥ 14 px at 1080p for a URL of up to ~60 characters (version ≤ 5).
 */
import type { Paragraph, ScreenSpec, Tone } from "../app/screen-spec.ts";
import { loose } from "../components/lightning-helpers.ts";
import { TileGrid } from "../components/TileGrid.ts";
import { color, SAFE, text } from "../components/theme.ts";
import { QUIET_ZONE_MODULES, qrMatrix } from "../lib/qr/qr-matrix.ts";
import { BaseScreen } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "qr" }>;

const QR_SIZE = 640;
const COLUMN_X = SAFE.x + QR_SIZE + 80;
const COLUMN_W = 1920 - SAFE.x - COLUMN_X;
const toneColor: Record<Tone, number> = {
  info: color.text,
  error: color.error,
  success: color.ok,
  warn: color.warn,
};

/** One data URL per text: the countdown redraws the screen every second, the code stays the same. */
let cached: { text: string; url: string } | null = null;
function qrImage(value: string): string {
  if (cached?.text === value) return cached.url;
  const { size, dark } = qrMatrix(value);
  const modules = size + 2 * QUIET_ZONE_MODULES;
  const px = Math.max(1, Math.floor(QR_SIZE / modules));
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = modules * px;
  const g = canvas.getContext("2d");
  if (!g) return "";
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
  cached = { text: value, url: canvas.toDataURL("image/png") };
  return cached.url;
}

export class QrScreen extends BaseScreen<Spec> {
  render(spec: Spec): void {
    const top = this.bodyTop;
    this.put("Qr", { x: SAFE.x, y: top, w: QR_SIZE, h: QR_SIZE, src: qrImage(spec.qrText) });
    let y = top;
    const line = (ref: string, template: ReturnType<typeof text>, gap = 14) => {
      this.put(ref, { x: COLUMN_X, y, text: template });
      y += this.measure(template).h + gap;
    };
    line(
      "CodeLabel",
      text(spec.steps[1] ?? "", 34, { color: color.subtext, wrapWidth: COLUMN_W, maxLines: 2 }),
      4,
    );
    line("Code", text(spec.userCode, 96, { bold: true, wrapWidth: COLUMN_W, maxLines: 1, scale: 1 }), 18);
    line("Step1", text(`1. ${spec.steps[0] ?? ""}`, 36, { wrapWidth: COLUMN_W, maxLines: 2 }), 8);
    line("Step2", text(`2. ${spec.steps[2] ?? ""}`, 36, { wrapWidth: COLUMN_W, maxLines: 2 }), 8);
    line("Step3", text(`3. ${spec.steps[3] ?? ""}`, 36, { wrapWidth: COLUMN_W, maxLines: 2 }), 22);
    const status: Paragraph = spec.status;
    line(
      "Status",
      text(status.text, status.size ?? 38, {
        bold: true,
        color: toneColor[status.tone ?? "info"],
        wrapWidth: COLUMN_W,
        maxLines: 2,
      }),
      8,
    );
    line(
      "Countdown",
      text(spec.countdown, 34, { color: color.subtext, wrapWidth: COLUMN_W, maxLines: 1 }),
      24,
    );
    this.put("Choices", {
      x: COLUMN_X,
      y: Math.max(y, top + QR_SIZE - 100),
      type: TileGrid,
      config: {
        items: spec.choices.map((c) => ({ label: c.label, align: "center" as const, labelSize: 40 })),
        cols: spec.choices.length,
        tileW: 440,
        tileH: 100,
        gapX: 40,
        index: spec.focus ?? 0,
        onFocusChange: (i: number) => spec.onFocus?.(i),
        onSelect: (i: number) => spec.choices[i]?.onSelect(),
      },
    });
    this.put("Manual", {
      x: SAFE.x,
      y: top + QR_SIZE + 16,
      text: text(spec.manual, 30, { color: color.muted, wrapWidth: SAFE.w, maxLines: 1 }),
    });
  }

  override _getFocused() {
    return loose(this).tag("Choices") as never;
  }
}
