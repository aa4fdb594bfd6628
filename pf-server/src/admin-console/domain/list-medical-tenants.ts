/**
 * @module The medical field's tenants as the administrator console shows them: insurers (verifiers whose accounts
 * are 共通的PFIDs) with their revocation policy and webhook, and medical institutions (owners of reception sites)
 * with each reception, the insurers it may consult and its terminals. Never a secret, only whether one is set.
 */
import type { PfContext } from "../../domain/context.ts";
import { hasRole } from "../../domain/tenancy.ts";
import type { RevocationPolicy } from "../../storage/repositories.ts";

export interface InsurerView {
  id: string;
  name: string;
  revocationPolicy: RevocationPolicy;
  webhookSet: boolean;
}

export interface InstitutionView {
  id: string;
  name: string;
  receptions: {
    id: string;
    name: string;
    institutionCode: string | null;
    insurerIds: string[];
    terminals: number;
  }[];
}

/** One read of the store (`listTenantsWithReceptions`), however many tenants, sites and terminals there are. */
export async function listMedicalTenants(
  ctx: PfContext,
): Promise<{ insurers: InsurerView[]; institutions: InstitutionView[] }> {
  const insurers: InsurerView[] = [];
  const institutions: InstitutionView[] = [];
  for (const { tenant, verifier, receptions } of await ctx.store.tenants.listTenantsWithReceptions()) {
    if (hasRole(tenant, "verifier") && verifier?.accountIdKind === "common-pf-id")
      insurers.push({
        id: tenant.id,
        name: tenant.name,
        revocationPolicy: verifier.revocationPolicy,
        webhookSet: Boolean(tenant.webhookUrl && tenant.webhookSecret),
      });
    if (!hasRole(tenant, "site-owner") || receptions.length === 0) continue;
    institutions.push({
      id: tenant.id,
      name: tenant.name,
      receptions: receptions.map(({ site, terminals }) => ({
        id: site.id,
        name: site.name,
        institutionCode: site.institutionCode,
        insurerIds: site.verifierIds,
        terminals,
      })),
    });
  }
  return { insurers, institutions };
}
