/**
 * @module Opens the PF's PostgreSQL database (`@catv/postgres`: a pg pool, drizzle node-postgres, the drizzle-kit
 * migrations in `drizzle/pf-pg/`), and writes the side effects (outbox events, audit rows, meter increments) that
 * share a business transaction.
 */
import { fileURLToPath } from "node:url";
import { advisoryLockKey, type OpenedPostgres, openPostgres } from "@catv/postgres";
import type { Logger } from "@catv/service-kit";
import { sql } from "drizzle-orm";
import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { SideEffects } from "../repositories.ts";
import * as schema from "./schema.ts";

/** The database or an open transaction on it: every repository method works on either. */
export type PgDb = PgDatabase<NodePgQueryResultHKT, typeof schema>;

export type OpenedPfPostgres = OpenedPostgres<typeof schema>;

export const pfPgMigrationsFolder = fileURLToPath(new URL("../../../drizzle/pf-pg", import.meta.url));

/** Opens and migrates the PF's database at `url` (two PF instances starting at once migrate it once). */
export function openPfPostgres(
  url: string,
  options: { logger?: Pick<Logger, "warn">; maxConnections?: number } = {},
): Promise<OpenedPfPostgres> {
  return openPostgres({
    url,
    schema,
    migrationsFolder: pfPgMigrationsFolder,
    applicationName: "pf-server",
    ...options,
  });
}

/**
 * Audit rows take their sequence number when inserted but become visible when their transaction commits, and two
 * PF instances commit in any order: a reader paging "after seq N" could pass over a row that commits after a
 * higher one. Every transaction that writes audit rows holds this lock shared from the insert to its end; a
 * reader takes it exclusively for a moment, which waits for those transactions, and reads only up to the highest
 * sequence number then committed — any row written later gets a higher one.
 */
export const AUDIT_ORDER_LOCK = advisoryLockKey("pf:audit-order").toString();

/** Rows a statement changed (node-postgres' rowCount; null only for statements that change none). */
export const changed = (result: { rowCount: number | null }): number => result.rowCount ?? 0;

/**
 * Writes the side effects inside the caller's transaction. Meter increments of one key are summed first (one
 * upsert may not touch a row twice) and written in key order, so two transactions never wait on each other's
 * meter rows in opposite orders (no deadlock).
 */
export async function writeSideEffects(
  tx: PgDb,
  effects: SideEffects | undefined,
  now: string,
): Promise<void> {
  if (!effects) return;
  const events = effects.events ?? [];
  if (events.length > 0)
    await tx.insert(schema.outbox).values(
      events.map((event) => ({
        id: event.id,
        targetKind: event.targetKind,
        targetId: event.targetId,
        type: event.type,
        payload: event.payload,
        status: "pending" as const,
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      })),
    );
  const audit = effects.audit ?? [];
  if (audit.length > 0) {
    // Held until this transaction ends: an audit reader waits for it (see listAuditInCommitOrder).
    await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${AUDIT_ORDER_LOCK}::bigint)`);
    await tx.insert(schema.auditEvents).values(
      audit.map((entry) => ({
        at: now,
        event: entry.event,
        outcome: entry.outcome,
        code: entry.code ?? null,
        actorKind: entry.actorKind,
        actorId: entry.actorId ?? null,
        tenantId: entry.tenantId ?? null,
        terminalId: entry.terminalId ?? null,
        accountId: entry.accountId ?? null,
        requestId: entry.requestId ?? null,
      })),
    );
  }
  const meters = new Map<string, { tenantId: string; month: string; metric: string; count: number }>();
  for (const meter of effects.meters ?? []) {
    const key = JSON.stringify([meter.tenantId, meter.month, meter.metric]);
    const row = meters.get(key) ?? {
      tenantId: meter.tenantId,
      month: meter.month,
      metric: meter.metric,
      count: 0,
    };
    row.count += meter.by ?? 1;
    meters.set(key, row);
  }
  if (meters.size > 0) {
    const rows = [...meters.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
    await tx
      .insert(schema.metering)
      .values(rows)
      .onConflictDoUpdate({
        target: [schema.metering.tenantId, schema.metering.month, schema.metering.metric],
        set: { count: sql`${schema.metering.count} + excluded.count` },
      });
  }
}
