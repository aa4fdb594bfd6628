/**
 * @module Asynchronous repositories and transactions over a PostgreSQL pool (drizzle's node-postgres driver), with
 * the promises the SQLite gate gives (sqlite/sqlite-gate.ts), so a provider's use cases behave alike on both:
 *
 * - A transaction runs at SERIALIZABLE isolation. On SQLite one transaction runs at a time, so a use case that
 *   reads, decides and writes (count a viewer's open bookings, then book) can rely on nothing changing in between.
 *   SERIALIZABLE keeps that promise with several connections and several processes: PostgreSQL aborts one of two
 *   transactions whose reads and writes overlap (SQLSTATE 40001), and the work is run again from the start on a
 *   fresh transaction, as the PostgreSQL manual advises (13.2.3, "Serializable Isolation Level").
 * - A repository call made outside a transaction is its own short transaction, so a repository method of several
 *   statements is all or nothing, as it is under the gate.
 * - Inside a transaction only its repositories may be used, and they die with it (repository-scope.ts).
 */
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { transactionEnded, transactionScope, wrapRepositories } from "../repository-scope.ts";

/** A drizzle PostgreSQL database or transaction: what a repository is built over. */
export type PgExecutor<S extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, S>;

export interface PgStore<R extends object> {
  /** The repositories used outside a transaction: each call is one transaction of its own. */
  outside: R;
  /** Runs `fn` in one SERIALIZABLE transaction with repositories bound to it; run again on a serialization failure. */
  transaction<T>(fn: (tx: R) => Promise<T>): Promise<T>;
}

export interface PgStoreOptions {
  /** How many times a transaction is tried before a serialization failure is thrown to the caller. */
  maxAttempts?: number;
}

/** SQLSTATEs that mean "run the transaction again": serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(["40001", "40P01"]);

/** The SQLSTATE of a node-postgres error, also when drizzle wrapped it (DrizzleQueryError keeps it as `cause`). */
export function sqlState(error: unknown): string | undefined {
  for (let e = error; e !== null && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** True for a unique_violation (23505), the answer to "this key is stored already". */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === "23505";
}

/**
 * @example const store = pgStore(db, (executor) => ({ bookings: pgBookingRepository(executor), … }));
 *          await store.transaction(async (tx) => tx.bookings.insert(booking));
 */
export function pgStore<S extends Record<string, unknown>, R extends object>(
  db: PgExecutor<S>,
  repositories: (executor: PgExecutor<S>) => R,
  options: PgStoreOptions = {},
): PgStore<R> {
  const scope = transactionScope();
  const maxAttempts = options.maxAttempts ?? 20;

  async function transaction<T>(fn: (tx: R) => Promise<T>): Promise<T> {
    scope.refuseInside();
    for (let attempt = 1; ; attempt += 1) {
      const state = { open: true };
      try {
        return await db.transaction(
          async (executor) => {
            const bound = repositories(executor as unknown as PgExecutor<S>);
            const tx = wrapRepositories<R>(bound, async (call) => {
              if (!state.open) throw transactionEnded();
              return call();
            });
            return scope.run(state, () => fn(tx));
          },
          { isolationLevel: "serializable" },
        );
      } catch (error) {
        const code = sqlState(error);
        if (code === undefined || !RETRYABLE.has(code) || attempt >= maxAttempts) throw error;
        // A short random pause, so two transactions that collided do not collide again at once.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * attempt)));
      } finally {
        state.open = false;
      }
    }
  }

  // Each outside call is its own transaction: the same call on the transaction's repositories.
  return { outside: route<R>(repositories(db), [], transaction), transaction };
}

/** The store's own repositories: each call runs as `tx.<path>(…args)` in a transaction of its own. */
function route<R extends object>(
  shape: object,
  path: string[],
  transaction: <T>(fn: (tx: R) => Promise<T>) => Promise<T>,
): R {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(shape as Record<string, unknown>)) {
    const here = [...path, key];
    if (typeof value === "function") {
      out[key] = (...args: unknown[]) =>
        transaction((tx) => {
          let target: unknown = tx;
          let owner: unknown = tx;
          for (const part of here) {
            owner = target;
            target = (target as Record<string, unknown>)[part];
          }
          return (target as (...a: unknown[]) => Promise<unknown>).apply(owner, args);
        });
    } else if (value !== null && typeof value === "object") {
      out[key] = route(value, here, transaction);
    }
  }
  return out as R;
}
