/**
 * @module PostgreSQL storage of the cable IDs the PF registered for this operator's viewers, their household
 * links, and the review items raised by "updated" and "revoked" events.
 */
import type { FourInfo } from "@catv/contracts";
import { and, desc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import { cableIdSearchKey } from "../../domain/normalise-address.ts";
import type { CableIdRecord, CableIdStatus, ReviewRecord } from "../../domain/records.ts";
import type { CableIdsRepository } from "../../domain/repositories.ts";
import { allRows, type PgDb } from "./database.ts";
import { cableIdReviews, cableIds, households, members } from "./schema.ts";

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

const parse = (r: Omit<CableIdRecord, "fourInfo"> & { fourInfo: string }): CableIdRecord => ({
  ...r,
  fourInfo: JSON.parse(r.fourInfo) as FourInfo,
});

const parseReview = (r: RawReview): ReviewRecord => ({
  ...r,
  previousFourInfo: r.previousFourInfo ? (JSON.parse(r.previousFourInfo) as FourInfo) : null,
  newFourInfo: r.newFourInfo ? (JSON.parse(r.newFourInfo) as FourInfo) : null,
});

export function createPgCableIdsRepository(db: PgDb): CableIdsRepository {
  const base = () =>
    db
      .select(selectRow)
      .from(cableIds)
      .leftJoin(households, eq(households.id, cableIds.householdId))
      .leftJoin(members, eq(members.id, cableIds.memberId));
  const reviewBase = () =>
    db
      .select(reviewSelect)
      .from(cableIdReviews)
      .leftJoin(
        cableIds,
        and(eq(cableIds.operatorId, cableIdReviews.operatorId), eq(cableIds.cableId, cableIdReviews.cableId)),
      )
      .leftJoin(households, eq(households.id, cableIds.householdId));
  const oneCableId = (operatorId: string, cableId: string) =>
    and(eq(cableIds.operatorId, operatorId), eq(cableIds.cableId, cableId));

  return {
    async insert(operatorId, row) {
      // Two deliveries of one registration at once: the primary key lets one in, the other finds it there.
      const inserted = await db
        .insert(cableIds)
        .values({ operatorId, ...row, fourInfo: JSON.stringify(row.fourInfo), status: "pending" })
        .onConflictDoNothing()
        .returning({ cableId: cableIds.cableId });
      return inserted.length > 0;
    },
    async get(operatorId, cableId) {
      const [row] = await base().where(oneCableId(operatorId, cableId));
      return row && parse(row);
    },
    async list(operatorId, { status, householdId, q, limit }) {
      const conditions = [eq(cableIds.operatorId, operatorId)];
      if (status) conditions.push(eq(cableIds.status, status));
      if (householdId !== undefined) conditions.push(eq(cableIds.householdId, householdId));
      if (q?.trim()) {
        const key = cableIdSearchKey(q);
        const byContract = ilike(households.contractId, `%${q.trim()}%`);
        conditions.push(
          key
            ? (or(sql`replace(${cableIds.cableId}, '-', '') ILIKE ${`%${key}%`}`, byContract) ?? byContract)
            : byContract,
        );
      }
      const rows = await base()
        .where(and(...conditions))
        .orderBy(desc(cableIds.registeredAt), desc(cableIds.cableId))
        .limit(limit);
      return rows.map(parse);
    },
    async link(operatorId, cableId, { householdId, memberRowId, method, at }) {
      await db
        .update(cableIds)
        .set({ status: "linked", householdId, memberId: memberRowId, linkMethod: method, linkedAt: at })
        .where(oneCableId(operatorId, cableId));
    },
    async unlink(operatorId, cableId) {
      await db
        .update(cableIds)
        .set({ status: "pending", householdId: null, memberId: null, linkMethod: null, linkedAt: null })
        .where(oneCableId(operatorId, cableId));
    },
    async revoke(operatorId, cableId, at) {
      await db
        .update(cableIds)
        .set({ status: "revoked", revokedAt: at })
        .where(oneCableId(operatorId, cableId));
    },
    async replaceFourInfo(operatorId, cableId, fourInfo) {
      await db
        .update(cableIds)
        .set({ fourInfo: JSON.stringify(fourInfo) })
        .where(oneCableId(operatorId, cableId));
    },
    async countByStatus(operatorId) {
      const counts: Record<CableIdStatus, number> = { pending: 0, linked: 0, revoked: 0 };
      const rows = await db
        .select({ status: cableIds.status, n: sql<number>`count(*)::int` })
        .from(cableIds)
        .where(eq(cableIds.operatorId, operatorId))
        .groupBy(cableIds.status);
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },
    registrationsByMonth(operatorId) {
      return allRows<{ month: string; count: number }>(
        db,
        sql`
        SELECT substr(registered_at, 1, 7) AS month, count(*)::int AS count FROM cable_ids
        WHERE operator_id = ${operatorId} GROUP BY month ORDER BY month`,
      );
    },
    async addReview(operatorId, review) {
      await db.insert(cableIdReviews).values({
        operatorId,
        cableId: review.cableId,
        kind: review.kind,
        previousFourInfo: review.previousFourInfo ? JSON.stringify(review.previousFourInfo) : null,
        newFourInfo: review.newFourInfo ? JSON.stringify(review.newFourInfo) : null,
        detail: review.detail,
        receivedAt: review.receivedAt,
      });
    },
    async listReviews(operatorId, open) {
      const rows = await reviewBase()
        .where(
          and(
            eq(cableIdReviews.operatorId, operatorId),
            open ? isNull(cableIdReviews.reviewedAt) : sql`${cableIdReviews.reviewedAt} IS NOT NULL`,
          ),
        )
        .orderBy(desc(cableIdReviews.receivedAt), desc(cableIdReviews.id))
        .limit(200);
      return rows.map(parseReview);
    },
    async openReviewCount(operatorId) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(cableIdReviews)
        .where(and(eq(cableIdReviews.operatorId, operatorId), isNull(cableIdReviews.reviewedAt)));
      return row?.n ?? 0;
    },
    async getReview(operatorId, id) {
      const [row] = await reviewBase().where(
        and(eq(cableIdReviews.operatorId, operatorId), eq(cableIdReviews.id, id)),
      );
      return row && parseReview(row);
    },
    async markReviewed(operatorId, id, by, at) {
      await db
        .update(cableIdReviews)
        .set({ reviewedAt: at, reviewedBy: by })
        .where(and(eq(cableIdReviews.operatorId, operatorId), eq(cableIdReviews.id, id)));
    },
  };
}
