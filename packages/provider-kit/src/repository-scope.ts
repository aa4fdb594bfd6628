/**
 * @module What both stores (SQLite behind its gate, PostgreSQL with a pool) promise about repositories and
 * transactions, in one place: inside a transaction only the transaction's repositories may be used (on SQLite the
 * store's own would wait for the transaction itself; on a pooled database they would run outside it), and a
 * transaction's repositories die with it.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** Builds an object of the same shape whose every function goes through `call`. */
export function wrapRepositories<R extends object>(
  source: object,
  call: (fn: () => unknown) => Promise<unknown>,
): R {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
    if (typeof value === "function") {
      out[key] = (...args: unknown[]) => call(() => (value as (...a: unknown[]) => unknown)(...args));
    } else if (value !== null && typeof value === "object") {
      out[key] = wrapRepositories(value, call);
    } else {
      out[key] = value;
    }
  }
  return out as R;
}

export interface TransactionScope {
  /** Throws when called from inside a transaction of this store. */
  refuseInside(): void;
  /** Runs `fn` as the body of a transaction: `state.open` turns false when the transaction ends. */
  run<T>(state: { open: boolean }, fn: () => Promise<T>): Promise<T>;
}

export function transactionScope(): TransactionScope {
  // A flag object, not `true`: work started inside a transaction (a timer, a kicked worker) keeps this async
  // context after the transaction ends, and must then count as outside.
  const inTransaction = new AsyncLocalStorage<{ open: boolean }>();
  return {
    refuseInside() {
      if (inTransaction.getStore()?.open) {
        throw new Error("Inside a transaction, use the repositories it gives (tx), not the store's.");
      }
    },
    run: (state, fn) => inTransaction.run(state, fn),
  };
}

/** The error a transaction's repositories throw once it has committed or rolled back. */
export function transactionEnded(): Error {
  return new Error("The transaction has ended; its repositories cannot be used.");
}
