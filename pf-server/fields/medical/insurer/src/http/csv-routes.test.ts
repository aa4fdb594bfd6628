import { formatAccountId } from "@catv/contracts";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Harness,
  KENPO,
  KOKUHO,
  personId,
  residents,
  staffBrowser,
  startHarness,
} from "../test-support/harness.ts";

let h: Harness;
let staff: Awaited<ReturnType<typeof staffBrowser>>;
beforeAll(async () => {
  h = await startHarness();
  staff = await staffBrowser(h, "kenpo-staff");
});
afterAll(() => h.close());

const BOM = [0xef, 0xbb, 0xbf];
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const rowsOf = (text: string) => parse(text, { bom: true }) as string[][];

async function preview(csv: string | Uint8Array) {
  const res = await staff.upload(
    "/csv/imports",
    typeof csv === "string" ? new TextEncoder().encode(csv) : csv,
  );
  expect(res.status).toBe(303);
  const location = res.headers.get("location")!;
  const importId = location.split("/").at(-1)!;
  return { importId, page: await (await staff.get(location)).text() };
}

const rowHtml = (page: string, line: number) =>
  new RegExp(`<tr[^>]*data-line="${line}"[^>]*>([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? "";

describe("CSV export", () => {
  it("exports the intake as Excel reads it: UTF-8 with a BOM, CRLF, Japanese headers, spreadsheet dates", async () => {
    const accountId = await h.register(KENPO, residents.yamadaTaro);
    const res = await staff.get("/csv/intake.csv");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=UTF-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="uketsuke-ins-shonai-kenpo-\d{8}\.csv"$/,
    );
    const bytes = await bytesOf(res);
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("\r\n");
    const [header, ...rows] = rowsOf(text);
    expect(header).toEqual([
      "共通的PFID",
      "氏名",
      "生年月日",
      "性別",
      "住所",
      "登録日時",
      "状態",
      "保険者番号",
      "記号",
      "番号",
      "枝番",
    ]);
    expect(rows.find((r) => r[0] === accountId)).toEqual([
      accountId,
      "山田 太郎",
      "1958/04/12",
      "男",
      "富山県南砺市福光1234番地",
      expect.any(String),
      "紐づけ待ち",
      "06069991",
      "",
      "",
      "",
    ]);
  });

  it("exports in Shift_JIS when asked", async () => {
    const res = await staff.get("/csv/intake.csv?encoding=shift_jis");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=Shift_JIS");
    const text = iconv.decode(Buffer.from(await bytesOf(res)), "cp932");
    expect(text.startsWith("共通的PFID,氏名")).toBe(true);
  });

  it("audits who took which file", async () => {
    await staff.get("/csv/links.csv");
    const audit = await h.store.audit.list(KENPO, { offset: 0, limit: 10 });
    expect(audit.items.some((e) => e.action === "csv.export_links" && e.actor === "kenpo-staff")).toBe(true);
  });
});

describe("CSV import", () => {
  it("reads the filled-in intake export back: a preview with each row judged, then links what staff confirm", async () => {
    const sato = await h.register(KENPO, residents.satoHanako);
    const kobayashi = await h.register(KENPO, residents.kobayashiIchiro);
    const maruyama = await h.register(KENPO, residents.maruyamaChiyo);
    const rows = rowsOf(new TextDecoder().decode(await bytesOf(await staff.get("/csv/intake.csv"))));
    const [header] = rows;
    const fill: Record<string, [string, string, string]> = {
      [sato]: ["5101", "14", "00"],
      [kobayashi]: ["4101", "8", "00"],
      [maruyama]: ["9999", "1", "00"],
    };
    const body = rows
      .slice(1)
      .filter((r) => r[0]! in fill)
      .map((r) => [...r.slice(0, 8), ...fill[r[0]!]!].join(","));
    const { importId, page } = await preview([header!.join(","), ...body].join("\r\n"));
    const lineOf = (accountId: string) => body.findIndex((r) => r.startsWith(accountId)) + 2;
    expect(rowHtml(page, lineOf(sato))).toContain("紐づけ");
    expect(rowHtml(page, lineOf(kobayashi))).toContain("要確認");
    expect(rowHtml(page, lineOf(kobayashi))).toContain("氏名");
    expect(rowHtml(page, lineOf(maruyama))).toContain("この記号・番号・枝番の被保険者はいません");
    // Nothing is linked before staff confirm.
    expect(await h.store.links.live(KENPO, sato)).toEqual([]);
    const applied = await staff.post(`/csv/imports/${importId}/apply`, {
      confirm: String(lineOf(kobayashi)),
    });
    expect(applied.status).toBe(200);
    expect(await applied.text()).toContain("2件を紐づけました");
    expect((await h.store.links.live(KENPO, sato)).map((l) => l.personId)).toEqual([
      personId(KENPO, "5101", "14", "00"),
    ]);
    expect((await h.store.links.live(KENPO, kobayashi))[0]).toMatchObject({
      method: "csv",
      mismatchConfirmed: true,
    });
    await h.deliver();
    expect(h.pf.accounts.get(sato)?.linkStatus).toBe("linked");
  });

  it("leaves a row that needs confirmation unlinked when staff did not tick it", async () => {
    const accountId = await h.register(KENPO, residents.hattoriAoi);
    const { importId } = await preview(`共通的PFID,記号,番号,枝番\r\n${accountId},3101,45,00\r\n`);
    const res = await staff.post(`/csv/imports/${importId}/apply`);
    expect(await res.text()).toContain("相違の確認がないため紐づけませんでした");
    expect(await h.store.links.live(KENPO, accountId)).toEqual([]);
  });

  it("reads a Shift_JIS file from Excel: 1980/5/6 dates, an 枝番 whose zero was dropped, a 保険者番号 without its leading zero", async () => {
    const accountId = await h.register(KENPO, {
      ...residents.satoHanako,
      name: "佐藤 悠真",
      dateOfBirth: "2020-08-08",
      gender: "1",
    });
    const csv = `共通的PFID,保険者番号,記号,番号,枝番,氏名,生年月日\r\n${accountId},6069991,5101,14,1,佐藤 悠真,2020/8/8\r\n`;
    const { page } = await preview(new Uint8Array(iconv.encode(csv, "cp932")));
    expect(page).toContain("Shift_JIS");
    expect(rowHtml(page, 2)).toContain("紐づけ");
    expect(rowHtml(page, 2)).toContain("5101 14-01");
  });

  it("reports each faulty row with its line and why, and imports none of them", async () => {
    const accountId = await h.register(KENPO, residents.matsumotoSakura);
    const typo = accountId.slice(0, -1) + (accountId.endsWith("A") ? "B" : "A");
    const unknown = formatAccountId("ZZZZZZZZZZZZZZZ");
    const csv = [
      "共通的PFID,記号,番号,枝番,氏名,生年月日",
      `${typo},3101,45,00,,`,
      `${unknown},3101,45,00,,`,
      `${accountId},3101,45,00,松本 はなこ,`,
      `${accountId},3101,45,00,,1993年3月29日`,
      `${accountId},3101,45,x,,`,
      `${accountId},3101,45,00,,平成5年3月28日`,
      `${accountId},3101,45,00,,`,
    ].join("\r\n");
    const { page } = await preview(csv);
    expect(rowHtml(page, 2)).toContain("検査文字");
    expect(rowHtml(page, 3)).toContain("受付一覧にありません");
    expect(rowHtml(page, 4)).toContain("氏名が登録申請と一致しません");
    expect(rowHtml(page, 5)).toContain("生年月日が登録申請と一致しません");
    expect(rowHtml(page, 6)).toContain("枝番は2桁の数字");
    expect(rowHtml(page, 7)).toContain("紐づけ");
    expect(rowHtml(page, 8)).toContain("同じ共通的PFIDが7行目にもあります");
  });

  it("refuses a file without the columns it needs, saying which", async () => {
    const res = await staff.upload(
      "/csv/imports",
      new TextEncoder().encode("氏名,生年月日\r\n山田 太郎,1958/4/12\r\n"),
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("見出し行に必要な列がありません");
    expect(page).toContain("共通的PFID");
  });

  it("round-trips: the links export imported again changes nothing", async () => {
    const accountId = await h.register(KENPO, residents.yamadaTaro);
    await staff.post(`/intake/${accountId}/link`, { personId: personId(KENPO, "3101", "12", "00") });
    const exported = await bytesOf(await staff.get("/csv/links.csv"));
    const lines = rowsOf(new TextDecoder().decode(exported)).length - 1;
    expect(lines).toBeGreaterThan(0);
    const { importId, page } = await preview(exported);
    expect(page).toContain(`登録済 ${lines}`);
    expect(page).toContain("紐づけ 0");
    const linksBefore = (await h.store.links.allLive(KENPO)).length;
    await staff.post(`/csv/imports/${importId}/apply`);
    expect((await h.store.links.allLive(KENPO)).length).toBe(linksBefore);
  });

  it("applies an import once, and a discarded one never", async () => {
    const accountId = await h.register(KENPO, {
      name: "土門 英樹",
      address: "山形県酒田市高砂二丁目10番5号",
      dateOfBirth: "1961-11-30",
      gender: "1",
    });
    const { importId } = await preview(`共通的PFID,記号,番号,枝番\r\n${accountId},1201,103,00\r\n`);
    expect((await staff.post(`/csv/imports/${importId}/apply`)).status).toBe(200);
    expect((await staff.post(`/csv/imports/${importId}/apply`)).status).toBe(409);
    const again = await preview(`共通的PFID,記号,番号,枝番\r\n${accountId},1201,103,00\r\n`);
    expect((await staff.post(`/csv/imports/${again.importId}/discard`)).status).toBe(303);
    expect((await staff.post(`/csv/imports/${again.importId}/apply`)).status).toBe(409);
  });

  it("skips a row whose person was linked by someone else between the preview and the confirmation", async () => {
    const first = await h.register(KOKUHO, {
      name: "後藤 陸",
      address: "山形県酒田市北新町二丁目2番2号",
      dateOfBirth: "1999-03-03",
      gender: "1",
    });
    const second = await h.register(KOKUHO, {
      name: "後藤 陸",
      address: "山形県酒田市北新町二丁目2番2号",
      dateOfBirth: "1999-03-03",
      gender: "1",
    });
    const kokuho = await staffBrowser(h, "kokuho-staff");
    const upload = await kokuho.upload(
      "/csv/imports",
      new TextEncoder().encode(`共通的PFID,記号,番号,枝番\r\n${first},酒田,210788,01\r\n`),
    );
    const importId = upload.headers.get("location")!.split("/").at(-1)!;
    expect(
      (await kokuho.post(`/intake/${second}/link`, { personId: personId(KOKUHO, "酒田", "210788", "01") }))
        .status,
    ).toBe(303);
    const res = await kokuho.post(`/csv/imports/${importId}/apply`);
    expect(await res.text()).toContain("確認後に状態が変わりました");
    expect(await h.store.links.live(KOKUHO, first)).toEqual([]);
  });
});
