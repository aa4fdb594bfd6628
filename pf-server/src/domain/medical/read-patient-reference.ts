/**
 * @module The institution's back office asks about a patient it knows by its own reference: whether the patient is
 * registered (and linked) with the insurers its sites consult. Only the institution that was issued a reference
 * can use it; another institution's reference is answered as unknown.
 */
import type { patientReferenceStatusSchema } from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../../platform/errors.ts";
import type { Account } from "../../storage/repositories.ts";
import type { PfContext } from "../context.ts";

export async function readPatientReference(
  ctx: PfContext,
  institutionId: string,
  patientReference: string,
): Promise<z.infer<typeof patientReferenceStatusSchema>> {
  const reference = await ctx.store.people.findReference(institutionId, patientReference);
  if (!reference) throw fail("patient_reference_unknown");
  const verifierIds = [
    ...new Set((await ctx.store.tenants.listSites({ ownerId: institutionId })).flatMap((s) => s.verifierIds)),
  ];
  const accounts = await ctx.store.people.listAccounts(reference.personId);
  const atSites = verifierIds
    .map((id) => accounts.find((a) => a.verifierId === id))
    .filter((a): a is Account => Boolean(a));
  return {
    patientReference: reference.reference,
    issuedAt: reference.createdAt,
    registrations: await Promise.all(
      atSites.map(async (account) => ({
        verifierId: account.verifierId,
        verifierName: (await ctx.store.tenants.getTenant(account.verifierId))?.name ?? account.verifierId,
        linkStatus: account.linkStatus,
      })),
    ),
  };
}
