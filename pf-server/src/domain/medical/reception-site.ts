/**
 * @module The shared rules of a reception (参考１－３): the terminal must stand at an in-person reception site, which
 * names its 医療機関コード and the insurers it may consult; a patient is served there through an account at one of
 * those insurers (the site's order), and is known to the institution by its own patient reference.
 */
import { fail } from "../../platform/errors.ts";
import { randomId } from "../../platform/ids.ts";
import type { Account, Person, Site } from "../../storage/repositories.ts";
import type { PfContext, TerminalScope } from "../context.ts";
import { accountsAtSite, requireChannel, siteOf } from "../site-boundary.ts";

export interface ReceptionSite extends Site {
  institutionCode: string;
}

/** The terminal's reception site; `site_not_allowed` for any other terminal (a TV STB, say). */
export async function receptionSiteOf(ctx: PfContext, scope: TerminalScope): Promise<ReceptionSite> {
  requireChannel(scope, "reception");
  const site = await siteOf(ctx, scope);
  if (!site.institutionCode) throw fail("site_not_allowed", "The reception site names no 医療機関コード.");
  return site as ReceptionSite;
}

/**
 * The account a patient is recognised with at this reception: the first of their accounts at the site's insurers.
 * A card registered only elsewhere is answered as not registered (the hospital learns nothing of other verifiers).
 */
export async function receptionAccount(ctx: PfContext, site: Site, person: Person): Promise<Account> {
  const [account] = await accountsAtSite(ctx, site, person.id);
  if (!account) throw fail("card_not_registered");
  return account;
}

/** The registrations the reception may show: the patient's accounts at the site's insurers, with their names. */
export async function registrationStates(ctx: PfContext, site: Site, personId: string) {
  return Promise.all(
    (await accountsAtSite(ctx, site, personId)).map(async (account) => ({
      verifierId: account.verifierId,
      verifierName: (await ctx.store.tenants.getTenant(account.verifierId))?.name ?? account.verifierId,
      linkStatus: account.linkStatus,
    })),
  );
}

/** The institution's reference for the patient: issued on the first recognition at any of its sites, then kept. */
export function patientReferenceFor(ctx: PfContext, ownerId: string, personId: string) {
  return ctx.store.people.referenceFor({
    ownerId,
    personId,
    reference: randomId("pr"),
    createdAt: ctx.clock.now().toISOString(),
  });
}

const THREE_MONTHS = 3;

/**
 * ONS warns the reception three months before the card's certificate expires (処理結果コード with the answer:
 * "マイナンバーカードの失効期限3か月前"), so that staff can tell the patient to renew it at the city office.
 */
export function certificateWarnings(notAfter: string | null, now: Date) {
  if (!notAfter) return [];
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() + THREE_MONTHS);
  return new Date(notAfter) <= limit
    ? [
        {
          code: "card_certificate_expiring" as const,
          message:
            "マイナンバーカードの利用者証明用電子証明書の有効期限まで3か月を切っています。市区町村の窓口での更新をご案内ください。",
        },
      ]
    : [];
}
