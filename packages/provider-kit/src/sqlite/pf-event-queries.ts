/**
 * @module Queries over the shared `pf_events` table (schema.ts) that both providers need.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { pfEvents } from "../schema.ts";

/**
 * The operator named by the latest stored `enrolment.created` event for a viewer. The PF's event and its
 * enrolment call race (the event leaves the PF's outbox on its own schedule), so a new user looks here first and
 * `setOperator` fills it in when the event comes second.
 */
export function operatorFromEnrolmentEvents<S extends Record<string, unknown>>(
  db: BetterSQLite3Database<S>,
  pairwiseId: string,
): string | undefined {
  const row = db
    .select({ operatorId: sql<string>`json_extract(${pfEvents.payload}, '$.data.operatorId')` })
    .from(pfEvents)
    .where(
      and(
        eq(pfEvents.type, "enrolment.created"),
        sql`json_extract(${pfEvents.payload}, '$.data.pairwiseId') = ${pairwiseId}`,
      ),
    )
    .orderBy(desc(pfEvents.receivedAt))
    .get();
  return row?.operatorId ?? undefined;
}
