/**
 * Journey 13 (issue 18, medical journey 3): a member who has lost her coverage is told so at the reception, and the
 * desk sees 無効 with the date and the reason (喪失事由).
 *
 * 服部 あおい was insured by 酒田市国民健康保険 (酒田 210623-01) until she moved to いなべ市 (資格喪失 2026-04-01,
 * 喪失事由 99 その他); the register still holds her 酒田 address. She registers at the reception with that insurer; its
 * staff see the address differ, confirm she is the same person and link her. Her touch is answered 2 無効.
 */
import { SAKATA_KOKUHO } from "../support/insurer-staff.ts";
import { expect, resident, test } from "../support/medical-journey.ts";

const aoi = resident("inabe-hattori-aoi");
const INSURED_NUMBER = "酒田 210623-01";

test("a member whose coverage was lost is shown 無効 with the date and reason of the loss", async ({
  terminal,
  receptionReader,
  desk,
  kokuhoStaff,
  evidence,
}) => {
  let accountId = "";

  await evidence.step("服部 あおい registers at the reception terminal with 酒田市国民健康保険", async () => {
    await receptionReader.insert(aoi.cardId);
    await terminal.waitForScreen("not_registered");
    await terminal.register(SAKATA_KOKUHO.name, aoi.signPassword);
    await evidence.shot("reception-registered", terminal.page);
    await receptionReader.remove();
    await terminal.waitForScreen("idle");
  });

  await evidence.step(
    "the 国保's staff find her record: 資格なし, and the address differs from her certificate's",
    async () => {
      await kokuhoStaff.logIn();
      accountId = await kokuhoStaff.waitForRegistration("服部 あおい");
      await kokuhoStaff.openLinking(accountId);
      const candidate = kokuhoStaff.candidate(INSURED_NUMBER);
      await expect(candidate).toContainText("資格なし");
      await expect(candidate).toContainText("山形県酒田市東泉町三丁目9番1号");
    },
    { "insurer-linking-search": kokuhoStaff.page },
  );

  await evidence.step(
    "they confirm the difference (she moved out) and link her without changing the record",
    async () => {
      await kokuhoStaff.candidate(INSURED_NUMBER).getByRole("link", { name: "この方を選ぶ" }).click();
      await expect(kokuhoStaff.page.locator('#comparison tr[data-field="address"]')).toHaveClass(/differ/);
      await kokuhoStaff.page.locator("#confirm-mismatch").check();
      await kokuhoStaff.page.locator('#link-form button[type="submit"]').click();
      await expect(kokuhoStaff.page).toHaveURL(/done=linked/);
      await expect(async () => {
        await kokuhoStaff.page.reload();
        await expect(kokuhoStaff.page.locator("main")).toContainText("共通的PFに「紐づけ済」を通知済み", {
          timeout: 1_000,
        });
      }).toPass({ timeout: 45_000, intervals: [1_000, 2_000] });
    },
    { "insurer-linked": kokuhoStaff.page },
  );

  await evidence.step(
    "her touch: the terminal says her insurance could not be confirmed and to see staff",
    async () => {
      await receptionReader.insert(aoi.cardId);
      await terminal.waitForScreen("consent");
      await terminal.press("2");
      await terminal.waitForScreen("done", { code: "invalid" });
      const words = await terminal.text();
      expect(words).toContain("保険の資格を確認できませんでした");
      expect(words).toContain("受付職員にお声がけください");
    },
    { "reception-invalid": terminal.page },
  );

  await evidence.step(
    "the desk shows 無効 (資格喪失) with the 喪失日 and 喪失事由, and what to ask her",
    async () => {
      await desk.waitForPanel("無効");
      const panel = desk.terminalPanel();
      await expect(panel).toContainText("資格喪失");
      await expect(panel.locator('[data-field="disqualification"]')).toHaveText("2026年4月1日（その他）");
      await expect(panel).toContainText("新しい保険の資格確認書・保険証の有無を確認してください");
      await expect(panel).toContainText("酒田・210623・01");
      await receptionReader.remove();
      await terminal.waitForScreen("idle");
    },
    { "desk-invalid": desk.page },
  );
});
