/**
 * @module The SQLite implementation of the console's repositories (`src/domain/repositories.ts`).
 *
 * better-sqlite3 is synchronous, so each SQLite repository is written as the synchronous twin of its interface
 * (`Synchronous<…>`) and adapted here. The asynchronous unit of work is a `BEGIN IMMEDIATE … COMMIT` on the one
 * connection, with a gate: while a unit of work is open (it may await between its statements), a call through
 * the outer repositories waits for it to end instead of slipping into it, and units of work run one after
 * another. A call that needs no wait runs at once, synchronously, so the adaptation costs one resolved promise.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createSqliteLoginFailures } from "@catv/service-kit/login-failures-sqlite";
import type { Repositories, RepositorySet } from "../domain/repositories.ts";
import { createAccountsRepository } from "./accounts-repository.ts";
import { createAuditRepository } from "./audit-repository.ts";
import { createBillingRepository } from "./billing-repository.ts";
import { createCableIdsRepository } from "./cable-ids-repository.ts";
import { createHouseholdsRepository } from "./households-repository.ts";
import type { Db } from "./open-database.ts";
import { createPfSyncRepository } from "./pf-sync-repository.ts";
import { loginFailures } from "./schema.ts";
import type { Synchronous } from "./synchronous.ts";
import { createUsageRepository } from "./usage-repository.ts";

type SynchronousSet = { [K in keyof RepositorySet]: Synchronous<RepositorySet[K]> };

/** One unit of work at a time on the connection; outer calls wait while one is open. */
class TransactionGate {
  private tail: Promise<void> = Promise.resolve();
  /** Settles when the open unit of work has ended; null when none is open. */
  open: Promise<void> | null = null;
  /** Marks the asynchronous context of the open unit of work, to catch an outer call made from inside it. */
  readonly context = new AsyncLocalStorage<Promise<void>>();

  async run<T>(begin: () => void, commit: () => void, rollback: () => void, work: () => Promise<T>) {
    let release = () => {};
    const ended = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => ended);
    await previous;
    this.open = ended;
    try {
      begin();
      const result = await this.context.run(ended, work);
      commit();
      return result;
    } catch (error) {
      rollback();
      throw error;
    } finally {
      this.open = null;
      release();
    }
  }
}

function adapt<T extends object>(
  repository: Synchronous<T>,
  beforeCall: (() => Promise<void> | undefined) | undefined,
): T {
  const adapted: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repository) as [string, (...args: unknown[]) => unknown][]) {
    adapted[name] = beforeCall
      ? async (...args: unknown[]) => {
          // Re-checked after every wait: another unit of work may have begun in between.
          for (let wait = beforeCall(); wait; wait = beforeCall()) await wait;
          return method(...args);
        }
      : async (...args: unknown[]) => method(...args);
  }
  return adapted as T;
}

function adaptSet(sync: SynchronousSet, beforeCall: (() => Promise<void> | undefined) | undefined) {
  return {
    accounts: adapt(sync.accounts, beforeCall),
    audit: adapt(sync.audit, beforeCall),
    billing: adapt(sync.billing, beforeCall),
    cableIds: adapt(sync.cableIds, beforeCall),
    households: adapt(sync.households, beforeCall),
    loginFailures: adapt(sync.loginFailures, beforeCall),
    pfSync: adapt(sync.pfSync, beforeCall),
    usage: adapt(sync.usage, beforeCall),
  } satisfies RepositorySet;
}

export function createRepositories(db: Db): Repositories {
  const client = db.$client;
  const sync: SynchronousSet = {
    accounts: createAccountsRepository(db),
    audit: createAuditRepository(db),
    billing: createBillingRepository(db),
    cableIds: createCableIdsRepository(db),
    households: createHouseholdsRepository(db),
    loginFailures: createSqliteLoginFailures(db, loginFailures),
    pfSync: createPfSyncRepository(db),
    usage: createUsageRepository(db),
  };
  const gate = new TransactionGate();
  const waitForOpenUnit = () => {
    if (gate.open && gate.context.getStore() === gate.open) {
      // Waiting here would wait for itself: the unit of work's own code used the outer repositories.
      throw new Error("A unit of work called the outer repositories; use the ones transaction() gives it.");
    }
    return gate.open ?? undefined;
  };
  const outer = adaptSet(sync, waitForOpenUnit);

  const transaction = async <T>(work: (tx: Repositories) => Promise<T>): Promise<T> => {
    // Started from inside a unit of work through the outer repositories, it would wait for itself.
    waitForOpenUnit();
    let ended = false;
    const inside = adaptSet(sync, () => {
      if (ended) throw new Error("A unit of work's repositories were used after it ended.");
      return undefined;
    });
    const tx: Repositories = { ...inside, transaction: (nested) => nested(tx) };
    return gate.run(
      () => client.exec("BEGIN IMMEDIATE"),
      () => client.exec("COMMIT"),
      () => {
        if (client.inTransaction) client.exec("ROLLBACK");
      },
      async () => {
        try {
          return await work(tx);
        } finally {
          ended = true;
        }
      },
    );
  };
  return { ...outer, transaction };
}
