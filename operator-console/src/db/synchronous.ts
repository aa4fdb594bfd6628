/**
 * @module better-sqlite3 answers synchronously, so each SQLite repository is written as the synchronous twin of
 * its asynchronous interface and adapted by `createRepositories` (repositories.ts).
 */

/** The synchronous form of an asynchronous repository interface: the same methods, answering at once. */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};
