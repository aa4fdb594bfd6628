/**
 * @module 利用者登録 on the TV (flow 1): a viewer registers with the operator whose STB they use — the verifier of
 * the terminal's portal site — through the core registration (register-person.ts). The answer keeps the TV API's
 * names: the account ID is the cable ID, the link status the household link.
 */
import type { registrationRequestSchema, registrationResponseSchema } from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../platform/errors.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { issueRegistrationReceipt } from "./read-registration-status.ts";
import { registerPerson } from "./register-person.ts";
import { requireChannel, siteOf } from "./site-boundary.ts";

export async function registerViewer(
  ctx: PfContext,
  scope: TerminalScope,
  input: z.infer<typeof registrationRequestSchema>,
): Promise<z.infer<typeof registrationResponseSchema>> {
  requireChannel(scope, "portal");
  const [operatorId] = (await siteOf(ctx, scope)).verifierIds;
  if (!operatorId) throw fail("site_not_allowed", "The STB's site names no operator.");
  const result = await registerPerson(ctx, { kind: "terminal", scope }, operatorId, input);
  return {
    cableId: result.accountId,
    outcome: result.outcome,
    householdLink: result.linkStatus,
    receipt: await issueRegistrationReceipt(ctx, scope, result.accountId),
  };
}
