/**
 * @module Opens a service's PostgreSQL database the one way every service here does: a node-postgres (`pg`) pool,
 * drizzle over it (`drizzle-orm/node-postgres`), and the service's drizzle-kit migrations applied by drizzle's
 * migrator at start — under an advisory lock, so two instances starting at once apply them once, one after the
 * other. The pool gives up connecting after a few seconds (a request then fails as `service_unavailable` instead
 * of hanging), and a connection the server drops (idle or inside a transaction) is logged and replaced instead of ending the
 * process.
 */
import type { Logger } from "@catv/service-kit";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { advisoryLockKey } from "./advisory-lock.ts";
import { isConnectionLoss } from "./service-unavailable.ts";

export interface OpenPostgresOptions<S extends Record<string, unknown>> {
  /** `postgres://user:password@host:port/database` */
  url: string;
  schema: S;
  /** drizzle-kit's output folder of this database's PostgreSQL migrations (`drizzle/pg`). */
  migrationsFolder: string;
  /** Seen by the server in `pg_stat_activity` (the service's name). */
  applicationName?: string;
  /** Connections this instance keeps at most (node-postgres' default: 10). */
  maxConnections?: number;
  /** How long a query waits for a connection before failing as unavailable; 5 s unless given. */
  connectionTimeoutMs?: number;
  logger?: Pick<Logger, "warn">;
}

export interface OpenedPostgres<S extends Record<string, unknown>> {
  pool: pg.Pool;
  db: NodePgDatabase<S> & { $client: pg.Pool };
  /** Ends every connection of the pool (waits for the queries under way). */
  close(): Promise<void>;
}

/** Every service's migrations take this one lock: a server holding several services' databases is no matter. */
const MIGRATION_LOCK = "catv:migrations";

/**
 * @example const { db, pool, close } = await openPostgres({ url, schema, migrationsFolder, applicationName: "console" });
 */
export async function openPostgres<S extends Record<string, unknown>>(
  options: OpenPostgresOptions<S>,
): Promise<OpenedPostgres<S>> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: options.applicationName ?? "catv",
  });
  // A connection the server ends is reported as an 'error' event on its client, and an event nobody hears ends
  // the process. The pool hears it only while the client is idle; drizzle's transactions hold a client without a
  // listener, so a restart between two of a transaction's statements would end the process. Every client
  // therefore keeps a listener of its own for its whole life: the statement under way fails (the use case answers
  // `service_unavailable`), and the pool drops the broken client when it is released.
  pool.on("connect", (client) => {
    client.on("error", (error) => {
      options.logger?.warn("database connection lost", {
        code: (error as { code?: string }).code ?? (isConnectionLoss(error) ? "connection_lost" : error.name),
      });
    });
  });
  // The pool repeats an idle client's error on itself; the client's own listener has logged it already.
  pool.on("error", () => {});
  const db = drizzle({ client: pool, schema: options.schema });
  try {
    await migrateUnderLock(pool, db, options.migrationsFolder);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return { pool, db, close: () => pool.end() };
}

async function migrateUnderLock(
  pool: pg.Pool,
  db: NodePgDatabase<Record<string, unknown>>,
  migrationsFolder: string,
): Promise<void> {
  const key = advisoryLockKey(MIGRATION_LOCK).toString();
  const lockHolder = await pool.connect();
  let broken = false;
  try {
    await lockHolder.query("SELECT pg_advisory_lock($1::bigint)", [key]);
    await migrate(db, { migrationsFolder });
  } catch (error) {
    broken = isConnectionLoss(error);
    throw error;
  } finally {
    if (!broken) await lockHolder.query("SELECT pg_advisory_unlock($1::bigint)", [key]).catch(() => {});
    lockHolder.release(broken ? true : undefined);
  }
}
