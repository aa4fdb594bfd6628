/**
 * Journey 2 (issue 9): an unmatched registration waits in the linking queue; staff link it by hand; the household
 * shows the member.
 *
 * 山田 和子 lives in 山田 太郎's household, but the operator's register holds her birth date as 1960-09-02 while
 * her card (issued here by the J-LIS simulator's admin API, as a town hall would) says 1960-09-20: the 4情報 do
 * not all agree, so the console must not link her automatically (参考１－２: staff compare and correct), and a link
 * by hand shows staff the difference and waits for their confirmation before it is made (issue 15, item 8).
 */
import { jlisAdmin } from "../support/admin-apis.ts";
import { expect, test } from "../support/journey.ts";
import { registerOnTv } from "../support/tv-flows.ts";

const kazuko = {
  name: "山田 和子",
  address: "富山県南砺市福光1234番地",
  birthDate: "1960-09-20",
  gender: "2" as const,
  town: "南砺市",
  authPin: "0920",
  signPassword: "KAZUKO0920",
};

test("an unmatched registration waits for staff, who link it by hand to the household member", async ({
  tv,
  reader,
  staff,
  evidence,
}) => {
  let cardId = "";
  let cableId = "";
  await evidence.step(
    "the town hall issues 山田 和子 a card (J-LIS admin API); it shows at the card reader",
    async () => {
      cardId = (await jlisAdmin.issueCard(kazuko)).cardId;
      await reader.open();
      await expect(reader.page.locator(`#card-select option[value="${cardId}"]`)).toHaveCount(1);
    },
    { "card-reader": reader.page },
  );

  await evidence.step(
    "she registers on the TV; the household link is still pending",
    async () => {
      const result = await registerOnTv(tv, reader, cardId, kazuko.signPassword);
      cableId = result.cableId;
      expect(result.texts).toContain("登録が完了しました");
      // Unmatched, the link is not made: the result screen says it is being checked, never 連携済み (it turns to
      // 手続き中 when its polling ends, stb-app's registration tests); the console's queue below shows it pending.
      expect(result.texts).toContain("ご契約の世帯との連携を確認しています");
      expect(await tv.screenText()).not.toContain("連携済み");
    },
    { "tv-registered-pending": tv.page },
  );

  await evidence.step(
    "the cable ID waits in the console's linking queue",
    async () => {
      await staff.logIn("staff");
      await staff.waitForText("/linking", cableId);
      await expect(staff.page.locator("tr", { hasText: cableId })).toContainText("1960-09-20");
    },
    { "console-linking-queue": staff.page },
  );

  await evidence.step(
    "staff search the register: 山田 和子 matches by name and address, not by birth date",
    async () => {
      await staff.page
        .locator("tr", { hasText: cableId })
        .getByRole("link", { name: "世帯を検索して紐づけ" })
        .click();
      const candidate = staff.page.locator("tbody tr", { hasText: "山田 和子" });
      await expect(candidate).toHaveCount(1);
      await expect(candidate).toContainText("不一致");
    },
    { "console-linking-screen": staff.page },
  );

  await evidence.step(
    "staff pick her: the console links nothing yet and shows the birth date that differs, side by side",
    async () => {
      const candidate = staff.page.locator("tbody tr", { hasText: "山田 和子" });
      await expect(candidate.getByRole("button", { name: "この世帯員に紐づける" })).toHaveCount(0);
      await candidate.getByRole("button", { name: "相違を確認して紐づける" }).click();
      const main = staff.page.locator("main");
      await expect(main).toContainText("4情報と世帯員の記録が一致しません（生年月日）");
      const birthRow = main.locator("tr.diff", { hasText: "生年月日" });
      await expect(birthRow).toContainText("1960-09-20");
      await expect(birthRow).toContainText("1960-09-02");
      await expect(main.locator("tr.diff")).toHaveCount(1);
    },
    { "console-link-confirmation": staff.page },
  );

  await evidence.step(
    "staff confirm they checked her identity, link her and correct the register's birth date from the 4情報",
    async () => {
      await staff.page.locator("input[name=correctMember]").check();
      await staff.page.locator("input[name=checkedIdentity]").check();
      await staff.page.getByRole("button", { name: "相違を承知で紐づける" }).click();
      await expect(staff.page).toHaveURL(/\/linking\?ok=/);
      await expect(staff.page.locator("main")).toContainText(`${cableId} を`);
    },
    { "console-linked": staff.page },
  );

  await evidence.step(
    "the administrator finds the link in the audit log as a mismatch link, with the field and no personal data",
    async () => {
      await staff.logIn("admin");
      await staff.open("/audit?action=cable_id.link");
      const entry = staff.page.locator("main tbody tr", { hasText: cableId }).first();
      await expect(entry).toContainText("cable_id.link_mismatch");
      await expect(entry).toContainText("不一致: 生年月日");
      await expect(entry).not.toContainText("1960");
    },
    { "console-audit-mismatch-link": staff.page },
  );

  await evidence.step(
    "the household shows 山田 和子 as a member with her cable ID",
    async () => {
      await staff.openHouseholdOf("山田", "山田 太郎");
      const main = staff.page.locator("main");
      await expect(main).toContainText(cableId);
      await expect(main).toContainText("1960-09-20");
      // Other journeys may leave their own cable IDs waiting (journey 10's viewer is in no household): only this
      // one must have left the queue.
      await staff.open("/linking");
      await expect(staff.page.locator("main")).toContainText("紐づけ待ち");
      await expect(staff.page.locator("main")).not.toContainText(cableId);
    },
    { "console-household": staff.page },
  );
});
