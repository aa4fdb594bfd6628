/**
 * Journey 6 (issue 9): the resident moves. The J-LIS simulator revokes the signature certificate and re-issues it
 * into the same card; PIN-less login still works (the user-authentication certificate stays valid); registering
 * again with the renewed card keeps the same cable ID; the console shows the updated address for review.
 */
import { jlisAdmin } from "../support/admin-apis.ts";
import { expect, resident, test } from "../support/journey.ts";
import { backToPortal, openService, registerOnTv } from "../support/tv-flows.ts";

const kenichi = resident("nanto-ishiguro-kenichi");
const NEW_ADDRESS = "富山県南砺市城端600番地";

test("after a move PIN-less login still works and re-registration keeps the cable ID", async ({
  tv,
  reader,
  staff,
  evidence,
}) => {
  let cableId = "";
  await evidence.step(
    "石黒 健一 registers on the TV",
    async () => {
      cableId = (await registerOnTv(tv, reader, kenichi.cardId, kenichi.signPassword)).cableId;
      await backToPortal(tv);
    },
    { "tv-registered": tv.page },
  );

  await evidence.step(
    "he moves within 南砺市: the town hall records it (J-LIS re-issues the signature certificate)",
    async () => {
      await jlisAdmin.move(kenichi.residentId, NEW_ADDRESS);
      // He takes the card out for the town hall's counter and puts it back at home.
      await reader.remove();
    },
    { "card-reader": reader.page },
  );

  await evidence.step(
    "PIN-less login to ヘルスケア情報 still works with the unchanged authentication certificate",
    async () => {
      await openService(tv, reader, "healthcare", kenichi.cardId);
      expect((await tv.state()).header).toContain("ログイン中・暗証番号なし");
    },
    { "tv-pinless-after-move": tv.page },
  );

  await evidence.step(
    "registering again with the new signature certificate keeps the same cable ID",
    async () => {
      await tv.press("Backspace");
      await tv.waitForScreen("portal");
      const result = await registerOnTv(tv, reader, kenichi.cardId, kenichi.signPassword);
      expect(result.texts).toContain("新しい証明書で登録を更新しました");
      expect(result.cableId).toBe(cableId);
    },
    { "tv-renewed": tv.page },
  );

  await evidence.step(
    "the console shows the updated address for review",
    async () => {
      await staff.logIn("staff");
      await staff.waitForText("/reviews", "城端600");
      await expect(staff.page.locator("main")).toContainText(cableId);
    },
    { "console-review": staff.page },
  );
});
