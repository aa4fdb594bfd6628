/**
 * @module The PF usage-fee tariff (共通的PF利用料): unit prices per metered item. Configurable with
 * `PF_TARIFF_JSON`; the defaults follow JPKI's verifier fees (20 yen per signature-certificate check, 2 yen per
 * user-authentication check) plus a PF fee per registration, login and recognition. What each metric counts is in
 * metering.ts. An item says to whom it applies — a role, or the owner of sites of one kind — so each tenant's
 * statement lists the lines of what it does: an operator's the same lines as before the medical field, an
 * insurer's its registrations and JPKI checks, a hospital's its recognitions per reception.
 */
import { z } from "zod";

export const tariffItemSchema = z.object({
  metric: z.string(),
  item: z.string(),
  description: z.string(),
  unitPriceYen: z.number().int().nonnegative(),
  /**
   * Who is billed for it: a verifier, a provider, or the owner of sites of a kind (`site-owner:remote`: STBs at
   * home; `site-owner:in-person`: a reception). Absent: every tenant.
   */
  appliesTo: z
    .array(z.enum(["verifier", "provider", "site-owner:remote", "site-owner:in-person"]))
    .optional(),
});
export const tariffSchema = z.object({
  taxRatePercent: z.number().int().min(0).max(100),
  items: z.array(tariffItemSchema),
});
export type Tariff = z.infer<typeof tariffSchema>;
export type TariffItem = z.infer<typeof tariffItemSchema>;

export const defaultTariff: Tariff = {
  taxRatePercent: 10,
  items: [
    {
      metric: "registrations",
      item: "registration",
      description: "利用者登録 (registrations)",
      unitPriceYen: 30,
      appliesTo: ["verifier"],
    },
    {
      metric: "logins.pin",
      item: "login-pin",
      description: "ログイン・PINあり (PIN logins)",
      unitPriceYen: 3,
      appliesTo: ["site-owner:remote"],
    },
    {
      metric: "logins.pinless",
      item: "login-pinless",
      description: "ログイン・PINなし (PIN-less logins)",
      unitPriceYen: 3,
      appliesTo: ["site-owner:remote"],
    },
    {
      metric: "step_ups",
      item: "step-up",
      description: "PIN確認 (step-ups)",
      unitPriceYen: 3,
      appliesTo: ["site-owner:remote"],
    },
    {
      metric: "jpki_checks.sign",
      item: "jpki-sign",
      description: "署名用電子証明書の失効確認 (signature certificate checks)",
      unitPriceYen: 20,
      appliesTo: ["verifier"],
    },
    {
      metric: "jpki_checks.auth",
      item: "jpki-auth",
      description: "利用者証明用電子証明書の失効確認 (user-authentication certificate checks)",
      unitPriceYen: 2,
      appliesTo: ["verifier"],
    },
    {
      metric: "recognitions.pin",
      item: "recognition-pin",
      description: "本人確認・PINあり (PIN recognitions at a reception)",
      unitPriceYen: 3,
      appliesTo: ["site-owner:in-person"],
    },
    {
      metric: "recognitions.pinless",
      item: "recognition-pinless",
      description: "本人確認・PINなし (PIN-less recognitions at a reception)",
      unitPriceYen: 3,
      appliesTo: ["site-owner:in-person"],
    },
    {
      metric: "eligibility_checks",
      item: "eligibility-check",
      description: "資格確認の中継 (eligibility checks relayed to insurers)",
      unitPriceYen: 1,
      appliesTo: ["site-owner:in-person"],
    },
  ],
};
