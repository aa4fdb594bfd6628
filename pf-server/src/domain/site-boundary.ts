/**
 * @module The rules of a site: what its terminals may do (its channel), whose people they serve (its verifiers),
 * and where PIN-less use is allowed. A person belongs to a terminal's site through an account at one of the site's
 * verifiers. At a portal site (CATV) a person registered with another verifier is served only when both verifiers
 * allow logins across verifiers — otherwise that operator's portal would serve them and bill their operator.
 */
import { fail } from "../platform/errors.ts";
import type { Account, Site, SiteChannel } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";

/** Refuses a terminal whose site is not of this channel (a TV STB asking for eligibility, say). */
export function requireChannel(scope: TerminalScope, channel: SiteChannel): void {
  if (scope.channel !== channel) throw fail("site_not_allowed");
}

export async function siteOf(ctx: PfContext, scope: TerminalScope): Promise<Site> {
  const site = await ctx.store.tenants.getSite(scope.siteId);
  if (!site || site.ownerId !== scope.tenantId)
    throw fail("site_not_allowed", "The terminal's site is unknown.");
  return site;
}

/** The person's accounts at the site's verifiers, in the order the site consults them. */
export async function accountsAtSite(ctx: PfContext, site: Site, personId: string): Promise<Account[]> {
  const accounts = await ctx.store.people.listAccounts(personId);
  return site.verifierIds.flatMap((verifierId) => accounts.filter((a) => a.verifierId === verifierId));
}

/**
 * The account a person uses at a portal terminal: at one of the site's verifiers, or — when both that verifier and
 * the site's allow logins across verifiers — at another. `viewer_of_other_operator` when the person is registered
 * with another verifier of the same kind only; `card_not_registered` when with none.
 */
export async function accountAtPortal(
  ctx: PfContext,
  scope: TerminalScope,
  personId: string,
): Promise<Account> {
  const site = await siteOf(ctx, scope);
  const [own] = await accountsAtSite(ctx, site, personId);
  if (own) return own;
  const siteVerifiers = await Promise.all(site.verifierIds.map((id) => ctx.store.tenants.getVerifier(id)));
  const kinds = new Set(siteVerifiers.map((v) => v?.accountIdKind));
  const hostAllows = siteVerifiers.some((v) => v?.crossVerifierLogins);
  let sameKind = false;
  for (const account of await ctx.store.people.listAccounts(personId)) {
    const home = await ctx.store.tenants.getVerifier(account.verifierId);
    if (!home || !kinds.has(home.accountIdKind)) continue;
    if (home.crossVerifierLogins && hostAllows) return account;
    sameKind = true;
  }
  throw fail(sameKind ? "viewer_of_other_operator" : "card_not_registered");
}

/**
 * PIN-less use is what the law allows in person (公的個人認証法 38条の4, 規則64条の12); at a remote site only when the
 * verifier's documented setting allows it for its accounts (the CATV demonstration's operators do).
 */
export async function requirePinlessAllowed(
  ctx: PfContext,
  scope: TerminalScope,
  verifierId: string,
): Promise<void> {
  if (scope.siteKind === "in-person") return;
  const verifier = await ctx.store.tenants.getVerifier(verifierId);
  if (!verifier?.pinlessAtRemoteSites) throw fail("pinless_not_allowed");
}
