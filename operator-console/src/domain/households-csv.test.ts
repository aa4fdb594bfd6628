import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../test-support/harness.ts";
import { decodeCsv, exportHouseholdsCsv, normaliseCsvDate, parseHouseholdsCsv } from "./households-csv.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const header = "contract_id,address,plan,monthly_fee_yen,member_name,birth_date,gender";
const good = [
  header,
  "NT-90001,富山県南砺市福野5丁目1番1号,スタンダード,4400,福野 一郎,1970-01-02,1",
  "NT-90001,富山県南砺市福野5丁目1番1号,スタンダード,4400,福野 花子,1972-03-04,2",
  "NT-90002,南砺市井波10-2,ベーシック,2750,井波 次郎,1980-05-06,1",
].join("\r\n");

describe("parseHouseholdsCsv", () => {
  it("groups rows with the same contract ID into one household", async () => {
    const { households, errors } = parseHouseholdsCsv(good);
    expect(errors).toEqual([]);
    expect(households.map((x) => [x.contractId, x.members.length])).toEqual([
      ["NT-90001", 2],
      ["NT-90002", 1],
    ]);
  });

  it("reports each bad row with its line number and reason", async () => {
    const text = [
      header,
      "NT-90003,南砺市福光1,スタンダード,4400,福光 三郎,1970-13-01,1",
      "NT-90004,南砺市福光2,スタンダード,よんせん,福光 四郎,1970-01-01,3",
      "NT-90005,南砺市福光3,スタンダード,4400,,1970-01-01,1",
    ].join("\n");
    const { errors } = parseHouseholdsCsv(text);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(errors[0]?.message).toContain("生年月日");
    expect(errors[1]?.message).toContain("月額料金");
    expect(errors[1]?.message).toContain("性別");
    expect(errors[2]?.message).toContain("氏名");
  });

  it("refuses rows of one contract that disagree on the address", async () => {
    const text = [
      header,
      "NT-90006,南砺市A1,ベーシック,2750,甲 一,1970-01-01,1",
      "NT-90006,南砺市B2,ベーシック,2750,甲 二,1971-01-01,2",
    ].join("\n");
    expect(parseHouseholdsCsv(text).errors[0]).toMatchObject({ line: 3 });
  });

  it("refuses a household with more members than the form allows, naming the first line over", async () => {
    const rows = Array.from(
      { length: 21 },
      (_, i) => `NT-90009,南砺市福光9,スタンダード,4400,福光 ${i + 1}郎,1970-01-01,1`,
    );
    const { errors } = parseHouseholdsCsv([header, ...rows].join("\n"));
    expect(errors).toEqual([{ line: 22, message: "契約者ID NT-90009 の世帯員が20名を超えています" }]);
  });

  it("accepts the Japanese header names", async () => {
    const text = [
      "契約者ID,住所,プラン,月額料金,氏名,生年月日,性別",
      "NT-90007,南砺市城端1,ベーシック,2750,城端 一,1970-01-01,1",
    ].join("\n");
    expect(parseHouseholdsCsv(text).households).toHaveLength(1);
  });

  it("names the missing columns of a wrong header", async () => {
    expect(() => parseHouseholdsCsv("contract_id,address\nx,y")).toThrow(/プラン（plan）/);
  });

  it("accepts the dates, fees and genders Excel and people write", async () => {
    const text = [
      "契約者ID,住所,プラン,月額料金,利用開始日,氏名,生年月日,性別",
      'NT-90010,南砺市平1,ベーシック,"2,750",2024/4/1,平 一,1980/5/6,男性',
      "NT-90011,南砺市平2,ベーシック,¥2750,2024年4月1日,平 二,１９８０年５月６日,2",
      "NT-90012,南砺市平3,ベーシック,2750円,2024/4/1 0:00,平 三,1980.5.6,女",
    ].join("\n");
    const { households, errors } = parseHouseholdsCsv(text);
    expect(errors).toEqual([]);
    expect(
      households.map((x) => [
        x.monthlyFeeYen,
        x.serviceStartDate,
        x.members[0]?.birthDate,
        x.members[0]?.gender,
      ]),
    ).toEqual([
      [2_750, "2024-04-01", "1980-05-06", "1"],
      [2_750, "2024-04-01", "1980-05-06", "2"],
      [2_750, "2024-04-01", "1980-05-06", "2"],
    ]);
  });

  it("refuses a date that does not exist, with the row number", async () => {
    const { errors } = parseHouseholdsCsv(
      [header, "NT-90013,南砺市平4,ベーシック,2750,平 四,2001/2/29,1"].join("\n"),
    );
    expect(errors).toEqual([{ line: 2, message: "生年月日は YYYY-MM-DD で入力してください" }]);
  });

  it("counts rows as Excel does when a quoted cell holds a line break", async () => {
    const text = [
      header,
      '"NT-90014","南砺市平5\n2階",ベーシック,2750,平 五,1970-01-01,1',
      "NT-90015,南砺市平6,ベーシック,2750,,1970-01-01,1",
    ].join("\n");
    expect(parseHouseholdsCsv(text).errors.map((e) => e.line)).toEqual([3]);
  });
});

describe("normaliseCsvDate", () => {
  it("writes Excel's 1980/5/6 as 1980-05-06", () => {
    expect(normaliseCsvDate("1980/5/6")).toBe("1980-05-06");
  });
  it("leaves what is not a date for the schema to refuse", () => {
    expect(normaliseCsvDate("昭和55年5月6日")).toBe("昭和55年5月6日");
    expect(normaliseCsvDate("2026/2/30")).toBe("2026/2/30");
  });
});

describe("decodeCsv", () => {
  it("reads Shift_JIS when the bytes are not UTF-8", async () => {
    expect(decodeCsv(iconv.encode(good, "cp932"), "auto")).toBe(good);
  });
  it("strips nothing from UTF-8 and keeps the BOM for the parser to drop", async () => {
    const text = decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good)]), "auto");
    expect(parseHouseholdsCsv(text).households).toHaveLength(2);
  });
  it("refuses Shift_JIS bytes declared as UTF-8", async () => {
    expect(() => decodeCsv(iconv.encode(good, "cp932"), "utf-8")).toThrow(/UTF-8/);
  });
});

describe("exportHouseholdsCsv", () => {
  it("writes Japanese headers, each household's 利用開始日 and each member's 世帯員ID", async () => {
    const text = decodeCsv(await exportHouseholdsCsv(h.deps, h.actor("op-a"), "utf-8"), "utf-8");
    const [first, second] = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(first).toBe("契約者ID,住所,プラン,月額料金,利用開始日,世帯員ID,氏名,生年月日,性別");
    const yamada = await h.repos.households.getByContractId("op-a", "NT-00001");
    expect(second).toBe(
      `NT-00001,${yamada?.address},${yamada?.plan},${yamada?.monthlyFeeYen},${yamada?.serviceStartDate},NT-00001-01,山田 太郎,1958-04-12,1`,
    );
  });

  it("round-trips through Shift_JIS with one row per member", async () => {
    const bytes = await exportHouseholdsCsv(h.deps, h.actor("op-a"), "shift_jis");
    const { households, errors } = parseHouseholdsCsv(decodeCsv(bytes, "shift_jis"));
    expect(errors).toEqual([]);
    expect(households).toHaveLength(await h.repos.households.count("op-a"));
  });
});
