/**
 * @module Events the PF sends to operators and providers through its transactional outbox.
 *
 * Delivery follows Standard Webhooks: POST with `webhook-id`, `webhook-timestamp` and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 over "<id>.<timestamp>.<body>">` keyed by the endpoint's `whsec_` secret); at least
 * once, retried with exponential backoff and jitter; receivers deduplicate by `id`.
 */
import { z } from "zod";
import { cableIdSchema, fourInfoSchema, pairwiseIdSchema, yearMonthSchema, yenSchema } from "./common.ts";

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
