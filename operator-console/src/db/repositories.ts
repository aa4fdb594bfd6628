/**
 * @module Every repository of the console, built over one database. Domain functions receive this object.
 */
import { type AccountsRepository, createAccountsRepository } from "./accounts-repository.ts";
import { type AuditRepository, createAuditRepository } from "./audit-repository.ts";
import { type BillingRepository, createBillingRepository } from "./billing-repository.ts";
import { type CableIdsRepository, createCableIdsRepository } from "./cable-ids-repository.ts";
import { createHouseholdsRepository, type HouseholdsRepository } from "./households-repository.ts";
import type { Db } from "./open-database.ts";
import { createPfSyncRepository, type PfSyncRepository } from "./pf-sync-repository.ts";
import { createUsageRepository, type UsageRepository } from "./usage-repository.ts";

export interface Repositories {
  accounts: AccountsRepository;
  audit: AuditRepository;
  billing: BillingRepository;
  cableIds: CableIdsRepository;
  households: HouseholdsRepository;
  pfSync: PfSyncRepository;
  usage: UsageRepository;
  /** Runs `fn` in one write transaction (better-sqlite3 is synchronous: `fn` must not be async). */
  transaction<T>(fn: () => T): T;
}

export function createRepositories(db: Db): Repositories {
  return {
    accounts: createAccountsRepository(db),
    audit: createAuditRepository(db),
    billing: createBillingRepository(db),
    cableIds: createCableIdsRepository(db),
    households: createHouseholdsRepository(db),
    pfSync: createPfSyncRepository(db),
    usage: createUsageRepository(db),
    transaction: (fn) => db.$client.transaction(fn).immediate(),
  };
}
