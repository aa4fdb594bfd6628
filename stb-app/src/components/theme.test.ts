import { describe, expect, it, vi } from "vitest";

vi.mock("@lightningjs/sdk", () => ({ Language: { translate: (key: string) => key } }));
const { color, MIN_TEXT_SIZE, setTextScale, text } = await import("./theme.ts");

/** WCAG 2 contrast ratio of two ARGB colours. */
function contrast(a: number, b: number): number {
  const luminance = (c: number) => {
    const [r, g, bl] = [16, 8, 0].map((shift) => {
      const v = ((c >> shift) & 0xff) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("theme (legible from the sofa)", () => {
  it("never draws a text smaller than the minimum, at any text size", () => {
    setTextScale(1);
    expect(text("赤：1文字消す", 22).fontSize).toBe(MIN_TEXT_SIZE);
    expect(MIN_TEXT_SIZE * (720 / 1080)).toBeGreaterThanOrEqual(20);
  });

  it("grows texts with the viewer's text size", () => {
    setTextScale(1.3);
    expect(text("決定", 40).fontSize).toBe(52);
    setTextScale(1);
  });

  it("keeps every text colour at 7:1 or more on the background (WCAG AAA)", () => {
    for (const c of [
      color.text,
      color.subtext,
      color.muted,
      color.error,
      color.ok,
      color.warn,
      color.focusRing,
    ]) {
      expect(contrast(c, color.background)).toBeGreaterThanOrEqual(7);
    }
  });

  it("keeps tile texts at 4.5:1 or more on a tile, focused or not (WCAG AA)", () => {
    for (const tile of [color.panel, color.panelFocused, color.disabled]) {
      for (const c of [color.text, color.subtext, color.muted])
        expect(contrast(c, tile)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
