import { describe, expect, it } from "vitest";
import { installOneLineWrap, type LinesInfo, oneLine, type WrappingRenderer } from "./one-line-wrap.ts";

/** A renderer whose font is 10 px per character, like a monospaced face. */
function renderer(settings: WrappingRenderer["_settings"] = {}): WrappingRenderer & { measured: string[] } {
  const measured: string[] = [];
  return {
    measured,
    _context: {
      measureText: (text: string) => {
        measured.push(text);
        return { width: text.length * 10 };
      },
    },
    _settings: settings,
  };
}

describe("oneLine", () => {
  it("keeps a text that fits as one line, measured once as a whole", () => {
    const r = renderer();
    expect(oneLine(r, "施設予約", 40)).toEqual({ l: [{ text: "施設予約", width: 40 }], r: [] });
    expect(r.measured).toEqual(["施設予約"]);
  });

  it("leaves a text wider than the box to be wrapped", () => {
    expect(oneLine(renderer(), "マイナンバーカードで", 99)).toBeNull();
  });

  it("counts letter spacing and the first line's indent as Lightning does", () => {
    expect(oneLine(renderer({ letterSpacing: 2, textIndent: 5 }), "予約", 29)).toEqual({
      l: [{ text: "予約", width: 29 }],
      r: [],
    });
    expect(oneLine(renderer({ letterSpacing: 2, textIndent: 5 }), "予約", 28)).toBeNull();
  });

  it("leaves texts with line breaks to Lightning", () => {
    expect(oneLine(renderer(), "一行目\n二行目", 1000)).toBeNull();
    expect(oneLine(renderer(), "一行目\r\n二行目", 1000)).toBeNull();
  });
});

describe("installOneLineWrap", () => {
  function patchedPrototype() {
    const calls: string[] = [];
    const prototype = {
      wrapText(this: WrappingRenderer, text: string, _width: number): LinesInfo {
        calls.push(text);
        return {
          l: [
            { text: text.slice(0, 2), width: 20 },
            { text: text.slice(2), width: 10 },
          ],
          r: [],
        };
      },
    };
    installOneLineWrap(prototype);
    return { prototype, calls };
  }

  it("answers fitting texts without Lightning's word-by-word wrapping", () => {
    const { prototype, calls } = patchedPrototype();
    expect(prototype.wrapText.call(renderer(), "設定", 100).l).toEqual([{ text: "設定", width: 20 }]);
    expect(calls).toEqual([]);
  });

  it("hands texts that do not fit to Lightning's wrapping", () => {
    const { prototype, calls } = patchedPrototype();
    expect(prototype.wrapText.call(renderer(), "利用者登録", 30).l).toHaveLength(2);
    expect(calls).toEqual(["利用者登録"]);
  });

  it("leaves a renderer without wrapText untouched", () => {
    const prototype: { wrapText?: unknown } = {};
    installOneLineWrap(prototype);
    expect(prototype.wrapText).toBeUndefined();
  });
});
