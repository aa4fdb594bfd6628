import { describe, expect, it } from "vitest";
import { segmentJapanese } from "./japanese-wrap.ts";

const seg = new Intl.Segmenter("ja", { granularity: "word" });

describe("Japanese word breaks", () => {
  it("splits a sentence into several words instead of one unbreakable token", () => {
    expect(segmentJapanese("カードをリーダーに置いてください", seg).length).toBeGreaterThan(3);
  });

  it("never lets a line start with a full stop or comma", () => {
    const tokens = segmentJapanese("暗証番号が違います。あと2回で、ロックされます。", seg);
    for (const t of tokens) expect(t).not.toMatch(/^[。、]/);
  });

  it("keeps an opening bracket with the word after it", () => {
    const tokens = segmentJapanese("「ケーブルテレビ料金と一緒に請求されます」", seg);
    for (const t of tokens) expect(t).not.toMatch(/「$/);
  });

  it("never starts a wrapped line with the ideographic space between two items", () => {
    const tokens = segmentJapanese("保健指導の目安を超えています　基準 5.6未満", seg);
    for (const t of tokens) expect(t).not.toMatch(/^\u3000/);
  });

  it("loses no characters", () => {
    const text = "市役所の窓口（市民課）で、電子証明書を更新してください。";
    expect(segmentJapanese(text, seg).join("")).toBe(text);
  });
});
