/**
 * @module 利用者登録 at a reception with staff help (参考１－１, without the 2015 secretariat's paper form): the patient
 * signs with the signature certificate and its password on the reception terminal, for one of the site's insurers;
 * the PF issues that insurer a 共通的PFID and sends it `account.registered` with the verified 4情報. The terminal
 * learns only the outcome — never the 共通的PFID.
 */
import type {
  receptionRegistrationRequestSchema,
  receptionRegistrationResponseSchema,
} from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../../platform/errors.ts";
import type { PfContext, TerminalScope } from "../context.ts";
import { registerPerson } from "../register-person.ts";
import { receptionSiteOf } from "./reception-site.ts";

export async function registerAtReception(
  ctx: PfContext,
  scope: TerminalScope,
  input: z.infer<typeof receptionRegistrationRequestSchema>,
): Promise<z.infer<typeof receptionRegistrationResponseSchema>> {
  const site = await receptionSiteOf(ctx, scope);
  if (!site.verifierIds.includes(input.verifierId)) throw fail("verifier_not_allowed_at_site");
  const { verifierId, ...registration } = input;
  const result = await registerPerson(ctx, { kind: "terminal", scope }, verifierId, registration);
  const verifier = await ctx.store.tenants.getTenant(verifierId);
  return {
    verifierId,
    verifierName: verifier?.name ?? verifierId,
    outcome: result.outcome,
    linkStatus: result.linkStatus,
  };
}
