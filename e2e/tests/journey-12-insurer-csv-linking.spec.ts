/**
 * Journey 12 (issue 18, medical journey 2): bulk linking by CSV at the insurer (the 2015 demonstration's
 * "CSVファイル等で手動連携"), then a touch at the reception answered 有効.
 *
 * 佐藤 花子 (庄内ものづくり健康保険組合, 5101 14-00) registers at the reception terminal. The insurer's staff take the
 * intake as CSV (受付一覧), fill in her 記号・番号・枝番 as the 被保険者 system gives them, and import the file: the
 * preview marks her row 紐づけ, applying links her and tells the PF. Her next touch is answered 有効 without the
 * 限度額 information (she declines to share it).
 */
import { SHONAI_KENPO } from "../support/insurer-staff.ts";
import { expect, resident, test } from "../support/medical-journey.ts";

const hanako = resident("inabe-sato-hanako");
const RECORD = { symbol: "5101", number: "14", branch: "00" };

test("a registration linked by CSV import at the insurer is answered 有効 at the next touch", async ({
  terminal,
  receptionReader,
  desk,
  kenpoStaff,
  evidence,
}) => {
  let accountId = "";
  let csvRow = "";

  await evidence.step("佐藤 花子 registers at the reception terminal with her 健康保険組合", async () => {
    await receptionReader.insert(hanako.cardId);
    await terminal.waitForScreen("not_registered");
    await terminal.register(SHONAI_KENPO.name, hanako.signPassword);
    expect(await terminal.text()).toContain("への利用登録を受け付けました");
    await evidence.shot("reception-registered", terminal.page);
    await receptionReader.remove();
    await terminal.waitForScreen("idle");
  });

  await evidence.step(
    "the insurer's staff take the intake as CSV: her row has the 4情報 and empty 記号・番号・枝番",
    async () => {
      await kenpoStaff.logIn();
      accountId = await kenpoStaff.waitForRegistration("佐藤 花子");
      const lines = (await kenpoStaff.exportCsv("intake")).split(/\r?\n/);
      expect(lines[0]).toBe("共通的PFID,氏名,生年月日,性別,住所,登録日時,状態,保険者番号,記号,番号,枝番");
      csvRow = lines.find((line) => line.startsWith(`${accountId},`)) ?? "";
      expect(csvRow).toContain("佐藤 花子,1985/03/15,女");
      expect(csvRow).toMatch(/,紐づけ待ち,06069991,,,$/);
    },
    { "insurer-csv-page": kenpoStaff.page },
  );

  await evidence.step(
    "they fill in her 記号・番号・枝番 and import the file: the preview marks the row 紐づけ",
    async () => {
      const filled = csvRow.replace(/,,,$/, `,${RECORD.symbol},${RECORD.number},${RECORD.branch}`);
      const header = "共通的PFID,氏名,生年月日,性別,住所,登録日時,状態,保険者番号,記号,番号,枝番";
      await kenpoStaff.uploadCsv("受付一覧_記入済.csv", `${header}\r\n${filled}\r\n`);
      const row = kenpoStaff.page.locator("#import-rows tbody tr", { hasText: accountId });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText("紐づけ");
      await expect(row).toContainText(`${RECORD.symbol} ${RECORD.number}-${RECORD.branch}`);
      await expect(kenpoStaff.page.locator("#import-summary")).toContainText("エラー 0");
    },
    { "insurer-csv-preview": kenpoStaff.page },
  );

  await evidence.step(
    "applying links her; the linking screen says the PF was told",
    async () => {
      await kenpoStaff.page.locator("#apply-import").click();
      await expect(kenpoStaff.page.locator("main")).toContainText("1件を紐づけました");
      await expect(async () => {
        await kenpoStaff.open(`/intake/${accountId}`);
        await expect(kenpoStaff.page.locator("main")).toContainText("共通的PFに「紐づけ済」を通知済み", {
          timeout: 1_000,
        });
      }).toPass({ timeout: 45_000, intervals: [1_000, 2_000] });
      await expect(kenpoStaff.page.locator("main")).toContainText("CSV");
    },
    { "insurer-linked-by-csv": kenpoStaff.page },
  );

  await evidence.step(
    "her next touch: she declines to share the 限度額 information (touch 2 提供しない) and is checked in",
    async () => {
      await receptionReader.insert(hanako.cardId);
      await terminal.waitForScreen("consent");
      await terminal.tap("consent-no");
      await terminal.waitForScreen("done", { code: "valid" });
      expect(await terminal.text()).toContain("受付が完了しました");
    },
    { "reception-done": terminal.page },
  );

  await evidence.step(
    "the desk shows 有効, 3割, her 記号・番号・枝番, and no 限度額 information without her consent",
    async () => {
      await desk.waitForPanel("佐藤 花子");
      const panel = desk.terminalPanel();
      await expect(panel).toContainText("有効");
      await expect(panel.locator('[data-field="ratio"]')).toHaveText("3割");
      await expect(panel).toContainText("5101・14・00");
      await expect(panel.locator('[data-field="limit"]')).toHaveText("提供の同意なし");
      await receptionReader.remove();
      await terminal.waitForScreen("idle");
    },
    { "desk-valid": desk.page },
  );
});
