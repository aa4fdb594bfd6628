/**
 * @module Asynchronous repositories and transactions over one synchronous SQLite connection.
 *
 * A provider's domain code sees only async repositories and `transaction(async (tx) => …)`, so another database
 * (PostgreSQL, whose driver is asynchronous) needs only another implementation. better-sqlite3 is synchronous and
 * has one connection: a transaction that awaits between its statements would let another request's statements run
 * on the same connection in the middle of it (inside it, and rolled back with it). So the gate lets one transaction
 * run at a time, and a repository call made outside any transaction waits until the transaction in progress has
 * committed or rolled back. The SQLite repositories themselves stay plain synchronous drizzle code.
 */
import type Database from "better-sqlite3";
import { transactionEnded, transactionScope, wrapRepositories } from "../repository-scope.ts";

/** The synchronous form of an async repository interface (or of an object holding several). */
export type Synchronous<T> = T extends (...args: infer A) => Promise<infer R>
  ? (...args: A) => R
  : T extends (...args: infer A) => infer R
    ? (...args: A) => R
    : T extends object
      ? { [K in keyof T]: Synchronous<T[K]> }
      : T;

export interface SqliteGate {
  /** The async repositories used outside a transaction: each call waits for the transaction in progress. */
  outside<R extends object>(repositories: Synchronous<R>): R;
  /**
   * Runs `fn` in one write transaction (`BEGIN IMMEDIATE`: the write lock is taken at the start, so a check and
   * the write after it cannot interleave with another process's writer) with repositories bound to it; commits
   * when `fn` resolves, rolls back when it throws.
   */
  transaction<R extends object, T>(repositories: Synchronous<R>, fn: (tx: R) => Promise<T>): Promise<T>;
}

/** Runs one piece of work at a time, in the order asked. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * @example const gate = sqliteGate(sqlite);
 *          const store = { ...gate.outside<Repos>(repos), transaction: (fn) => gate.transaction<Repos, T>(repos, fn) };
 */
export function sqliteGate(sqlite: Database.Database): SqliteGate {
  const queue = new Queue();
  const scope = transactionScope();
  return {
    outside<R extends object>(repositories: Synchronous<R>): R {
      return wrapRepositories<R>(repositories, (fn) => {
        scope.refuseInside();
        return queue.run(fn);
      });
    },
    transaction<R extends object, T>(repositories: Synchronous<R>, fn: (tx: R) => Promise<T>): Promise<T> {
      scope.refuseInside();
      return queue.run(async () => {
        const state = { open: true };
        const tx = wrapRepositories<R>(repositories, async (call) => {
          if (!state.open) throw transactionEnded();
          return call();
        });
        sqlite.exec("BEGIN IMMEDIATE");
        try {
          const result = await scope.run(state, () => fn(tx));
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
