/**
 * @module Every terminal of every site owner (CATV operators' STBs, medical institutions' reception terminals) with
 * its site, state and when it was last used (an accepted terminal assertion; recorded at most once a minute), for
 * the administrator console.
 */
import type { PfContext } from "../../domain/context.ts";
import { hasRole } from "../../domain/tenancy.ts";

export interface TerminalView {
  terminalId: string;
  ownerId: string;
  ownerName: string;
  siteName: string;
  status: "active" | "disabled";
  createdAt: string;
  lastUsedAt: string | null;
}

export async function listTerminals(
  ctx: PfContext,
  filter: { ownerId?: string } = {},
): Promise<TerminalView[]> {
  const owners = (await ctx.store.tenants.listTenants()).filter(
    (tenant) => hasRole(tenant, "site-owner") && (!filter.ownerId || tenant.id === filter.ownerId),
  );
  const lastUse = await ctx.store.tenants.terminalLastUse();
  const views: TerminalView[] = [];
  for (const owner of owners) {
    const sites = new Map(
      (await ctx.store.tenants.listSites({ ownerId: owner.id })).map((s) => [s.id, s.name]),
    );
    for (const t of await ctx.store.tenants.listTerminals({ ownerId: owner.id })) {
      views.push({
        terminalId: t.id,
        ownerId: owner.id,
        ownerName: owner.name,
        siteName: sites.get(t.siteId) ?? t.siteId,
        status: t.status,
        createdAt: t.createdAt,
        lastUsedAt: lastUse.get(t.id) ?? null,
      });
    }
  }
  return views.sort((a, b) => a.ownerId.localeCompare(b.ownerId) || a.terminalId.localeCompare(b.terminalId));
}
