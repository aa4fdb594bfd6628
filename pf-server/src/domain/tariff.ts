/**
 * @module The PF usage-fee tariff (共通的PF利用料): unit prices per metered item. Configurable with
 * `PF_TARIFF_JSON`; the defaults follow JPKI's verifier fees (20 yen per signature-certificate check, 2 yen per
 * user-authentication check) plus a PF fee per registration and login. What each metric counts is in metering.ts.
 */
import { z } from "zod";

export const tariffSchema = z.object({
  taxRatePercent: z.number().int().min(0).max(100),
  items: z.array(
    z.object({
      metric: z.string(),
      item: z.string(),
      description: z.string(),
      unitPriceYen: z.number().int().nonnegative(),
    }),
  ),
});
export type Tariff = z.infer<typeof tariffSchema>;

export const defaultTariff: Tariff = {
  taxRatePercent: 10,
  items: [
    {
      metric: "registrations",
      item: "registration",
      description: "利用者登録 (registrations)",
      unitPriceYen: 30,
    },
    {
      metric: "logins.pin",
      item: "login-pin",
      description: "ログイン・PINあり (PIN logins)",
      unitPriceYen: 3,
    },
    {
      metric: "logins.pinless",
      item: "login-pinless",
      description: "ログイン・PINなし (PIN-less logins)",
      unitPriceYen: 3,
    },
    { metric: "step_ups", item: "step-up", description: "PIN確認 (step-ups)", unitPriceYen: 3 },
    {
      metric: "jpki_checks.sign",
      item: "jpki-sign",
      description: "署名用電子証明書の失効確認 (signature certificate checks)",
      unitPriceYen: 20,
    },
    {
      metric: "jpki_checks.auth",
      item: "jpki-auth",
      description: "利用者証明用電子証明書の失効確認 (user-authentication certificate checks)",
      unitPriceYen: 2,
    },
  ],
};
