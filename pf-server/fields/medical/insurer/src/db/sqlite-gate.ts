/**
 * @module Asynchronous repositories and transactions over one synchronous SQLite connection.
 *
 * The use cases see only async repositories and `transaction(async (tx) => …)` (domain/ports.ts), so another
 * database (PostgreSQL, whose driver is asynchronous) needs only another implementation. better-sqlite3 is
 * synchronous and has one connection: a transaction that awaits between its statements would let another request's
 * statements run on the same connection in the middle of it (inside it, and rolled back with it). So one
 * transaction runs at a time, and a repository call made outside any transaction waits until the transaction in
 * progress has committed or rolled back. The SQLite repositories themselves stay plain synchronous drizzle code.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";

/** The synchronous form of an async repository interface (or of an object holding several). */
export type Synchronous<T> = T extends (...args: infer A) => Promise<infer R>
  ? (...args: A) => R
  : T extends object
    ? { [K in keyof T]: Synchronous<T[K]> }
    : T;

/** Runs one piece of work at a time, in the order asked. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function wrap<R extends object>(sync: Synchronous<R>, call: (fn: () => unknown) => Promise<unknown>): R {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sync as Record<string, unknown>)) {
    if (typeof value === "function") {
      out[key] = (...args: unknown[]) => call(() => (value as (...a: unknown[]) => unknown)(...args));
    } else if (value !== null && typeof value === "object") {
      out[key] = wrap(value as Synchronous<object>, call);
    } else {
      out[key] = value;
    }
  }
  return out as R;
}

export interface SqliteGate {
  /** The async repositories used outside a transaction: each call waits for the transaction in progress. */
  outside<R extends object>(repositories: Synchronous<R>): R;
  /**
   * Runs `work` in one write transaction (`BEGIN IMMEDIATE`: the write lock is taken at the start, so a check and
   * the write after it cannot interleave with another process's writer) with repositories bound to it; commits
   * when `work` resolves, rolls back when it throws.
   */
  transaction<R extends object, T>(repositories: Synchronous<R>, work: (tx: R) => Promise<T>): Promise<T>;
}

export function sqliteGate(sqlite: Database.Database): SqliteGate {
  const queue = new Queue();
  // A flag object, not `true`: work started inside a transaction (a kicked worker) keeps this async context after
  // the transaction ends, and must then count as outside.
  const inTransaction = new AsyncLocalStorage<{ open: boolean }>();
  const refuseInside = () => {
    if (inTransaction.getStore()?.open) {
      // On SQLite this would wait for itself; on a pooled database it would run outside the transaction.
      throw new Error("Inside a transaction, use the repositories it gives (tx), not the store's.");
    }
  };
  return {
    outside<R extends object>(repositories: Synchronous<R>): R {
      return wrap<R>(repositories, (fn) => {
        refuseInside();
        return queue.run(fn);
      });
    },
    transaction<R extends object, T>(repositories: Synchronous<R>, work: (tx: R) => Promise<T>): Promise<T> {
      refuseInside();
      return queue.run(async () => {
        const state = { open: true };
        const tx = wrap<R>(repositories, async (call) => {
          if (!state.open) throw new Error("The transaction has ended; its repositories cannot be used.");
          return call();
        });
        sqlite.exec("BEGIN IMMEDIATE");
        try {
          const result = await inTransaction.run(state, () => work(tx));
          sqlite.exec("COMMIT");
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
          throw error;
        } finally {
          state.open = false;
        }
      });
    },
  };
}
