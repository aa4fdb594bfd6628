/**
 * Journey 1 (issue 9): a resident registers on the TV with the 署名用パスワード; the operator console links the
 * new cable ID to the household automatically; staff see it.
 */
import { expect, resident, test } from "../support/journey.ts";
import { expectTvLaidOut } from "../support/tv-app.ts";
import { backToPortal, openService, openSettings, registerOnTv } from "../support/tv-flows.ts";

const yamada = resident("nanto-yamada-taro");

test("a resident registers on the TV and the console links the cable ID to the household by itself", async ({
  tv,
  reader,
  staff,
  evidence,
}) => {
  let cableId = "";
  await evidence.step(
    "the TV portal of なんとケーブルテレビ, nobody logged in",
    async () => {
      expect((await tv.state()).header).toContain("ログインしていません");
    },
    { "tv-portal": tv.page },
  );

  await evidence.step(
    "English from 設定 (blue key): Back shows the portal in English at once, and 日本語 brings Japanese back",
    async () => {
      await openSettings(tv);
      await tv.focus("言語");
      let serial = (await tv.state()).serial;
      await tv.press("Enter");
      await tv.waitForScreen("settings", { after: serial });
      serial = (await tv.state()).serial;
      await tv.press("Backspace");
      await tv.waitForScreen("portal", { after: serial });
      await tv.waitForTile((tiles) => tiles.some((t) => t.label === "Healthcare information"));
      const labels = (await tv.tiles()).map((t) => t.label);
      expect(labels).toEqual(
        expect.arrayContaining(["Facility booking", "Register", "My bookings", "Settings"]),
      );
      await expectTvLaidOut(tv);
      await openSettings(tv);
      await tv.focus("Language");
      serial = (await tv.state()).serial;
      await tv.press("Enter");
      await tv.waitForScreen("settings", { after: serial });
      serial = (await tv.state()).serial;
      await tv.press("Backspace");
      await tv.waitForScreen("portal", { after: serial });
      await tv.waitForTile((tiles) => tiles.some((t) => t.label === "利用者登録"));
    },
    { "tv-portal-english-and-back": tv.page },
  );

  await evidence.step(
    "山田 太郎 agrees, places the card and types the signature password with the remote",
    async () => {
      const result = await registerOnTv(tv, reader, yamada.cardId, yamada.signPassword);
      cableId = result.cableId;
      expect(result.texts).toContain("登録が完了しました");
    },
    { "tv-registered": tv.page, "card-reader": reader.page },
  );

  await evidence.step(
    "the result screen follows the console's automatic link and ends on 連携済み, not 手続き中",
    async () => {
      // The console links on its own schedule; the TV asks the PF every 3 s for 2 minutes.
      await expect.poll(() => tv.screenText(), { timeout: 90_000 }).toContain("ご契約の世帯と連携済みです");
      expect(await tv.screenText()).not.toContain("手続き中");
      expect((await tv.state()).screen).toBe("registration-result");
    },
    { "tv-registered-linked": tv.page },
  );

  await evidence.step(
    "staff log in to the console",
    async () => {
      await staff.logIn("staff");
    },
    { "console-home": staff.page },
  );

  await evidence.step(
    "the cable ID is linked to 山田 太郎's household without anyone's help",
    async () => {
      await staff.waitForText("/cable-ids?status=linked", cableId);
      await expect(staff.page.locator("tr", { hasText: cableId })).toContainText("山田 太郎");
    },
    { "console-cable-ids": staff.page },
  );

  await evidence.step(
    "staff find the cable ID on the list by typing it as a viewer reads it out: lower case, no hyphens",
    async () => {
      await staff.open("/cable-ids");
      await staff.page.locator("#q").fill(cableId.toLowerCase().replaceAll("-", ""));
      await staff.page.getByRole("button", { name: "表示" }).click();
      const rows = staff.page.locator("main tbody tr");
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(cableId);
      await expect(rows.first()).toContainText("山田 太郎");
    },
    { "console-cable-id-search": staff.page },
  );

  await evidence.step(
    "searching households by the cable ID finds 山田 太郎's household, which shows the member with the cable ID",
    async () => {
      await staff.open("/households");
      await staff.page.locator("#q").fill(cableId);
      await staff.page.getByRole("button", { name: "検索" }).click();
      const rows = staff.page.locator("main tbody tr");
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText("山田 太郎");
      await rows.first().locator("a[href^='/households/']").first().click();
      await expect(staff.page.locator("main")).toContainText(cableId);
    },
    { "console-household": staff.page },
  );

  await evidence.step(
    "logged in on the TV (PIN-less, ヘルスケア情報), the header says the household link is done",
    async () => {
      await backToPortal(tv);
      await openService(tv, reader, "healthcare", yamada.cardId);
      // The console tells the PF about the link on its own schedule; the TV learns it when it opens a service.
      await expect(async () => {
        if (!(await tv.state()).header.includes("世帯との連携：済み")) {
          await tv.press("Backspace");
          await tv.waitForScreen("portal");
          await openService(tv, reader, "healthcare", yamada.cardId);
        }
        expect((await tv.state()).header).toContain("世帯との連携：済み");
      }).toPass({ timeout: 90_000, intervals: [3_000, 5_000] });
    },
    { "tv-linked": tv.page },
  );
});
