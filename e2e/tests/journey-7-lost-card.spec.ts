/**
 * Journey 7 (issue 9): a lost card is revoked; login is refused with the revoked message under both revocation
 * policies: OCSP (the PF asks J-LIS, and reuses a "good" answer for 5 s at most) and CRL (the PF checks J-LIS's
 * revocation lists, fetched on a schedule; every 5 s in this run, support/global-setup.ts).
 */
import { jlisAdmin, pfAdmin } from "../support/admin-apis.ts";
import { expect, resident, test } from "../support/journey.ts";
import { backToPortal, openService, registerOnTv } from "../support/tv-flows.ts";

const ichiro = resident("suzaka-kobayashi-ichiro");
const OPERATOR = "op-nanto";
/** How long the PF reuses J-LIS's OCSP "good" answer (PF_OCSP_GOOD_CACHE_SECONDS, default 5). */
const OCSP_GOOD_CACHE_SECONDS = 5;

test("a card reported lost is refused at login, under OCSP and under CRL checking", async ({
  tv,
  reader,
  evidence,
}) => {
  test.setTimeout(420_000);
  let reportedAt = 0;
  await evidence.step(
    "小林 一郎 registers on the TV",
    async () => {
      await registerOnTv(tv, reader, ichiro.cardId, ichiro.signPassword);
      await backToPortal(tv);
      await reader.remove();
    },
    { "tv-registered": tv.page },
  );

  await evidence.step(
    "he reports the card lost at the town hall: J-LIS revokes both certificates",
    async () => {
      await jlisAdmin.reportLoss(ichiro.residentId);
      reportedAt = Date.now();
    },
  );

  try {
    for (const policy of ["crl", "ocsp"] as const) {
      await evidence.step(
        `with ${policy.toUpperCase()} checking, login is refused with the revoked message`,
        async () => {
          await pfAdmin.setRevocationPolicy(OPERATOR, policy);
          // CRLs are fetched on a schedule: give the PF one refresh after the switch.
          if (policy === "crl") await tv.page.waitForTimeout(7_000);
          // The PF may still hold J-LIS's "good" OCSP answer from the registration for a few seconds.
          if (policy === "ocsp") {
            const validUntil = reportedAt + (OCSP_GOOD_CACHE_SECONDS + 1) * 1_000;
            await tv.page.waitForTimeout(Math.max(0, validUntil - Date.now()));
          }
          await expect(openService(tv, reader, "healthcare", ichiro.cardId)).rejects.toThrow(
            /error-certificate_revoked/,
          );
          const words = await tv.screenText();
          expect(words).toContain("電子証明書が使えなくなっています");
          expect(words).toContain("窓口で、電子証明書を新しく発行してください");
          expect((await tv.state()).header).toContain("ログインしていません");
        },
        { [`tv-revoked-${policy}`]: tv.page },
      );
      await backToPortal(tv);
      await reader.remove();
    }
  } finally {
    await pfAdmin.setRevocationPolicy(OPERATOR, "ocsp");
  }
});
