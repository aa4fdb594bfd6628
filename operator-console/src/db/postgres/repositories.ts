/**
 * @module The PostgreSQL implementation of the console's repositories (`src/domain/repositories.ts`), for one or
 * several consoles sharing one database.
 *
 * A unit of work is a PostgreSQL transaction on a connection of its own that first takes one transaction-scoped
 * advisory lock, so units of work run one after another across every console on the database, as SQLite's one
 * writer runs them (within one console they also queue in memory first, so units waiting their turn do not each
 * hold a pooled connection — a long monthly close would otherwise empty the pool for every other request): the use cases read, decide and write inside a unit of work (close a month that is not closed,
 * link a cable ID that is pending, import a CSV whose preview still holds) and rely on nothing changing in between.
 * Calls through the outer repositories run at once on other connections and see only what was committed. As in the
 * SQLite implementation, a unit of work's own code may not use the outer repositories (on PostgreSQL that call
 * could wait for a row the unit of work itself holds), nor its repositories once it has ended.
 *
 * A lost connection — the database restarting, a network cut — is thrown as the console's `service_unavailable`
 * (503), never as a driver error; the pool reconnects by itself for the next call.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { advisoryLockKey, isConnectionLoss } from "@catv/postgres";
import { createPgLoginFailures } from "@catv/postgres/login-failures";
import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { Repositories, RepositorySet } from "../../domain/repositories.ts";
import { ConsoleError } from "../../errors.ts";
import { createPgAccountsRepository } from "./accounts-repository.ts";
import { createPgAuditRepository } from "./audit-repository.ts";
import { createPgBillingRepository } from "./billing-repository.ts";
import { createPgCableIdsRepository } from "./cable-ids-repository.ts";
import type { PgDb } from "./database.ts";
import { createPgHouseholdsRepository } from "./households-repository.ts";
import { createPgPfSyncRepository } from "./pf-sync-repository.ts";
import type * as schema from "./schema.ts";
import { loginFailures } from "./schema.ts";
import { createPgUsageRepository } from "./usage-repository.ts";

/** The lock every unit of work of the console takes: one key for the whole database, as SQLite has one writer. */
const UNIT_OF_WORK_LOCK = advisoryLockKey("operator-console:unit-of-work").toString();

function setFor(db: PgDb): RepositorySet {
  return {
    accounts: createPgAccountsRepository(db),
    audit: createPgAuditRepository(db),
    billing: createPgBillingRepository(db),
    cableIds: createPgCableIdsRepository(db),
    households: createPgHouseholdsRepository(db),
    loginFailures: createPgLoginFailures(db, loginFailures),
    pfSync: createPgPfSyncRepository(db),
    usage: createPgUsageRepository(db),
  };
}

/** A lost connection as the console's coded 503; any other error as it is. */
function unavailableIfDisconnected(error: unknown): unknown {
  return isConnectionLoss(error) ? new ConsoleError("service_unavailable") : error;
}

function guard<T extends object>(repository: T, beforeCall: () => void): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repository) as [
    string,
    (...args: unknown[]) => Promise<unknown>,
  ][]) {
    guarded[name] = async (...args: unknown[]) => {
      beforeCall();
      try {
        return await method(...args);
      } catch (error) {
        throw unavailableIfDisconnected(error);
      }
    };
  }
  return guarded as T;
}

function guardSet(set: RepositorySet, beforeCall: () => void): RepositorySet {
  return {
    accounts: guard(set.accounts, beforeCall),
    audit: guard(set.audit, beforeCall),
    billing: guard(set.billing, beforeCall),
    cableIds: guard(set.cableIds, beforeCall),
    households: guard(set.households, beforeCall),
    loginFailures: guard(set.loginFailures, beforeCall),
    pfSync: guard(set.pfSync, beforeCall),
    usage: guard(set.usage, beforeCall),
  };
}

export function createPgRepositories(db: NodePgDatabase<typeof schema>): Repositories {
  const insideUnit = new AsyncLocalStorage<true>();
  const refuseInsideUnit = () => {
    if (insideUnit.getStore()) {
      throw new Error("A unit of work called the outer repositories; use the ones transaction() gives it.");
    }
  };
  const outer = guardSet(setFor(db), refuseInsideUnit);

  // Units of work wait their turn in memory, holding no pooled connection, except the next in line: it starts its
  // transaction and waits on the lock as soon as the one before holds it, so the lock passes from one to the next
  // at COMMIT without two more round trips (BEGIN, the lock) in the serialised part — which bounds how fast the
  // console takes the PF's events.
  let queue: Promise<unknown> = Promise.resolve();
  const transaction = async <T>(work: (tx: Repositories) => Promise<T>): Promise<T> => {
    // Waiting in the queue behind itself would never end.
    refuseInsideUnit();
    const previous = queue;
    let nextMayWait = () => {};
    queue = new Promise<void>((resolve) => {
      nextMayWait = resolve;
    });
    await previous;
    try {
      return await db.transaction(async (connection) => {
        await connection.execute(sql`SELECT pg_advisory_xact_lock(${UNIT_OF_WORK_LOCK}::bigint)`);
        nextMayWait();
        let ended = false;
        const inside = guardSet(setFor(connection), () => {
          if (ended) throw new Error("A unit of work's repositories were used after it ended.");
        });
        const tx: Repositories = { ...inside, transaction: (nested) => nested(tx) };
        try {
          return await insideUnit.run(true, () => work(tx));
        } finally {
          ended = true;
        }
      });
    } catch (error) {
      throw unavailableIfDisconnected(error);
    } finally {
      nextMayWait();
    }
  };
  return { ...outer, transaction };
}
