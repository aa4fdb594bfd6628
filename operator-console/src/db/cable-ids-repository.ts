/**
 * @module Storage of the cable IDs the PF registered for this operator's viewers, their household links, and the
 * review items raised by "updated" and "revoked" events.
 */
import type { FourInfo } from "@catv/contracts";
import { and, desc, eq, isNull, like, or, sql } from "drizzle-orm";
import { cableIdSearchKey } from "../domain/normalise-address.ts";
import type { CableIdRecord, CableIdStatus, ReviewRecord } from "../domain/records.ts";
import type { CableIdsRepository } from "../domain/repositories.ts";
import type { Db } from "./open-database.ts";
import { cableIdReviews, cableIds, households, members } from "./schema.ts";
import type { Synchronous } from "./synchronous.ts";

const selectRow = {
  cableId: cableIds.cableId,
  status: cableIds.status,
  householdId: cableIds.householdId,
  memberRowId: cableIds.memberId,
  contractId: households.contractId,
  memberId: members.memberId,
  memberName: members.name,
  linkMethod: cableIds.linkMethod,
  linkedAt: cableIds.linkedAt,
  terminalId: cableIds.terminalId,
  registeredAt: cableIds.registeredAt,
  fourInfo: cableIds.fourInfo,
  revokedAt: cableIds.revokedAt,
};

export function createCableIdsRepository(db: Db): Synchronous<CableIdsRepository> {
  const base = () =>
    db
      .select(selectRow)
      .from(cableIds)
      .leftJoin(households, eq(households.id, cableIds.householdId))
      .leftJoin(members, eq(members.id, cableIds.memberId));
  const parse = (r: Omit<CableIdRecord, "fourInfo"> & { fourInfo: string }): CableIdRecord => ({
    ...r,
    fourInfo: JSON.parse(r.fourInfo) as FourInfo,
  });
  const reviewSelect = {
    id: cableIdReviews.id,
    cableId: cableIdReviews.cableId,
    kind: cableIdReviews.kind,
    previousFourInfo: cableIdReviews.previousFourInfo,
    newFourInfo: cableIdReviews.newFourInfo,
    detail: cableIdReviews.detail,
    receivedAt: cableIdReviews.receivedAt,
    reviewedAt: cableIdReviews.reviewedAt,
    reviewedBy: cableIdReviews.reviewedBy,
    contractId: households.contractId,
    householdId: cableIds.householdId,
  };
  type RawReview = Omit<ReviewRecord, "previousFourInfo" | "newFourInfo"> & {
    previousFourInfo: string | null;
    newFourInfo: string | null;
  };
  const parseReview = (r: RawReview): ReviewRecord => ({
    ...r,
    previousFourInfo: r.previousFourInfo ? (JSON.parse(r.previousFourInfo) as FourInfo) : null,
    newFourInfo: r.newFourInfo ? (JSON.parse(r.newFourInfo) as FourInfo) : null,
  });
  const reviewBase = () =>
    db
      .select(reviewSelect)
      .from(cableIdReviews)
      .leftJoin(
        cableIds,
        and(eq(cableIds.operatorId, cableIdReviews.operatorId), eq(cableIds.cableId, cableIdReviews.cableId)),
      )
      .leftJoin(households, eq(households.id, cableIds.householdId));

  return {
    insert(operatorId, row) {
      const result = db
        .insert(cableIds)
        .values({ operatorId, ...row, fourInfo: JSON.stringify(row.fourInfo), status: "pending" })
        .onConflictDoNothing()
        .run();
      return result.changes > 0;
    },
    get(operatorId, cableId) {
      const row = base()
        .where(and(eq(cableIds.operatorId, operatorId), eq(cableIds.cableId, cableId)))
        .get();
      return row && parse(row);
    },
    list(operatorId, { status, householdId, q, limit }) {
      const conditions = [eq(cableIds.operatorId, operatorId)];
      if (status) conditions.push(eq(cableIds.status, status));
      if (householdId !== undefined) conditions.push(eq(cableIds.householdId, householdId));
      if (q?.trim()) {
        const key = cableIdSearchKey(q);
        const byContract = like(households.contractId, `%${q.trim()}%`);
        conditions.push(
          key
            ? (or(sql`replace(${cableIds.cableId}, '-', '') LIKE ${`%${key}%`}`, byContract) ?? byContract)
            : byContract,
        );
      }
      return base()
        .where(and(...conditions))
        .orderBy(desc(cableIds.registeredAt))
        .limit(limit)
        .all()
        .map(parse);
    },
    link(operatorId, cableId, { householdId, memberRowId, method, at }) {
      db.update(cableIds)
        .set({ status: "linked", householdId, memberId: memberRowId, linkMethod: method, linkedAt: at })
        .where(and(eq(cableIds.operatorId, operatorId), eq(cableIds.cableId, cableId)))
        .run();
    },
    unlink(operatorId, cableId) {
      db.update(cableIds)
        .set({ status: "pending", householdId: null, memberId: null, linkMethod: null, linkedAt: null })
        .where(and(eq(cableIds.operatorId, operatorId), eq(cableIds.cableId, cableId)))
        .run();
    },
    revoke(operatorId, cableId, at) {
      db.update(cableIds)
        .set({ status: "revoked", revokedAt: at })
        .where(and(eq(cableIds.operatorId, operatorId), eq(cableIds.cableId, cableId)))
        .run();
    },
    replaceFourInfo(operatorId, cableId, fourInfo) {
      db.update(cableIds)
        .set({ fourInfo: JSON.stringify(fourInfo) })
        .where(and(eq(cableIds.operatorId, operatorId), eq(cableIds.cableId, cableId)))
        .run();
    },
    countByStatus(operatorId) {
      const counts: Record<CableIdStatus, number> = { pending: 0, linked: 0, revoked: 0 };
      const rows = db
        .select({ status: cableIds.status, n: sql<number>`count(*)` })
        .from(cableIds)
        .where(eq(cableIds.operatorId, operatorId))
        .groupBy(cableIds.status)
        .all();
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },
    registrationsByMonth(operatorId) {
      return db.all<{ month: string; count: number }>(sql`
        SELECT substr(registered_at, 1, 7) AS month, count(*) AS count FROM cable_ids
        WHERE operator_id = ${operatorId} GROUP BY month ORDER BY month`);
    },
    addReview(operatorId, review) {
      db.insert(cableIdReviews)
        .values({
          operatorId,
          cableId: review.cableId,
          kind: review.kind,
          previousFourInfo: review.previousFourInfo ? JSON.stringify(review.previousFourInfo) : null,
          newFourInfo: review.newFourInfo ? JSON.stringify(review.newFourInfo) : null,
          detail: review.detail,
          receivedAt: review.receivedAt,
        })
        .run();
    },
    listReviews(operatorId, open) {
      return reviewBase()
        .where(
          and(
            eq(cableIdReviews.operatorId, operatorId),
            open ? isNull(cableIdReviews.reviewedAt) : sql`${cableIdReviews.reviewedAt} IS NOT NULL`,
          ),
        )
        .orderBy(desc(cableIdReviews.receivedAt))
        .limit(200)
        .all()
        .map(parseReview);
    },
    openReviewCount(operatorId) {
      return (
        db
          .select({ n: sql<number>`count(*)` })
          .from(cableIdReviews)
          .where(and(eq(cableIdReviews.operatorId, operatorId), isNull(cableIdReviews.reviewedAt)))
          .get()?.n ?? 0
      );
    },
    getReview(operatorId, id) {
      const row = reviewBase()
        .where(and(eq(cableIdReviews.operatorId, operatorId), eq(cableIdReviews.id, id)))
        .get();
      return row && parseReview(row);
    },
    markReviewed(operatorId, id, by, at) {
      db.update(cableIdReviews)
        .set({ reviewedAt: at, reviewedBy: by })
        .where(and(eq(cableIdReviews.operatorId, operatorId), eq(cableIdReviews.id, id)))
        .run();
    },
  };
}
