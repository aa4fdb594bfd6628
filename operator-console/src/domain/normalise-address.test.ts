import { describe, expect, it } from "vitest";
import {
  cableIdSearchKey,
  kanjiNumeralToNumber,
  namesAgree,
  normaliseAddress,
  normaliseName,
} from "./normalise-address.ts";

describe("normaliseAddress", () => {
  it("treats full-width and half-width digits and hyphens alike", async () => {
    expect(normaliseAddress("南砺市福野１２３－４")).toBe(normaliseAddress("南砺市福野123-4"));
  });
  it("reads 丁目・番地・号 as the hyphenated form", async () => {
    expect(normaliseAddress("南砺市福野3丁目2番地5号")).toBe("南砺市福野3-2-5");
    expect(normaliseAddress("南砺市福野3丁目2番5号")).toBe("南砺市福野3-2-5");
  });
  it("converts kanji numerals before 丁目 and 番地", async () => {
    expect(normaliseAddress("須坂市大字須坂二十三番地")).toBe("須坂市須坂23");
    expect(normaliseAddress("いなべ市北勢町三丁目十二番")).toBe("いなべ市北勢町3-12");
  });
  it("ignores spaces, the prefecture and 大字", async () => {
    expect(normaliseAddress("長野県 須坂市　大字須坂 1-2")).toBe(normaliseAddress("須坂市須坂1-2"));
  });
  it("accepts the long-vowel mark and the minus sign used as hyphens between digits", async () => {
    expect(normaliseAddress("いなべ市員弁町笠田1ー2−3")).toBe("いなべ市員弁町笠田1-2-3");
  });
  it("keeps the long-vowel mark inside katakana building names", async () => {
    expect(normaliseAddress("南砺市井波1-2 サンハイツー")).toContain("サンハイツー");
  });
  it("keeps different house numbers different", async () => {
    expect(normaliseAddress("南砺市福野1-2-3")).not.toBe(normaliseAddress("南砺市福野1-2-4"));
  });
});

describe("kanjiNumeralToNumber", () => {
  it("reads positional and multiplicative kanji numerals", async () => {
    expect(kanjiNumeralToNumber("二十三")).toBe(23);
    expect(kanjiNumeralToNumber("十")).toBe(10);
    expect(kanjiNumeralToNumber("百五")).toBe(105);
    expect(kanjiNumeralToNumber("三〇五")).toBe(305);
  });
});

describe("normaliseName", () => {
  it("ignores the space between family and given name and full-width forms", async () => {
    expect(normaliseName("南砺　太郎")).toBe(normaliseName("南砺太郎"));
    expect(normaliseName("ﾅﾝﾄ ﾀﾛｳ")).toBe("ナントタロウ");
  });
});

describe("namesAgree", () => {
  it("lets a character flagged as a substitute match the register's standard form", async () => {
    expect(namesAgree("髙橋 美咲", "10000", "高橋 美咲")).toBe(true);
  });
  it("requires unflagged characters to agree", async () => {
    expect(namesAgree("髙橋 美咲", undefined, "高橋 美咲")).toBe(false);
    expect(namesAgree("髙橋 美咲", "10000", "高橋 美保")).toBe(false);
  });
});

describe("cableIdSearchKey", () => {
  it("reads a cable ID typed in lower case, full width, with or without hyphens", () => {
    expect(cableIdSearchKey("k7q2-m4xa")).toBe("K7Q2M4XA");
    expect(cableIdSearchKey("ｋ７ｑ２ｍ４ｘａ")).toBe("K7Q2M4XA");
    expect(cableIdSearchKey("K7Q2 M4XA 9RT1 0A01")).toBe("K7Q2M4XA9RT10A01");
  });
  it("finds nothing to search for in a name or in too short a text", () => {
    expect(cableIdSearchKey("山田 太郎")).toBe("");
    expect(cableIdSearchKey("0A")).toBe("");
  });
});
