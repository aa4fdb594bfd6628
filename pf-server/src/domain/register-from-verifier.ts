/**
 * @module Registration on a verifier's own web site (参考１－１ ①: the insurer's home page), with no provisioned
 * terminal: the verifier's backend asks the PF for a registration challenge with its own API key, the person's
 * card signs it (signature certificate and password, the card-binding proof, consent), and the backend submits the
 * answer. The challenge is bound to the verifier and to no terminal, so only that verifier can answer it. The
 * registration is the core one (register-person.ts): the verifier gets `account.registered` with the 4情報.
 * A CATV operator registers its viewers on its STBs, not here.
 */
import type { registrationRequestSchema, verifierRegistrationResponseSchema } from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../platform/errors.ts";
import type { Challenge } from "../storage/repositories.ts";
import { issueChallenge } from "./challenges.ts";
import type { PfContext, RequestScope } from "./context.ts";
import { registerPerson } from "./register-person.ts";

async function requireOwnRegistrations(ctx: PfContext, verifierId: string) {
  const verifier = await ctx.store.tenants.getVerifier(verifierId);
  if (!verifier) throw fail("unauthorized", "Missing or unknown verifier API key.");
  if (verifier.accountIdKind === "cable-id")
    throw fail("forbidden", "An operator registers its viewers on its STBs.");
}

export async function issueVerifierRegistrationChallenge(
  ctx: PfContext,
  verifierId: string,
): Promise<Challenge> {
  await requireOwnRegistrations(ctx, verifierId);
  return issueChallenge(ctx, { tenantId: verifierId, terminalId: null }, "registration");
}

export async function registerFromVerifier(
  ctx: PfContext,
  scope: RequestScope,
  verifierId: string,
  input: z.infer<typeof registrationRequestSchema>,
): Promise<z.infer<typeof verifierRegistrationResponseSchema>> {
  await requireOwnRegistrations(ctx, verifierId);
  const result = await registerPerson(
    ctx,
    { kind: "verifier", verifierId, requestId: scope.requestId },
    verifierId,
    input,
  );
  return { accountId: result.accountId, outcome: result.outcome, linkStatus: result.linkStatus };
}
