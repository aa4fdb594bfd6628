import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, loggedIn } from "../test-support/harness.ts";
import { decodeCsv, exportHouseholdsCsv, importHouseholdsCsv, parseHouseholdsCsv } from "./households-csv.ts";

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
    expect(() => parseHouseholdsCsv("contract_id,address\nx,y")).toThrow(/plan/);
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

describe("importHouseholdsCsv", () => {
  it("imports a Shift_JIS file completely", async () => {
    const before = await h.repos.households.count("op-a");
    const result = await importHouseholdsCsv(h.deps, h.actor("op-a"), iconv.encode(good, "cp932"), "auto");
    expect(result).toEqual({ imported: 2, members: 3, errors: [] });
    expect(await h.repos.households.count("op-a")).toBe(before + 2);
    expect(
      (await h.repos.households.getByContractId("op-a", "NT-90001"))?.members.map((m) => m.name),
    ).toEqual(["福野 一郎", "福野 花子"]);
  });

  it("imports nothing when any row is wrong (all or nothing)", async () => {
    const before = await h.repos.households.count("op-a");
    const text = [
      header,
      "NT-91001,南砺市福光1,スタンダード,4400,正しい 行,1970-01-01,1",
      "NT-91002,南砺市福光2,スタンダード,4400,誤り 行,1970-02-30,1",
    ].join("\n");
    const result = await importHouseholdsCsv(h.deps, h.actor("op-a"), Buffer.from(text), "utf-8");
    expect(result.imported).toBe(0);
    expect(result.errors).toHaveLength(1);
    expect(await h.repos.households.count("op-a")).toBe(before);
    expect(await h.repos.households.getByContractId("op-a", "NT-91001")).toBeUndefined();
  });

  it("refuses contract IDs that already exist", async () => {
    const result = await importHouseholdsCsv(h.deps, h.actor("op-a"), Buffer.from(good), "utf-8");
    expect(result.errors.map((e) => e.message).join()).toContain("NT-90001");
  });

  it("treats the same contract ID of another operator as free", async () => {
    const result = await importHouseholdsCsv(h.deps, h.actor("op-b"), Buffer.from(good), "utf-8");
    expect(result.imported).toBe(2);
  });
});

describe("exportHouseholdsCsv", () => {
  it("round-trips through Shift_JIS with one row per member", async () => {
    const bytes = await exportHouseholdsCsv(h.deps, h.actor("op-a"), "shift_jis");
    const { households, errors } = parseHouseholdsCsv(decodeCsv(bytes, "shift_jis"));
    expect(errors).toEqual([]);
    expect(households).toHaveLength(await h.repos.households.count("op-a"));
  });
});

describe("CSV import page", () => {
  it("shows per-row errors and imports nothing", async () => {
    const admin = await loggedIn(h, "a-staff");
    await admin.get("/households/import");
    const form = new FormData();
    form.append(
      "file",
      new File(
        [iconv.encode([header, "NT-92001,南砺市福光1,スタンダード,4400,,1970-01-01,1"].join("\n"), "cp932")],
        "x.csv",
      ),
    );
    form.append("encoding", "auto");
    const res = await admin.postMultipart("/households/import", form);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain("1件も取り込んでいません");
    expect(text).toContain("氏名を入力してください");
  });
});
