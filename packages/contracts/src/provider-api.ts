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

export const pfAssertionClaimsSchema = z.object({
  iss: z.string(),
  aud: z.string(),
  sub: pairwiseIdSchema,
  acr: acrSchema,
  svc: z.string(),
  /** Where the viewer was recognised (a home STB is `remote`); absent from assertions made before it was recorded. */
  siteKind: siteKindSchema.optional(),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string(),
});
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
  pairwiseId: pairwiseIdSchema,
  serviceId: z.string(),
  kind: z.enum(["charge", "reversal"]),
  /** Tax-included amount in yen; positive for both kinds (a reversal cancels the charge it names). */
  amountYen: yenSchema.positive(),
  /** Consumption-tax rate applied, in percent (10 standard, 8 reduced, 0 exempt/non-taxable). */
  taxRatePercent: z.union([z.literal(0), z.literal(8), z.literal(10)]),
  description: z.string().min(1).max(200),
  occurredAt: z.iso.datetime(),
  /** The provider's own reference for the charge (booking ID, say). */
  providerReference: z.string().min(1).max(100),
  /** For a reversal: the providerReference of the charge it reverses. */
  reverses: z.string().optional(),
});
export const usageReportResponseSchema = z.object({
  usageId: z.string(),
  status: z.enum(["accepted"]),
});
export type UsageReportRequest = z.infer<typeof usageReportRequestSchema>;
