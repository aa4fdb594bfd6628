/**
 * @module GET /v1/operator/sessions — the operator's viewer sessions of the last days, newest first, each with how
 * the viewer was recognised and through which reader: the STB's own card reader, or the viewer's phone (a
 * cross-device request). For the console's staff; cable IDs and terminal IDs only, nothing personal.
 */
import { z } from "zod";
import { acrSchema, cableIdSchema } from "./common.ts";

export const sessionSourceSchema = z
  .enum(["stb-reader", "phone"])
  .describe(
    "`stb-reader`: the card was in the STB's reader; `phone`: the viewer's phone read it (acr pin-phone).",
  );
export const operatorSessionSchema = z.object({
  cableId: cableIdSchema,
  terminalId: z.string(),
  acr: acrSchema,
  source: sessionSourceSchema,
  startedAt: z.iso.datetime(),
  /** When it was logged out, revoked or replaced by a step-up; null while it may still be in use. */
  endedAt: z.iso.datetime().nullable(),
});
export const operatorSessionsResponseSchema = z.object({ sessions: z.array(operatorSessionSchema) });
export type OperatorSession = z.infer<typeof operatorSessionSchema>;
/** How many sessions one answer lists at most (the newest). */
export const OPERATOR_SESSIONS_LIMIT = 200;
