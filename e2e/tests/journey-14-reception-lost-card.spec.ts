/**
 * Journey 14 (issue 18, medical journey 4): a card reported lost is refused at the reception with its own message,
 * to the patient and to staff, although its holder is registered.
 *
 * The town hall issues 大川 智子 a card (the J-LIS simulator's admin API, as journey 2 does: the seed's residents are
 * each another journey's); she registers it at the reception with 酒田市国民健康保険. She then reports it lost: J-LIS
 * revokes both certificates. Whoever puts that card on the reader next is told the certificate is revoked — not
 * "not yet linked", nor any insurance answer — and the desk is told to fall back to the 資格確認書.
 */
import { jlisAdmin } from "../support/admin-apis.ts";
import { SAKATA_KOKUHO } from "../support/insurer-staff.ts";
import { expect, test } from "../support/medical-journey.ts";

const tomoko = {
  name: "大川 智子",
  address: "三重県いなべ市北勢町麻生田3150番地",
  birthDate: "1978-06-05",
  gender: "2" as const,
  town: "いなべ市",
  authPin: "0605",
  signPassword: "TOMOKO0605",
};
/** How long the PF reuses J-LIS's OCSP "good" answer (PF_OCSP_GOOD_CACHE_SECONDS, default 5); CRLs refresh every 5 s in the run. */
const REVOCATION_VISIBLE_AFTER_MS = 7_000;

test("a card reported lost is refused at the reception with the revoked message", async ({
  terminal,
  receptionReader,
  desk,
  evidence,
}) => {
  let cardId = "";
  let residentId = "";

  await evidence.step(
    "the town hall issues 大川 智子 a card; it shows at the reception's card reader",
    async () => {
      const issued = await jlisAdmin.issueCard(tomoko);
      cardId = issued.cardId;
      residentId = issued.resident.id;
      await receptionReader.open();
      await expect(receptionReader.page.locator(`#card-select option[value="${cardId}"]`)).toHaveCount(1);
    },
    { "reception-card-reader": receptionReader.page },
  );

  await evidence.step("she registers the card at the reception terminal", async () => {
    await receptionReader.insert(cardId);
    await terminal.waitForScreen("not_registered");
    await terminal.register(SAKATA_KOKUHO.name, tomoko.signPassword);
    await evidence.shot("reception-registered", terminal.page);
    await receptionReader.remove();
    await terminal.waitForScreen("idle");
  });

  await evidence.step(
    "she reports the card lost at the town hall: J-LIS revokes both certificates",
    async () => {
      await jlisAdmin.reportLoss(residentId);
      await terminal.page.waitForTimeout(REVOCATION_VISIBLE_AFTER_MS);
    },
  );

  await evidence.step(
    "the card on the reader is refused: the terminal says its certificate is revoked",
    async () => {
      await receptionReader.insert(cardId);
      await terminal.waitForScreen("problem", { code: "certificate_revoked" });
      const words = await terminal.text();
      expect(words).toContain("このカードの電子証明書は失効しています");
      expect(words).not.toContain("受付が完了しました");
    },
    { "reception-revoked": terminal.page },
  );

  await evidence.step(
    "the desk is told the certificate is revoked, to check the 資格確認書 and where the card is re-issued",
    async () => {
      await desk.waitForPanel("電子証明書が失効しています");
      const result = desk.terminalPanel().locator('[data-code="certificate_revoked"]');
      await expect(result).toContainText("資格確認書");
      await expect(result).toContainText("市区町村の窓口");
      await receptionReader.remove();
      await terminal.waitForScreen("idle");
    },
    { "desk-revoked": desk.page },
  );
});
