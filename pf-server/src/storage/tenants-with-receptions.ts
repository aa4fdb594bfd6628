/**
 * @module `listTenantsWithReceptions` of both stores, put together from the same four reads: tenants with their
 * verifier settings, reception sites with their terminal counts, and the verifiers and services of those sites.
 */
import type { Branding, Site, Tenant, TenantWithReceptions, VerifierSettings } from "./repositories.ts";

export interface TenantsWithReceptionsRows {
  /** By tenant ID. */
  tenants: { tenant: Tenant; verifier: VerifierSettings | null }[];
  /** Reception sites by site ID, each with its number of terminals. */
  receptions: {
    site: Omit<Site, "verifierIds" | "serviceIds" | "branding"> & { branding: unknown };
    terminals: number;
  }[];
  /** The reception sites' verifiers, each site's in the order it consults them. */
  siteVerifiers: { siteId: string; verifierId: string }[];
  /** The reception sites' services, each site's by service ID. */
  siteServices: { siteId: string; serviceId: string }[];
}

export function assembleTenantsWithReceptions(rows: TenantsWithReceptionsRows): TenantWithReceptions[] {
  const idsBySite = (pairs: { siteId: string; id: string }[]) => {
    const bySite = new Map<string, string[]>();
    for (const { siteId, id } of pairs) {
      const ids = bySite.get(siteId);
      if (ids) ids.push(id);
      else bySite.set(siteId, [id]);
    }
    return bySite;
  };
  const verifiers = idsBySite(rows.siteVerifiers.map((r) => ({ siteId: r.siteId, id: r.verifierId })));
  const services = idsBySite(rows.siteServices.map((r) => ({ siteId: r.siteId, id: r.serviceId })));
  const receptionsByOwner = new Map<string, TenantWithReceptions["receptions"]>();
  for (const { site, terminals } of rows.receptions) {
    const reception = {
      site: {
        ...site,
        branding: (site.branding as Branding | null) ?? null,
        verifierIds: verifiers.get(site.id) ?? [],
        serviceIds: services.get(site.id) ?? [],
      },
      terminals,
    };
    const owned = receptionsByOwner.get(site.ownerId);
    if (owned) owned.push(reception);
    else receptionsByOwner.set(site.ownerId, [reception]);
  }
  return rows.tenants.map(({ tenant, verifier }) => ({
    tenant,
    verifier: verifier ?? undefined,
    receptions: receptionsByOwner.get(tenant.id) ?? [],
  }));
}
