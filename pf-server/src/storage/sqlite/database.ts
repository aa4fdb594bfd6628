/**
 * @module Opens the PF's SQLite database (WAL), applies drizzle-kit migrations, and writes the side effects
 * (outbox events, audit rows, meter increments) that share a business transaction.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase as openSqlite } from "@catv/service-kit";
import type Database from "better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { SideEffects } from "../repositories.ts";
import * as schema from "../schema.ts";
import type { HotStatements } from "./prepared.ts";

export type Db = BetterSQLite3Database<typeof schema>;

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "../../../drizzle/pf");

/** `path` ":memory:" gives a private in-memory database (tests). */
export function openDatabase(path: string): { db: Db; sqlite: Database.Database; close: () => void } {
  const { db, sqlite, close } = openSqlite({ file: path, schema, migrationsFolder });
  return { db, sqlite, close };
}

/**
 * Runs inside the caller's transaction (better-sqlite3 is synchronous, so the prepared statements run in it).
 * Explicit column values: a placeholder without a value is an error, and an absent optional field means NULL.
 */
export function writeSideEffects(hot: HotStatements, effects: SideEffects | undefined, now: string): void {
  if (!effects) return;
  for (const event of effects.events ?? []) {
    hot.insertOutbox.run({
      id: event.id,
      targetKind: event.targetKind,
      targetId: event.targetId,
      type: event.type,
      payload: event.payload,
      now,
    });
  }
  for (const entry of effects.audit ?? []) {
    hot.insertAudit.run({
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
    });
  }
  for (const meter of effects.meters ?? []) {
    hot.incrementMeter.run({
      operatorId: meter.operatorId,
      month: meter.month,
      metric: meter.metric,
      by: meter.by ?? 1,
    });
  }
}
