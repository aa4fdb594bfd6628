/**
 * @module Opens the PF's SQLite database (WAL), applies drizzle-kit migrations, and writes the side effects
 * (outbox events, audit rows, meter increments) that share a business transaction.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { SideEffects } from "../repositories.ts";
import * as schema from "../schema.ts";

export type Db = BetterSQLite3Database<typeof schema>;

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "../../../drizzle/pf");

/** `path` ":memory:" gives a private in-memory database (tests). */
export function openDatabase(path: string): { db: Db; close: () => void } {
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { db, close: () => sqlite.close() };
}

/** Runs inside the caller's transaction; `tx` is the synchronous better-sqlite3 transaction handle. */
export function writeSideEffects(tx: Db, effects: SideEffects | undefined, now: string): void {
  if (!effects) return;
  for (const event of effects.events ?? []) {
    tx.insert(schema.outbox)
      .values({ ...event, status: "pending", attempts: 0, nextAttemptAt: now, createdAt: now })
      .run();
  }
  for (const entry of effects.audit ?? []) {
    tx.insert(schema.auditEvents)
      .values({
        at: now,
        event: entry.event,
        outcome: entry.outcome,
        code: entry.code ?? null,
        actorKind: entry.actorKind,
        actorId: entry.actorId ?? null,
        operatorId: entry.operatorId ?? null,
        terminalId: entry.terminalId ?? null,
        cableId: entry.cableId ?? null,
        requestId: entry.requestId ?? null,
      })
      .run();
  }
  for (const meter of effects.meters ?? []) {
    const by = meter.by ?? 1;
    tx.insert(schema.metering)
      .values({ operatorId: meter.operatorId, month: meter.month, metric: meter.metric, count: by })
      .onConflictDoUpdate({
        target: [schema.metering.operatorId, schema.metering.month, schema.metering.metric],
        set: { count: sql`${schema.metering.count} + ${by}` },
      })
      .run();
  }
}
