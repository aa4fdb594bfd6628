/**
 * Journey 15 (issue 18, medical journey 5): the insurer's system is down at the moment of a touch. The reception
 * falls back to the 資格確認書 at once, and checks again by itself, with the same recognition, until the insurer
 * answers — nobody touches anything.
 *
 * 水谷 誠 (酒田市国民健康保険 210854-01, 住所地特例, 高齢受給者 2割) registers at the reception and is linked by the
 * insurer's staff. Then the insurer's system is stopped (as journey 9 stops the console); his touch reaches the PF,
 * which answers `insurer_unavailable`. When the insurer is back, the terminal's retry brings 有効 with 2割 to the desk.
 */
import { SAKATA_KOKUHO } from "../support/insurer-staff.ts";
import { expect, resident, test } from "../support/medical-journey.ts";
import { startService, stopService } from "../support/system.ts";

const makoto = resident("inabe-mizutani-makoto");
const INSURED_NUMBER = "酒田 210854-01";

test("with the insurer down the reception falls back to the 資格確認書, and recovers by itself when it is back", async ({
  terminal,
  receptionReader,
  desk,
  kokuhoStaff,
  evidence,
}) => {
  await evidence.step(
    "水谷 誠 registers at the reception and the 国保's staff link him",
    async () => {
      await receptionReader.insert(makoto.cardId);
      await terminal.waitForScreen("not_registered");
      await terminal.register(SAKATA_KOKUHO.name, makoto.signPassword);
      await receptionReader.remove();
      await kokuhoStaff.logIn();
      const accountId = await kokuhoStaff.waitForRegistration("水谷 誠");
      await kokuhoStaff.openLinking(accountId);
      await kokuhoStaff.link(INSURED_NUMBER);
      await expect(async () => {
        await kokuhoStaff.page.reload();
        await expect(kokuhoStaff.page.locator("main")).toContainText("共通的PFに「紐づけ済」を通知済み", {
          timeout: 1_000,
        });
      }).toPass({ timeout: 45_000, intervals: [1_000, 2_000] });
    },
    { "insurer-linked": kokuhoStaff.page },
  );

  try {
    await evidence.step("the insurer's system goes down", async () => {
      await stopService("medical-insurer");
    });

    await evidence.step(
      "his touch: the terminal says the check takes longer and to see staff",
      async () => {
        await receptionReader.insert(makoto.cardId);
        await terminal.waitForScreen("consent");
        await terminal.press("1");
        await terminal.waitForScreen("problem", { code: "insurer_unavailable" });
        expect(await terminal.text()).toContain("保険者のシステムに接続できないため");
      },
      { "reception-insurer-down": terminal.page },
    );

    await evidence.step(
      "the desk falls back to the 資格確認書 and says the check is retried by itself",
      async () => {
        await desk.waitForPanel("資格確認書");
        await expect(desk.terminalPanel()).toContainText("自動で再確認");
        // As the terminal asked, he takes his card and goes to the desk.
        await receptionReader.remove();
        await terminal.waitForScreen("idle");
      },
      { "desk-insurer-down": desk.page },
    );
  } finally {
    await evidence.step("the insurer's system is back", async () => {
      await startService("medical-insurer");
    });
  }

  await evidence.step(
    "without another touch, the retry brings 有効 with 2割 (高齢受給者) to the desk",
    async () => {
      await desk.waitForPanel("水谷 誠", 90_000);
      const panel = desk.terminalPanel();
      await expect(panel).toContainText("有効");
      await expect(panel.locator('[data-field="ratio"]')).toHaveText("2割");
      await expect(panel).toContainText("酒田・210854・01");
      await expect(terminal.screen()).toHaveAttribute("data-screen", "idle");
    },
    { "desk-recovered": desk.page },
  );
});
