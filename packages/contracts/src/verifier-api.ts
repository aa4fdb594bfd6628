/**
 * @module What a verifier (検証者) other than a CATV operator calls at the PF — an insurer, say: the link status of
 * the accounts the PF issued to it (the same act as an operator's household link), one account's state, and the
 * registration it runs on its own web site (verifier-initiated: no provisioned terminal; the verifier's backend
 * gets the challenge with its own credentials and submits the card's answer). Base `/v1/verifier`;
 * `Authorization: Bearer <tenant API key>` of a tenant holding the verifier role. Any tenant reads its own monthly
 * PF usage-fee statement at `/v1/tenant/fee-statements/{month}`.
 *
 * A verifier only ever names its own accounts: another verifier's account ID is answered `account_unknown`, the
 * same as an ID that was never issued, so IDs cannot be probed across verifiers.
 */
import { z } from "zod";
import { commonPfIdSchema, linkStatusSchema, siteKindSchema, yearMonthSchema, yenSchema } from "./common.ts";
import { consentSchema, registrationRequestSchema } from "./tv-api.ts";

export const VERIFIER_API_PREFIX = "/v1/verifier";

/**
 * PUT /v1/verifier/accounts/{accountId}/link — the verifier linked (or unlinked) the account to its own record
 * (参考１－２: the insurer's staff linked the 共通的PFID to a 被保険者). Answers 204. Until it is `linked`, a
 * reception's eligibility check answers `account_not_linked` without calling the verifier.
 */
export const accountLinkRequestSchema = z.object({
  status: linkStatusSchema.describe(
    "linked: the verifier linked the ID to its own record; pending: not (yet)",
  ),
});

/** GET /v1/verifier/accounts/{accountId} — one of the verifier's own accounts. */
export const verifierAccountSchema = z.object({
  accountId: commonPfIdSchema,
  linkStatus: linkStatusSchema,
  /** active: the person's user-authentication certificate is usable; revoked: J-LIS revoked the card's certificate. */
  status: z.enum(["active", "revoked"]),
  consent: consentSchema,
  registeredAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/**
 * POST /v1/verifier/registration-challenges — a `registration` challenge for the verifier's own registration page
 * (no body). The card signs `toBeSigned` with the signature key after the 署名用パスワード, exactly as at a
 * terminal; the answer is the TV API's `challengeResponseSchema`.
 */
export const verifierRegistrationChallengePath = `${VERIFIER_API_PREFIX}/registration-challenges`;

/**
 * POST /v1/verifier/registrations — the card's answer, as a terminal sends it (signature certificate, the
 * user-authentication certificate of the same card, the signature, the card-binding proof, consent). The 4情報 go
 * to the verifier in `account.registered`, never in this answer.
 */
export const verifierRegistrationRequestSchema = registrationRequestSchema;
export const verifierRegistrationResponseSchema = z.object({
  accountId: commonPfIdSchema,
  /** new: a new account at this verifier; existing: the same card again; renewed: new serials of a known card. */
  outcome: z.enum(["new", "existing", "renewed"]),
  linkStatus: linkStatusSchema,
});

/**
 * GET /v1/tenant/fee-statements/{month} (JSON; `?format=csv` for CSV) — any tenant's PF usage-fee statement
 * (共通的PF利用料): the tariff's lines for the roles the tenant holds (verifier: registrations, JPKI checks; owner of
 * in-person sites: recognitions and eligibility checks, one line per site), tax added once.
 */
export const tenantFeeStatementSchema = z.object({
  tenantId: z.string(),
  month: yearMonthSchema,
  lines: z.array(
    z.object({
      item: z.string(),
      description: z.string(),
      /** Present on a line counted per site (recognitions at each reception). */
      siteId: z.string().optional(),
      siteKind: siteKindSchema.optional(),
      count: z.number().int().nonnegative(),
      unitPriceYen: yenSchema,
      amountYen: yenSchema,
    }),
  ),
  subtotalYen: yenSchema,
  taxYen: yenSchema,
  totalYen: yenSchema,
  /** True while the month is not over (JST): the counts so far; false once it has ended (operator-api.ts). */
  provisional: z.boolean(),
  /** When the counts were read. */
  asOf: z.iso.datetime(),
});
export type TenantFeeStatement = z.infer<typeof tenantFeeStatementSchema>;
