/**
 * @module PostgreSQL side of the cross-device request repository. Each state change is one conditional UPDATE
 * inside the store's transaction runner, written with its audit rows only when it changed a row; PostgreSQL
 * re-checks the condition on the locked row, so of two phones (or two PF instances) exactly one wins.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { CrossDeviceRequest, CrossDeviceRequestRepository } from "../cross-device-repository.ts";
import type { Session, SideEffects } from "../repositories.ts";
import { changed, type PgDb } from "./database.ts";
import { sessions, crossDeviceRequests as table } from "./schema.ts";

type TxIf = (fn: (tx: PgDb) => Promise<boolean>, effects?: SideEffects) => Promise<boolean>;

export function createPgCrossDeviceStore(db: PgDb, txIf: TxIf): CrossDeviceRequestRepository {
  const toRequest = (r: typeof table.$inferSelect): CrossDeviceRequest => r;
  return {
    async listSessionsOfOperator(operatorId, limit) {
      return (await db
        .select()
        .from(sessions)
        .where(eq(sessions.operatorId, operatorId))
        .orderBy(desc(sessions.createdAt))
        .limit(limit)) as Session[];
    },
    async create(request, effects) {
      await txIf(async (tx) => {
        await tx.insert(table).values(request);
        return true;
      }, effects);
    },
    async get(id) {
      const r = (await db.select().from(table).where(eq(table.id, id)))[0];
      return r && toRequest(r);
    },
    async findByUserCodeHash(hash) {
      const r = (
        await db
          .select()
          .from(table)
          .where(eq(table.userCodeHash, hash))
          .orderBy(desc(table.createdAt))
          .limit(1)
      )[0];
      return r && toRequest(r);
    },
    async claim(id, phoneTokenHash, challengeId, at, effects) {
      return txIf(
        async (tx) =>
          changed(
            await tx
              .update(table)
              .set({ status: "confirmed", phoneTokenHash, challengeId, confirmedAt: at })
              .where(and(eq(table.id, id), eq(table.status, "pending"))),
          ) === 1,
        effects,
      );
    },
    async replaceChallenge(id, challengeId) {
      await db
        .update(table)
        .set({ challengeId })
        .where(and(eq(table.id, id), eq(table.status, "confirmed")));
    },
    async countFailedAnswer(id, max, effects) {
      let count = 0;
      await txIf(async (tx) => {
        const rows = await tx
          .update(table)
          .set({ failedAnswers: sql`${table.failedAnswers} + 1` })
          .where(eq(table.id, id))
          .returning({ failedAnswers: table.failedAnswers });
        count = rows[0]?.failedAnswers ?? 0;
        if (count >= max)
          await tx
            .update(table)
            .set({ status: "locked" })
            .where(and(eq(table.id, id), inArray(table.status, ["pending", "confirmed"])));
        return true;
      }, effects);
      return count;
    },
    async markAnswered(id, cableId, result, at, effects) {
      return txIf(
        async (tx) =>
          changed(
            await tx
              .update(table)
              .set({ status: "answered", cableId, result, answeredAt: at })
              .where(and(eq(table.id, id), eq(table.status, "confirmed"))),
          ) === 1,
        effects,
      );
    },
    async markDelivered(id, at, effects) {
      return txIf(
        async (tx) =>
          changed(
            await tx
              .update(table)
              .set({ status: "delivered", deliveredAt: at })
              .where(and(eq(table.id, id), eq(table.status, "answered"))),
          ) === 1,
        effects,
      );
    },
    async cancel(id, effects) {
      return txIf(
        async (tx) =>
          changed(
            await tx
              .update(table)
              .set({ status: "cancelled" })
              .where(and(eq(table.id, id), inArray(table.status, ["pending", "confirmed"]))),
          ) === 1,
        effects,
      );
    },
  };
}
