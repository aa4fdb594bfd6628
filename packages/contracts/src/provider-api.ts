/**
 * @module What passes between the PF and service providers.
 *
 * PF → provider requests carry `Authorization: Bearer <assertion>`: a JWT (ES256) from the PF with
 * `{iss:<PF issuer URL>, aud:<providerId>, sub:<pairwiseId>, acr, svc:<serviceId>, siteKind, iat, exp:iat+60,
 * jti}`,
 * verified against `<PF_URL>/.well-known/jwks.json`. Requests: proxied viewer calls (any path under the
 * provider's API base URL), and enrolment at `POST <apiBaseUrl>/pf/enrolments` /
 * `DELETE <apiBaseUrl>/pf/enrolments/{pairwiseId}`.
 *
 * Provider → PF requests carry `Authorization: Bearer <provider apiKey>`.
 * PF → provider events are Standard Webhooks (see events.ts) posted to the provider's webhook URL.
 */
import { z } from "zod";
import { acrSchema, pairwiseIdSchema, siteKindSchema, yenSchema } from "./common.ts";

export const PF_ASSERTION_ISSUER_PATH = "";
export const PF_JWKS_PATH = "/.well-known/jwks.json";

/** GET <PF_URL>/.well-known/jwks.json — the PF's assertion-signing keys (RFC 7517), P-256 for ES256. */
export const pfJwksSchema = z.object({
  keys: z.array(
    z.looseObject({
      kty: z.literal("EC"),
      crv: z.literal("P-256"),
      x: z.string(),
      y: z.string(),
      kid: z.string(),
      alg: z.literal("ES256").optional(),
      use: z.literal("sig").optional(),
    }),
  ),
});

export const pfAssertionClaimsSchema = z
  .object({
    iss: z.string().describe("The PF's URL (its issuer); check it equals the PF you registered with."),
    aud: z.string().describe("Your provider ID; refuse an assertion for anyone else."),
    sub: pairwiseIdSchema.describe(
      "The viewer's pairwise ID: stable for this viewer at your service, different at every other provider.",
    ),
    acr: acrSchema,
    svc: z.string().describe("The service of yours the viewer is using (its serviceId)."),
    siteKind: siteKindSchema
      .optional()
      .describe(
        "Where the viewer was recognised (a home STB is `remote`); absent from assertions made before it was recorded.",
      ),
    iat: z.number().int().describe("Issued at (Unix seconds)."),
    exp: z
      .number()
      .int()
      .describe("Expiry (Unix seconds): `iat` + 60. Allow a few seconds of clock skew only."),
    jti: z
      .string()
      .describe("Unique per assertion: accept each once (the PF signs a fresh one for every request)."),
  })
  .describe(
    "Claims of the PF's assertion (ES256 JWT, `kid` from the PF's JWKS) on every request the PF sends to a provider.",
  );
export type PfAssertionClaims = z.infer<typeof pfAssertionClaimsSchema>;

/** The body a provider answers with when an action needs a PIN-level session (HTTP 403). */
export const providerStepUpErrorSchema = z.object({
  error: z.object({ code: z.literal("step_up_required"), message: z.string() }),
});

/** POST <apiBaseUrl>/pf/enrolments (PF → provider). */
export const providerEnrolmentRequestSchema = z.object({
  serviceId: z.string(),
  consent: z.object({
    /** What the viewer agreed to share with this provider, as shown on the TV. */
    scope: z.array(z.string()),
    grantedAt: z.iso.datetime(),
    textVersion: z.string(),
  }),
});
export const providerEnrolmentResponseSchema = z.object({ providerUserId: z.string() });

/** POST /v1/provider/usage (provider → PF), with an `Idempotency-Key` header. */
export const usageReportRequestSchema = z.object({
  pairwiseId: pairwiseIdSchema.describe(
    "The viewer who used the service, by the pairwise ID your assertions carried (`sub`); the PF maps it to the " +
      "viewer's operator and cable ID.",
  ),
  serviceId: z.string().describe("Which of your services was used (its serviceId at the PF)."),
  kind: z
    .enum(["charge", "reversal"])
    .describe(
      "`charge`: put the amount on the viewer's cable bill; `reversal`: take back an earlier charge.",
    ),
  /** Tax-included amount in yen; positive for both kinds (a reversal cancels the charge it names). */
  amountYen: yenSchema
    .positive()
    .describe(
      "Tax-included amount in yen, positive for both kinds (a reversal repeats the charge's amount).",
    ),
  /** Consumption-tax rate applied, in percent (10 standard, 8 reduced, 0 exempt/non-taxable). */
  taxRatePercent: z
    .union([z.literal(0), z.literal(8), z.literal(10)])
    .describe(
      "Consumption-tax rate included in `amountYen`, in percent: 10 standard, 8 reduced, 0 exempt or non-taxable; " +
        "the operator prints the bill's tax per rate from it.",
    ),
  description: z
    .string()
    .min(1)
    .max(200)
    .describe(
      "What the viewer used, as it should read on their cable bill (Japanese, up to 200 characters).",
    ),
  occurredAt: z.iso
    .datetime()
    .describe("When the use happened (ISO 8601, UTC): the operator bills it in that instant's JST month."),
  /** The provider's own reference for the charge (booking ID, say). */
  providerReference: z
    .string()
    .min(1)
    .max(100)
    .describe(
      "Your own reference for this charge or reversal (a booking ID, say), unique per report: settlements name " +
        "each record by it. A second charge with the same reference is refused (`idempotency_conflict`).",
    ),
  /** For a reversal: the providerReference of the charge it reverses. */
  reverses: z
    .string()
    .optional()
    .describe("For a reversal only: the `providerReference` of the charge it takes back."),
});
export const usageReportResponseSchema = z.object({
  usageId: z.string(),
  status: z.enum(["accepted"]),
});
export type UsageReportRequest = z.infer<typeof usageReportRequestSchema>;
