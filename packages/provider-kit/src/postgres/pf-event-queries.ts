/**
 * @module Queries over the shared `pf_events` table (pg-schema.ts) that both providers need, in PostgreSQL; the
 * SQLite form is sqlite/pf-event-queries.ts.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { pfEventsPg } from "../pg-schema.ts";
import type { PgExecutor } from "./pg-store.ts";

/**
 * The operator named by the latest stored `enrolment.created` event for a viewer (see the SQLite form for why a
 * new user looks here first).
 */
export async function operatorFromEnrolmentEventsPg<S extends Record<string, unknown>>(
  db: PgExecutor<S>,
  pairwiseId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ operatorId: sql<string | null>`(${pfEventsPg.payload}::jsonb) -> 'data' ->> 'operatorId'` })
    .from(pfEventsPg)
    .where(
      and(
        eq(pfEventsPg.type, "enrolment.created"),
        sql`(${pfEventsPg.payload}::jsonb) -> 'data' ->> 'pairwiseId' = ${pairwiseId}`,
      ),
    )
    .orderBy(desc(pfEventsPg.receivedAt))
    .limit(1);
  return row?.operatorId ?? undefined;
}

/** Stores an event once (delivery is at least once); false when its ID was seen before. */
export async function recordPfEventIfNew<S extends Record<string, unknown>>(
  db: PgExecutor<S>,
  event: { id: string; type: string; receivedAt: string; payload: string },
): Promise<boolean> {
  const inserted = await db
    .insert(pfEventsPg)
    .values(event)
    .onConflictDoNothing()
    .returning({ id: pfEventsPg.id });
  return inserted.length > 0;
}
