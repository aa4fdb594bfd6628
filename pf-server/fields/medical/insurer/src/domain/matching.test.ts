import { describe, expect, it } from "vitest";
import { addressKey, kanaKey, kanjiNumeral, nameKey, namePattern, namesAgree } from "./matching.ts";

describe("names as compared", () => {
  it("ignores widths and spaces, full-width or half-width", () => {
    expect(nameKey("山田　太郎")).toBe(nameKey("山田太郎"));
    expect(nameKey("ﾔﾏﾀﾞ ﾀﾛｳ")).toBe(nameKey("ヤマダタロウ"));
  });

  it("folds the variant characters registers use (髙, 﨑, 齋, 澤, 邊)", () => {
    expect(nameKey("髙橋 美咲")).toBe(nameKey("高橋 美咲"));
    expect(nameKey("山﨑 太一")).toBe(nameKey("山崎 太一"));
    expect(nameKey("齋藤 幸子")).toBe(nameKey("斎藤 幸子"));
    expect(nameKey("小澤 渡邊")).toBe(nameKey("小沢 渡辺"));
  });

  it("keeps 斉 and 斎 apart (different characters, not variants)", () => {
    expect(nameKey("斉藤")).not.toBe(nameKey("斎藤"));
  });

  it("lets a certificate's 代替文字 match any one character, and only at its place", () => {
    expect(namesAgree("〓橋 美咲", "10000", "髙橋 美咲")).toBe(true);
    expect(namesAgree("〓橋 美咲", "10000", "髙橋 美帆")).toBe(false);
    expect(namesAgree("〓橋 美咲", undefined, "髙橋 美咲")).toBe(false);
  });

  it("walks the flags alongside the name as written, spaces included", () => {
    // The space of the name has its own flag: the 5th flag is 咲's.
    expect(namesAgree("高橋 美〓", "00001", "高橋 美咲")).toBe(true);
    expect(namePattern("高橋 美〓", "00001")).toBe("高橋美_");
  });
});

describe("readings as compared", () => {
  it("reads hiragana, katakana and half-width katakana as one", () => {
    expect(kanaKey("やまだ たろう")).toBe("ヤマダタロウ");
    expect(kanaKey("ﾔﾏﾀﾞ ﾀﾛｳ")).toBe("ヤマダタロウ");
  });
});

describe("addresses as compared", () => {
  it("drops the prefecture and reads kanji numerals, 丁目・番地・号 and hyphens as one form", () => {
    const key = addressKey("山形県酒田市本町二丁目3番4号");
    expect(addressKey("酒田市本町2-3-4")).toBe(key);
    expect(addressKey("酒田市本町２－３－４")).toBe(key);
    expect(addressKey("酒田市本町2丁目3-4")).toBe(key);
  });

  it("reads 番地の and a 番地 with a branch number", () => {
    expect(addressKey("酒田市上安町一丁目8番地の5")).toBe(addressKey("酒田市上安町1-8-5"));
    expect(addressKey("富山県南砺市井波3110番地2")).toBe(addressKey("南砺市井波３１１０－２"));
  });

  it("drops 大字 and reads ヶ as ケ", () => {
    expect(addressKey("長野県須坂市大字須坂1528番地1")).toBe(addressKey("須坂市須坂1528-1"));
    expect(addressKey("酒田市亀ヶ崎3-5-12")).toBe(addressKey("山形県酒田市亀ケ崎三丁目5番12号"));
  });

  it("keeps different house numbers apart", () => {
    expect(addressKey("酒田市本町2-3-4")).not.toBe(addressKey("酒田市本町2-3-5"));
  });

  it("reads kanji numerals positionally or with 十・百・千", () => {
    expect(kanjiNumeral("二十三")).toBe(23);
    expect(kanjiNumeral("百五")).toBe(105);
    expect(kanjiNumeral("三〇五")).toBe(305);
  });
});
