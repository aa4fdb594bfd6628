import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, loggedIn } from "../test-support/harness.ts";
import { decodeCsv, exportHouseholdsCsv } from "./households-csv.ts";
import { importHouseholdsCsv, previewHouseholdsImport } from "./import-households-csv.ts";
import { closeHousehold } from "./manage-households.ts";

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

/** Previews the file, then imports it with the preview's digest, as staff confirm it. */
async function importConfirmed(operator: "op-a" | "op-b", bytes: Uint8Array) {
  const plan = await previewHouseholdsImport(h.deps, h.actor(operator), bytes, "auto");
  return importHouseholdsCsv(h.deps, h.actor(operator), bytes, "auto", plan.digest);
}

const exported = async () =>
  decodeCsv(await exportHouseholdsCsv(h.deps, h.actor("op-a"), "utf-8"), "utf-8").replace(/^\uFEFF/, "");

describe("importing households from CSV", () => {
  it("imports a Shift_JIS file completely once its preview is confirmed", async () => {
    const before = await h.repos.households.count("op-a");
    const bytes = iconv.encode(good, "cp932");
    const plan = await previewHouseholdsImport(h.deps, h.actor("op-a"), bytes, "auto");
    expect(plan.created.map((c) => [c.line, c.input.contractId])).toEqual([
      [2, "NT-90001"],
      [4, "NT-90002"],
    ]);
    expect(await h.repos.households.count("op-a")).toBe(before);
    const outcome = await importHouseholdsCsv(h.deps, h.actor("op-a"), bytes, "auto", plan.digest);
    expect(outcome).toMatchObject({ status: "imported", created: 2, updated: 0, membersAdded: 3 });
    expect(
      (await h.repos.households.getByContractId("op-a", "NT-90001"))?.members.map((m) => m.name),
    ).toEqual(["福野 一郎", "福野 花子"]);
  });

  it("imports nothing when any row is wrong, and names the row", async () => {
    const before = await h.repos.households.count("op-a");
    const text = [
      header,
      "NT-91001,南砺市福光1,スタンダード,4400,正しい 行,1970-01-01,1",
      "NT-91002,南砺市福光2,スタンダード,4400,誤り 行,1970-02-30,1",
    ].join("\n");
    const plan = await previewHouseholdsImport(h.deps, h.actor("op-a"), Buffer.from(text), "utf-8");
    expect(plan.errors.map((e) => e.line)).toEqual([3]);
    const outcome = await importHouseholdsCsv(
      h.deps,
      h.actor("op-a"),
      Buffer.from(text),
      "utf-8",
      plan.digest,
    );
    expect(outcome.status).toBe("not_as_previewed");
    expect(await h.repos.households.count("op-a")).toBe(before);
    expect(await h.repos.households.getByContractId("op-a", "NT-91001")).toBeUndefined();
  });

  it("finds nothing to change when its own export is imported again", async () => {
    const plan = await previewHouseholdsImport(
      h.deps,
      h.actor("op-a"),
      Buffer.from(await exported()),
      "utf-8",
    );
    expect(plan).toMatchObject({ created: [], updated: [], errors: [] });
    expect(plan.unchanged).toBe(await h.repos.households.count("op-a"));
  });

  it("updates existing households from an edited export, keeping member IDs and adding new members", async () => {
    const edited = (await exported())
      .split("\r\n")
      .map((line) =>
        line.startsWith("NT-90002,") ? line.replace(",ベーシック,2750,", ",プレミアム,6600,") : line,
      );
    edited.push("NT-90002,南砺市井波10-2,プレミアム,6600,,,井波 三子,2010/4/5,2");
    const bytes = Buffer.from(edited.join("\r\n"));
    const plan = await previewHouseholdsImport(h.deps, h.actor("op-a"), bytes, "utf-8");
    expect(plan.created).toEqual([]);
    expect(plan.updated).toEqual([
      expect.objectContaining({ contractId: "NT-90002", fields: ["plan", "monthlyFeeYen"], membersAdded: 1 }),
    ]);
    const outcome = await importHouseholdsCsv(h.deps, h.actor("op-a"), bytes, "utf-8", plan.digest);
    expect(outcome).toMatchObject({ status: "imported", created: 0, updated: 1, membersAdded: 1 });
    const after = await h.repos.households.getByContractId("op-a", "NT-90002");
    expect(after).toMatchObject({ plan: "プレミアム", monthlyFeeYen: 6_600 });
    expect(after?.members.map((m) => [m.memberId, m.name, m.birthDate])).toEqual([
      ["NT-90002-01", "井波 次郎", "1980-05-06"],
      ["NT-90002-02", "井波 三子", "2010-04-05"],
    ]);
    const [entry] = await h.repos.audit.list("op-a", { action: "household.import", limit: 1 });
    expect(entry?.detail).toContain("新規0世帯・更新1世帯");
  });

  it("names a member without a 世帯員ID by name and birth date, changing the gender on record", async () => {
    const text = [
      header,
      "NT-90001,富山県南砺市福野5丁目1番1号,スタンダード,4400,福野　一郎,1970/1/2,9",
    ].join("\n");
    const plan = await previewHouseholdsImport(h.deps, h.actor("op-a"), Buffer.from(text), "utf-8");
    expect(plan.updated).toEqual([
      expect.objectContaining({
        contractId: "NT-90001",
        fields: [],
        membersChanged: ["NT-90001-01"],
        membersAdded: 0,
      }),
    ]);
  });

  it("refuses a 世帯員ID of another household, naming its row", async () => {
    const text = [
      "契約者ID,住所,プラン,月額料金,世帯員ID,氏名,生年月日,性別",
      "NT-90002,南砺市井波10-2,プレミアム,6600,NT-90001-01,井波 次郎,1980-05-06,1",
    ].join("\n");
    const plan = await previewHouseholdsImport(h.deps, h.actor("op-a"), Buffer.from(text), "utf-8");
    expect(plan.errors).toEqual([
      { line: 2, message: "世帯員ID NT-90001-01 は契約者ID NT-90002 の世帯員ではありません" },
    ]);
  });

  it("refuses to change a closed household, naming its row, and passes it unchanged", async () => {
    const closing = await h.repos.households.getByContractId("op-a", "NT-90001");
    await closeHousehold(h.deps, h.actor("op-a"), closing?.id ?? -1);
    const rows = (await exported()).split("\r\n").filter((l) => l.startsWith("NT-90001,"));
    const unchanged = await previewHouseholdsImport(
      h.deps,
      h.actor("op-a"),
      Buffer.from(
        [header.replace("member_name", "service_start_date,member_id,member_name"), ...rows].join("\n"),
      ),
      "utf-8",
    );
    expect(unchanged).toMatchObject({ unchanged: 1, errors: [] });
    const changed = [
      header,
      "NT-90001,富山県南砺市福野5丁目1番1号,プレミアム,6600,福野 一郎,1970-01-02,1",
    ].join("\n");
    const plan = await previewHouseholdsImport(h.deps, h.actor("op-a"), Buffer.from(changed), "utf-8");
    expect(plan.errors).toEqual([{ line: 2, message: "契約者ID NT-90001 は解約済みのため変更できません" }]);
  });

  it("imports nothing when the register changed after the preview", async () => {
    const text = [header, "NT-90002,南砺市井波10-2,スタンダード,4400,井波 次郎,1980-05-06,1"].join("\n");
    const plan = await previewHouseholdsImport(h.deps, h.actor("op-a"), Buffer.from(text), "utf-8");
    const household = await h.repos.households.getByContractId("op-a", "NT-90002");
    await h.repos.households.update("op-a", household?.id ?? -1, { ...household!, plan: "ベーシック" });
    const outcome = await importHouseholdsCsv(
      h.deps,
      h.actor("op-a"),
      Buffer.from(text),
      "utf-8",
      plan.digest,
    );
    expect(outcome.status).toBe("not_as_previewed");
    expect((await h.repos.households.getByContractId("op-a", "NT-90002"))?.plan).toBe("ベーシック");
  });

  it("treats the same contract ID of another operator as new", async () => {
    const outcome = await importConfirmed("op-b", Buffer.from(good));
    expect(outcome).toMatchObject({ status: "imported", created: 2 });
  });
});

describe("CSV import pages", () => {
  const upload = (text: string) => {
    const form = new FormData();
    form.append("file", new File([Buffer.from(text)], "households.csv"));
    form.append("encoding", "auto");
    return form;
  };

  it("shows each error with its CSV row number and imports nothing", async () => {
    const staff = await loggedIn(h, "a-staff");
    await staff.get("/households/import");
    const text = [
      header,
      "NT-92000,南砺市福光1,スタンダード,4400,福光 一,1970-01-01,1",
      "NT-92001,南砺市福光1,スタンダード,4400,,1970-01-01,1",
    ];
    const res = await staff.postMultipart("/households/import", upload(text.join("\n")));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("1件も取り込んでいません");
    expect(page).toMatch(/<td class="num">3<\/td><td>氏名を入力してください<\/td>/);
    expect(await h.repos.households.getByContractId("op-a", "NT-92000")).toBeUndefined();
  });

  it("previews a re-import of the exported file as updates and applies them once staff confirm", async () => {
    const staff = await loggedIn(h, "a-staff");
    const csv = decodeCsv(
      new Uint8Array(await (await staff.get("/households/export.csv")).arrayBuffer()),
      "auto",
    );
    const edited = csv.replace(/^(NT-00003,[^,]*,)ベーシック,2750,/m, "$1スタンダード,4400,");
    await staff.get("/households/import");
    const preview = await staff.postMultipart("/households/import", upload(edited));
    expect(preview.status).toBe(200);
    const page = await preview.text();
    expect(page).toContain("更新する世帯");
    expect(page).toMatch(/NT-00003<\/a><\/td><td>プラン・月額料金<\/td>/);
    expect(page).toContain("取り込む（新規0世帯・更新1世帯）");
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? "";
    const res = await staff.post("/households/import/apply", {
      payload: field("payload"),
      encoding: field("encoding"),
      digest: field("digest"),
    });
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.headers.get("location") ?? "")).toContain("新規0世帯・更新1世帯");
    expect(await h.repos.households.getByContractId("op-a", "NT-00003")).toMatchObject({
      plan: "スタンダード",
      monthlyFeeYen: 4_400,
    });
  });
});
