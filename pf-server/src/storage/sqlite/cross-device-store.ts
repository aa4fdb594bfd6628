/**
 * @module SQLite side of the cross-device request repository. Each state change is one conditional UPDATE inside
 * the store's transaction runner, written with its audit rows only when it changed a row.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { CrossDeviceRequest, CrossDeviceRequestRepository } from "../cross-device-repository.ts";
import { crossDeviceRequests as table } from "../cross-device-schema.ts";
import type { Session, SideEffects } from "../repositories.ts";
import { sessions } from "../schema.ts";
import type { Db } from "./database.ts";

type TxIf = (fn: (tx: Db) => boolean, effects?: SideEffects) => boolean;

export function createCrossDeviceStore(db: Db, txIf: TxIf): CrossDeviceRequestRepository {
  const toRequest = (r: typeof table.$inferSelect): CrossDeviceRequest => r;
  return {
    async listSessionsOfOperator(operatorId, limit) {
      return db
        .select()
        .from(sessions)
        .where(eq(sessions.operatorId, operatorId))
        .orderBy(desc(sessions.createdAt))
        .limit(limit)
        .all() as Session[];
    },
    async create(request, effects) {
      txIf((tx) => {
        tx.insert(table).values(request).run();
        return true;
      }, effects);
    },
    async get(id) {
      const r = db.select().from(table).where(eq(table.id, id)).get();
      return r && toRequest(r);
    },
    async findByUserCodeHash(hash) {
      const r = db
        .select()
        .from(table)
        .where(eq(table.userCodeHash, hash))
        .orderBy(desc(table.createdAt))
        .get();
      return r && toRequest(r);
    },
    async claim(id, phoneTokenHash, challengeId, at, effects) {
      return txIf(
        (tx) =>
          tx
            .update(table)
            .set({ status: "confirmed", phoneTokenHash, challengeId, confirmedAt: at })
            .where(and(eq(table.id, id), eq(table.status, "pending")))
            .run().changes === 1,
        effects,
      );
    },
    async replaceChallenge(id, challengeId) {
      db.update(table)
        .set({ challengeId })
        .where(and(eq(table.id, id), eq(table.status, "confirmed")))
        .run();
    },
    async countFailedAnswer(id, max, effects) {
      let count = 0;
      txIf((tx) => {
        const row = tx
          .update(table)
          .set({ failedAnswers: sql`${table.failedAnswers} + 1` })
          .where(eq(table.id, id))
          .returning({ failedAnswers: table.failedAnswers })
          .get();
        count = row?.failedAnswers ?? 0;
        if (count >= max)
          tx.update(table)
            .set({ status: "locked" })
            .where(and(eq(table.id, id), inArray(table.status, ["pending", "confirmed"])))
            .run();
        return true;
      }, effects);
      return count;
    },
    async markAnswered(id, cableId, result, at, effects) {
      return txIf(
        (tx) =>
          tx
            .update(table)
            .set({ status: "answered", cableId, result, answeredAt: at })
            .where(and(eq(table.id, id), eq(table.status, "confirmed")))
            .run().changes === 1,
        effects,
      );
    },
    async markDelivered(id, at, effects) {
      return txIf(
        (tx) =>
          tx
            .update(table)
            .set({ status: "delivered", deliveredAt: at })
            .where(and(eq(table.id, id), eq(table.status, "answered")))
            .run().changes === 1,
        effects,
      );
    },
    async cancel(id, effects) {
      return txIf(
        (tx) =>
          tx
            .update(table)
            .set({ status: "cancelled" })
            .where(and(eq(table.id, id), inArray(table.status, ["pending", "confirmed"])))
            .run().changes === 1,
        effects,
      );
    },
  };
}
