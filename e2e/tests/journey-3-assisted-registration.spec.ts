/**
 * Journey 3 (issue 9): operator-assisted registration lands already linked. Staff at the console open a
 * registration for a household member on the viewer's STB; the viewer then registers on the TV as usual.
 */
import { expect, resident, test } from "../support/journey.ts";
import { registerOnTv } from "../support/tv-flows.ts";

const misaki = resident("nanto-takahashi-misaki");

test("an operator-assisted registration lands already linked to the chosen household member", async ({
  tv,
  reader,
  staff,
  evidence,
}) => {
  const terminalId = (await reader.page.locator("#terminal-id").textContent())?.trim() ?? "";
  let cableId = "";
  await evidence.step(
    "staff find 高橋 美咲 in the register and open a registration on her STB",
    async () => {
      await staff.logIn("staff");
      await staff.open(`/assisted?q=${encodeURIComponent("高橋 美咲")}`);
      await staff.page.locator("tbody tr", { hasText: "高橋 美咲" }).locator("input[type=radio]").check();
      await staff.page.locator("#terminalId").selectOption(terminalId);
      await staff.page.getByRole("button", { name: "このSTBで登録を開始" }).click();
      await expect(staff.page.locator("main")).toContainText(`STB ${terminalId} で登録を開始しました`);
    },
    { "console-assisted-opened": staff.page },
  );

  await evidence.step(
    "at home she registers on the TV with her card and signature password",
    async () => {
      const result = await registerOnTv(tv, reader, misaki.cardId, misaki.signPassword);
      cableId = result.cableId;
      expect(result.texts).toContain("登録が完了しました");
      expect(result.texts).toContain("ご契約の世帯と連携済みです");
    },
    { "tv-registered-linked": tv.page },
  );

  await evidence.step(
    "the console lists the cable ID as linked to her, without the linking queue",
    async () => {
      await staff.waitForText("/cable-ids?status=linked", cableId);
      await expect(staff.page.locator("tr", { hasText: cableId })).toContainText("高橋 美咲");
      await staff.open("/linking");
      await expect(staff.page.locator("main")).not.toContainText(cableId);
    },
    { "console-cable-ids": staff.page },
  );
});
