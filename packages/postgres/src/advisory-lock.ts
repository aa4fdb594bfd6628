/**
 * @module Jobs that must run on one instance at a time when several share one PostgreSQL database (a scheduled
 * cleanup, a delivery pass): the instance that takes PostgreSQL's session advisory lock for the job's name runs
 * it, the others skip this turn. The lock lives in the server and belongs to one connection, so an instance that
 * dies (or loses its connection) lets go of it at once, without a lease to wait out.
 */
import { createHash } from "node:crypto";
import type pg from "pg";

export type AdvisoryLockResult<T> = { ran: true; value: T } | { ran: false };

/**
 * The 64-bit advisory-lock key of a job name: the first 8 bytes of its SHA-256, as PostgreSQL's signed bigint.
 * Names are namespaced by the caller ("console:session-cleanup") so two systems sharing a server never collide.
 */
export function advisoryLockKey(name: string): bigint {
  return createHash("sha256").update(name).digest().readBigInt64BE(0);
}

/**
 * Runs `job` if this instance can take the advisory lock named `name` now, and skips it (`{ ran: false }`) when
 * another instance holds it. The lock is held on its own pooled connection for the job's whole run and released
 * after it, also when the job throws.
 *
 * The lock keeps two instances from running one job at once; a job must still be safe to repeat (its rows
 * claimed in transactions), since a lost lock connection lets another instance start while this one finishes.
 * @example await runWithAdvisoryLock(pool, "console:session-cleanup", () => deleteExpiredSessions());
 */
export async function runWithAdvisoryLock<T>(
  pool: pg.Pool,
  name: string,
  job: () => Promise<T>,
): Promise<AdvisoryLockResult<T>> {
  const key = advisoryLockKey(name).toString();
  const client = await pool.connect();
  // An error on a checked-out idle client is emitted, not thrown; unheard it would end the process.
  let connectionLost = false;
  const onError = () => {
    connectionLost = true;
  };
  client.on("error", onError);
  const onLockConnection = async (sql: string) => {
    try {
      return await client.query<{ taken: boolean }>(sql, [key]);
    } catch (error) {
      connectionLost = true;
      throw error;
    }
  };
  try {
    const taken = await onLockConnection("SELECT pg_try_advisory_lock($1::bigint) AS taken");
    if (!taken.rows[0]?.taken) return { ran: false };
    try {
      return { ran: true, value: await job() };
    } finally {
      // A lock whose connection is gone was released by the server with it.
      if (!connectionLost) await onLockConnection("SELECT pg_advisory_unlock($1::bigint)").catch(() => {});
    }
  } finally {
    client.removeListener("error", onError);
    // A connection that failed is destroyed rather than handed to the next caller.
    client.release(connectionLost ? true : undefined);
  }
}

/** Runs a named job on one instance at a time: PostgreSQL's advisory lock, or a process-local flag for SQLite. */
export interface ExclusiveJobs {
  /** Runs `job` unless a run of the job with this name is under way (here or, on PostgreSQL, on another instance). */
  run<T>(name: string, job: () => Promise<T>): Promise<AdvisoryLockResult<T>>;
}

/** Jobs kept apart across every instance that shares the pool's database. */
export function postgresExclusiveJobs(pool: pg.Pool): ExclusiveJobs {
  return { run: (name, job) => runWithAdvisoryLock(pool, name, job) };
}

/**
 * Jobs kept apart within this process: enough for SQLite, whose database file belongs to one process (a second
 * one against the same file would also share no timers with it).
 */
export function inProcessExclusiveJobs(): ExclusiveJobs {
  const running = new Set<string>();
  return {
    async run(name, job) {
      if (running.has(name)) return { ran: false };
      running.add(name);
      try {
        return { ran: true, value: await job() };
      } finally {
        running.delete(name);
      }
    },
  };
}
