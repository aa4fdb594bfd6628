/**
 * @module What the operator's system calls at the PF. `Authorization: Bearer <operator apiKey>`; base `/v1/operator`.
 */
import { z } from "zod";
import { cableIdSchema, yearMonthSchema, yenSchema } from "./common.ts";

/** POST /v1/operator/assisted-registrations — staff open a registration on an STB for a household member. */
export const assistedRegistrationRequestSchema = z.object({
  terminalId: z.string(),
  contractId: z.string(),
  memberId: z.string(),
});
export const assistedRegistrationResponseSchema = z.object({
  registrationSessionId: z.string(),
  expiresAt: z.iso.datetime(),
});

/** PUT /v1/operator/cable-ids/{cableId}/household-link — so the TV can tell the viewer the link state. */
export const householdLinkRequestSchema = z.object({ status: z.enum(["linked", "pending"]) });

/** POST /v1/operator/settlements — one provider's monthly settlement; `Idempotency-Key` header. */
export const settlementRequestSchema = z.object({
  month: yearMonthSchema,
  providerId: z.string(),
  recordsCollected: z.number().int().nonnegative(),
  reversals: z.number().int().nonnegative(),
  grossYen: yenSchema,
  collectionFeeYen: yenSchema,
  netPayableYen: yenSchema,
  records: z.array(
    z.object({
      usageId: z.string(),
      status: z.enum(["collected", "reversed", "uncollected"]),
      amountYen: yenSchema,
    }),
  ),
});
export type SettlementRequest = z.infer<typeof settlementRequestSchema>;
export const settlementResponseSchema = z.object({ settlementId: z.string(), status: z.enum(["accepted"]) });

/** GET /v1/operator/fee-statements/{month} (JSON; `?format=csv` for CSV) — the PF's usage-fee statement. */
export const feeStatementSchema = z.object({
  operatorId: z.string(),
  month: yearMonthSchema,
  lines: z.array(
    z.object({
      item: z.string(),
      description: z.string(),
      count: z.number().int().nonnegative(),
      unitPriceYen: yenSchema,
      amountYen: yenSchema,
    }),
  ),
  subtotalYen: yenSchema,
  taxYen: yenSchema,
  totalYen: yenSchema,
  /**
   * True while the month is not over (JST): the counts so far, which still grow, so an operator can follow the
   * current month; false once it has ended and the statement is final.
   */
  provisional: z.boolean(),
  /** When the counts were read. */
  asOf: z.iso.datetime(),
});

export { cableIdSchema };
