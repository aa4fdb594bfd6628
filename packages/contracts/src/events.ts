/**
 * @module Events the PF sends to operators, verifiers and providers through its transactional outbox.
 *
 * A verifier (検証者) hears of the people who register with it in one of two dialects, by the kind of ID the PF
 * issues to it: a CATV operator (cable IDs) gets `cable_id.*`, kept as the console has always read them; any other
 * verifier (共通的PFIDs: an insurer, …) gets `account.*`, with the same facts under general names. Operators'
 * webhooks carry `X-Catv-Operator-Id`, other verifiers' `X-Catv-Verifier-Id`, providers' `X-Catv-Provider-Id`.
 *
 * Delivery follows Standard Webhooks: POST with `webhook-id`, `webhook-timestamp` and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 over "<id>.<timestamp>.<body>">` keyed by the endpoint's `whsec_` secret); at least
 * once, retried with exponential backoff and jitter; receivers deduplicate by `id`.
 */
import { z } from "zod";
import {
  cableIdSchema,
  commonPfIdSchema,
  fourInfoSchema,
  pairwiseIdSchema,
  siteKindSchema,
  yearMonthSchema,
  yenSchema,
} from "./common.ts";

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ id: z.string(), type: z.literal(type), timestamp: z.iso.datetime(), data });

// PF → operator
export const cableIdRegisteredEventSchema = envelope(
  "cable_id.registered",
  z.object({
    cableId: cableIdSchema,
    registeredAt: z.iso.datetime(),
    terminalId: z.string(),
    /** Shared with the viewer's consent, for household matching only. */
    fourInfo: fourInfoSchema,
    /** Present when staff opened an assisted registration: the household member it belongs to. */
    assisted: z.object({ contractId: z.string(), memberId: z.string() }).optional(),
  }),
);
export const cableIdUpdatedEventSchema = envelope(
  "cable_id.updated",
  z.object({
    cableId: cableIdSchema,
    updatedAt: z.iso.datetime(),
    reason: z.enum(["renewed", "reissued"]),
    fourInfo: fourInfoSchema,
  }),
);
export const cableIdRevokedEventSchema = envelope(
  "cable_id.revoked",
  z.object({
    cableId: cableIdSchema,
    revokedAt: z.iso.datetime(),
    /** RFC 5280 reason as J-LIS reported it, for the certificate the PF found revoked. */
    reason: z.string(),
    certificate: z.enum(["signature", "authentication"]),
  }),
);
export const usageReportedEventSchema = envelope(
  "usage.reported",
  z.object({
    usageId: z.string(),
    cableId: cableIdSchema,
    providerId: z.string(),
    providerName: z.string(),
    serviceId: z.string(),
    kind: z.enum(["charge", "reversal"]),
    amountYen: yenSchema.positive(),
    taxRatePercent: z.union([z.literal(0), z.literal(8), z.literal(10)]),
    description: z.string(),
    occurredAt: z.iso.datetime(),
    /** For a reversal: the usageId of the charge it reverses. */
    reversesUsageId: z.string().optional(),
  }),
);
export const operatorEventSchema = z.discriminatedUnion("type", [
  cableIdRegisteredEventSchema,
  cableIdUpdatedEventSchema,
  cableIdRevokedEventSchema,
  usageReportedEventSchema,
]);
export type OperatorEvent = z.infer<typeof operatorEventSchema>;

// PF → verifier (other than a CATV operator): the account events
export const accountRegisteredEventSchema = envelope(
  "account.registered",
  z.object({
    accountId: commonPfIdSchema,
    registeredAt: z.iso.datetime(),
    /**
     * Where the person registered: at a terminal (`siteKind` in-person: a reception with staff help; remote: a
     * terminal at home) or on the verifier's own registration page (`verifier`). No terminal or site ID is sent.
     */
    via: z.discriminatedUnion("channel", [
      z.object({ channel: z.literal("terminal"), siteKind: siteKindSchema }),
      z.object({ channel: z.literal("verifier") }),
    ]),
    /** 4情報 read from the signature certificate, shared with the person's consent for matching only. */
    fourInfo: fourInfoSchema,
    /** What the person agreed to: the version of the consent text they saw, and when. */
    consent: z.object({ textVersion: z.string(), acceptedAt: z.iso.datetime() }),
  }),
);
export const accountUpdatedEventSchema = envelope(
  "account.updated",
  z.object({
    accountId: commonPfIdSchema,
    updatedAt: z.iso.datetime(),
    /** renewed: new certificates (更新); reissued: a new signature certificate after a change of 4情報 (転居…). */
    reason: z.enum(["renewed", "reissued"]),
    fourInfo: fourInfoSchema,
  }),
);
export const accountRevokedEventSchema = envelope(
  "account.revoked",
  z.object({
    accountId: commonPfIdSchema,
    revokedAt: z.iso.datetime(),
    /** RFC 5280 reason as J-LIS reported it (affiliationChanged after a move revokes the signature certificate only). */
    reason: z.string(),
    certificate: z.enum(["signature", "authentication"]),
  }),
);
export const verifierEventSchema = z.discriminatedUnion("type", [
  accountRegisteredEventSchema,
  accountUpdatedEventSchema,
  accountRevokedEventSchema,
]);
export type VerifierEvent = z.infer<typeof verifierEventSchema>;

// PF → provider
export const enrolmentCreatedEventSchema = envelope(
  "enrolment.created",
  z.object({
    pairwiseId: pairwiseIdSchema,
    serviceId: z.string(),
    operatorId: z.string(),
    enrolledAt: z.iso.datetime(),
  }),
);
export const settlementIssuedEventSchema = envelope(
  "settlement.issued",
  z.object({
    settlementId: z.string(),
    operatorId: z.string(),
    operatorName: z.string(),
    town: z.string(),
    month: yearMonthSchema,
    recordsCollected: z.number().int().nonnegative(),
    reversals: z.number().int().nonnegative(),
    grossYen: yenSchema,
    collectionFeeYen: yenSchema,
    netPayableYen: yenSchema,
    records: z.array(
      z.object({
        /** The provider's own reference for the charge, and the viewer as this provider knows them. */
        providerReference: z.string(),
        pairwiseId: pairwiseIdSchema,
        status: z.enum(["collected", "reversed", "uncollected"]),
        amountYen: yenSchema,
      }),
    ),
  }),
);
export const providerEventSchema = z.discriminatedUnion("type", [
  enrolmentCreatedEventSchema,
  settlementIssuedEventSchema,
]);
export type ProviderEvent = z.infer<typeof providerEventSchema>;
