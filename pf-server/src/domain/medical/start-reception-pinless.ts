/**
 * @module PIN-less start at a reception (ポイント2: the patient touches the card, no PIN): the TV's PIN-less start
 * (start-pinless-login.ts) for a patient registered with an insurer of this site. In person, as the law allows
 * (公的個人認証法 38条の4, 規則64条の12); the birth-date key goes only to this terminal, which shows the bound card.
 */
import type {
  receptionPinlessStartRequestSchema,
  receptionPinlessStartResponseSchema,
} from "@catv/contracts";
import type { z } from "zod";
import type { PfContext, TerminalScope } from "../context.ts";
import { startPinless } from "../start-pinless-login.ts";
import { receptionAccount, receptionSiteOf } from "./reception-site.ts";

export async function startReceptionPinless(
  ctx: PfContext,
  scope: TerminalScope,
  input: z.infer<typeof receptionPinlessStartRequestSchema>,
): Promise<z.infer<typeof receptionPinlessStartResponseSchema>> {
  const site = await receptionSiteOf(ctx, scope);
  return startPinless(
    ctx,
    scope,
    input,
    (person) => receptionAccount(ctx, site, person),
    "reception.pinless.start",
  );
}
