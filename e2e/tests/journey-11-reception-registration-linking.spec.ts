/**
 * Journey 11 (issue 18, medical journey 1): 利用登録 at the hospital's reception terminal, linking by the insurer's
 * staff on the linking screen, and the next touch answered 有効 (参考１－１ to １－３).
 *
 * 宮沢 由美子 is a member of 庄内ものづくり健康保険組合 (4101 19-00, 本人, 3割). Her card is registered nowhere: the
 * terminal offers 利用登録, she chooses her insurer and types her 署名用パスワード on the screen's keyboard. The
 * insurer's staff find the registration in their intake, search the 被保険者DB with its 4情報, pick her and link
 * the 共通的PFID. At her next touch — no PIN — the reception learns she is insured at 3割, and the hospital's
 * patient record (顧客管理) is filled from the insurer's answer by itself.
 */
import { Evidence } from "../support/evidence.ts";
import { SHONAI_KENPO } from "../support/insurer-staff.ts";
import { expect, resident, test } from "../support/medical-journey.ts";

const yumiko = resident("suzaka-miyazawa-yumiko");
const INSURED_NUMBER = "4101 19-00";

test("a patient registers at the reception, the insurer links her, and her next touch shows 有効 with 3割", async ({
  terminal,
  receptionReader,
  desk,
  kenpoStaff,
}, testInfo) => {
  // The README's pictures of the reception and the linking screen (E2E_DOCS_SCREENSHOTS=1), at full size.
  const evidence = new Evidence(testInfo, { docsFolder: "medical-journey", docsScale: 1 });
  let accountId = "";
  let patientNumber = "";

  await evidence.step(
    "the reception terminal asks for a card; the desk screen is open",
    async () => {
      await expect(terminal.page.locator("h1")).toContainText("カードリーダーに置いてください");
    },
    { "reception-idle": terminal.page },
  );

  await evidence.step(
    "she puts her card on the reader: registered nowhere, the terminal offers 利用登録",
    async () => {
      await receptionReader.insert(yumiko.cardId);
      await terminal.waitForScreen("not_registered");
      expect(await terminal.text()).toContain("まだ保険証として利用登録されていません");
    },
    { "reception-not-registered": terminal.page },
  );

  await evidence.step(
    "she chooses her insurer and agrees",
    async () => {
      await terminal.tap("register");
      await terminal.waitForScreen("register_insurer");
      await terminal.page.locator('[data-action="choose-insurer"]', { hasText: SHONAI_KENPO.name }).tap();
      await terminal.waitForScreen("register_consent");
      expect(await terminal.text()).toContain("個人番号（マイナンバー）は読み取りません");
    },
    { "reception-register-consent": terminal.page },
  );

  await evidence.step(
    "she types the 署名用パスワード on the screen's keyboard (the screen shows only ●)",
    async () => {
      await terminal.tap("accept-registration");
      await terminal.waitForScreen("register_password");
      for (const character of yumiko.signPassword) await terminal.tap("key", `[data-value="${character}"]`);
      await expect(terminal.page.locator('[data-entry="password"]')).toHaveAttribute(
        "data-length",
        String(yumiko.signPassword.length),
      );
      expect(await terminal.text()).not.toContain(yumiko.signPassword);
    },
    { "reception-password": terminal.page },
  );

  await evidence.step(
    "she confirms: the registration is received, pending the insurer; the desk lists it",
    async () => {
      await terminal.tap("password-submit");
      await terminal.waitForScreen("registered", { timeout: 90_000 });
      const words = await terminal.text();
      expect(words).toContain(`${SHONAI_KENPO.name}（デモ） への利用登録を受け付けました`);
      expect(words).toContain("資格確認書");
      await desk.page.reload();
      await expect(desk.page.locator("main")).toContainText("新規登録・保険者の紐づけ待ち");
      await evidence.shot("reception-registered", terminal.page);
      await receptionReader.remove();
      await terminal.waitForScreen("idle");
    },
    { "desk-registration": desk.page },
  );

  await evidence.step(
    "the insurer's staff find her registration in the intake, with the 4情報 from her certificate",
    async () => {
      await kenpoStaff.logIn();
      accountId = await kenpoStaff.waitForRegistration("宮沢 由美子");
      expect(accountId).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const row = kenpoStaff.page.locator(`tbody tr[data-account-id="${accountId}"]`);
      await expect(row).toContainText("1972年12月24日");
      await expect(row).toContainText("医療機関");
    },
    { "insurer-intake": kenpoStaff.page },
  );

  await evidence.step(
    "the linking screen searches the 被保険者DB with her 4情報: one candidate, every field agrees",
    async () => {
      await kenpoStaff.openLinking(accountId);
      const candidate = kenpoStaff.candidate(INSURED_NUMBER);
      await expect(candidate).toHaveCount(1);
      await expect(candidate).toContainText("宮沢 由美子");
      await expect(candidate).toContainText("有効");
    },
    { "insurer-linking-search": kenpoStaff.page },
  );

  await evidence.step(
    "staff pick her, see the comparison agree, and link the 共通的PFID to 4101 19-00",
    async () => {
      await kenpoStaff.candidate(INSURED_NUMBER).getByRole("link", { name: "この方を選ぶ" }).click();
      await expect(kenpoStaff.page.locator("main")).toContainText("申請情報と被保険者情報は一致しています");
    },
    { "insurer-linking-confirm": kenpoStaff.page },
  );

  await evidence.step(
    "the link is made and the PF is told",
    async () => {
      await kenpoStaff.page.locator('#link-form button[type="submit"]').click();
      await expect(kenpoStaff.page).toHaveURL(/done=linked/);
      await expect(async () => {
        await kenpoStaff.page.reload();
        await expect(kenpoStaff.page.locator("main")).toContainText("共通的PFに「紐づけ済」を通知済み", {
          timeout: 1_000,
        });
      }).toPass({ timeout: 45_000, intervals: [1_000, 2_000] });
    },
    { "insurer-linked": kenpoStaff.page },
  );

  await evidence.step(
    "her next touch — no PIN: a new 診察券番号, and the 限度額 question, answered with key 1",
    async () => {
      await receptionReader.insert(yumiko.cardId);
      await terminal.waitForScreen("consent");
      patientNumber =
        (await terminal.page.locator("[data-patient-number]").getAttribute("data-patient-number")) ?? "";
      expect(patientNumber).toMatch(/^[0-9]{7}-[0-9]$/);
    },
    { "reception-consent": terminal.page },
  );

  await evidence.step(
    "the reception says she is checked in",
    async () => {
      await terminal.press("1");
      await terminal.waitForScreen("done", { code: "valid" });
      expect(await terminal.text()).toContain("受付が完了しました");
    },
    { "reception-done": terminal.page },
  );

  await evidence.step(
    "the desk screen, live, shows 有効, 3割, the 限度額区分 and her 記号・番号・枝番",
    async () => {
      await desk.waitForPanel(patientNumber);
      const panel = desk.terminalPanel();
      await expect(panel).toContainText("有効");
      await expect(panel.locator('[data-field="ratio"]')).toHaveText("3割");
      await expect(panel).toContainText("4101・19・00");
      await expect(panel).toContainText("区分エ");
      await expect(panel).toContainText("宮沢 由美子");
    },
    { "desk-valid": desk.page },
  );

  await evidence.step(
    "顧客管理: her record was filled from the insurer's answer, with the 診察券番号 linked to her card",
    async () => {
      await desk.openRecord(patientNumber);
      const main = desk.page.locator("main");
      await expect(main.locator('[data-field="name"]')).toHaveText("宮沢 由美子");
      await expect(main).toContainText("ミヤザワ ユミコ");
      await expect(main).toContainText("1972年12月24日");
      await expect(main).toContainText("マイナンバーカードと連携済み");
      await expect(main).toContainText("3割");
      await expect(main).toContainText("暗証番号なし");
      await receptionReader.remove();
      await terminal.waitForScreen("idle");
    },
    { "records-patient": desk.page },
  );
});
