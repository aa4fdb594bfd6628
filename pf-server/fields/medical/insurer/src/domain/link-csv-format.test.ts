import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeCsv, encodeCsv, inertCell, parseLinkCsv, parseSpreadsheetDate } from "./link-csv-format.ts";

describe("dates as spreadsheets write them", () => {
  it.each([
    ["1980/5/6", "1980-05-06"],
    ["1980-05-06", "1980-05-06"],
    ["19800506", "1980-05-06"],
    ["1980年5月6日", "1980-05-06"],
    ["１９８０／５／６", "1980-05-06"],
    ["昭和55年5月6日", "1980-05-06"],
    ["S55.5.6", "1980-05-06"],
    ["平成元年1月8日", "1989-01-08"],
    ["R2/4/1", "2020-04-01"],
  ])("reads %s", (text, iso) => {
    expect(parseSpreadsheetDate(text)).toBe(iso);
  });

  it("refuses a day that is not in the calendar", () => {
    expect(parseSpreadsheetDate("2023/2/30")).toBeUndefined();
    expect(parseSpreadsheetDate("May 6")).toBeUndefined();
  });
});

describe("the files", () => {
  it("detects UTF-8 with a BOM and Shift_JIS", () => {
    const text = "共通的PFID,番号,枝番\r\n";
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({
      text,
      encoding: "utf-8",
    });
    expect(decodeCsv(new Uint8Array(iconv.encode(text, "cp932")))).toEqual({ text, encoding: "shift_jis" });
  });

  it("accepts English headers and full-width ones", () => {
    const rows = parseLinkCsv("account_id,symbol,number,branch_number\r\nAAAA-BBBB-CCCC-DDDD,3101,12,0\r\n");
    expect(rows[0]).toMatchObject({ symbol: "3101", number: "12", branchNumber: "00", problems: [] });
    expect(parseLinkCsv("共通的ＰＦＩＤ,番号,枝番\r\nAAAA-BBBB-CCCC-DDDD,12,00\r\n")[0]?.number).toBe("12");
  });

  it("refuses a file of more than 5,000 rows", () => {
    const rows = Array.from({ length: 5001 }, () => "AAAA-BBBB-CCCC-DDDD,1,00").join("\r\n");
    expect(() => parseLinkCsv(`共通的PFID,番号,枝番\r\n${rows}`)).toThrow(/5,000行/);
  });

  it("writes a BOM and CRLF, and makes a cell that could be a formula inert", () => {
    const file = encodeCsv(["氏名"], [["=HYPERLINK(1)"]], "utf-8");
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.subarray(3).toString("utf8")).toBe("氏名\r\n'=HYPERLINK(1)\r\n");
    expect(inertCell("-1+1")).toBe("'-1+1");
    expect(inertCell("山田 太郎")).toBe("山田 太郎");
  });
});
