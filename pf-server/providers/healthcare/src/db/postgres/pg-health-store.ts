/**
 * @module The PostgreSQL `HealthStore` (the SQLite form is ../sqlite-health-store.ts): the repositories over a
 * pool, each transaction SERIALIZABLE and run again on a serialization failure (the kit's `pgStore`).
 */
import {
  operatorFromEnrolmentEventsPg,
  type PgExecutor,
  pgOperatorDirectory,
  pgStore,
  recordPfEventIfNew,
} from "@catv/provider-kit/postgres";
import { asc, count, desc, eq, sql } from "drizzle-orm";
import type {
  Checkup,
  EventRepository,
  HealthRecordRepository,
  HealthRepositories,
  HealthStore,
  HealthUser,
  Notice,
  UsageCountRepository,
  UsageKind,
  UserRepository,
} from "../../domain/ports.ts";
import type * as schema from "./schema.ts";
import { checkups, monthlySteps, monthlyUsage, notices, pfEvents, users, vaccinations } from "./schema.ts";

export type HealthPg = PgExecutor<typeof schema>;

function pgUserRepository(db: HealthPg): UserRepository {
  return {
    async findByPairwiseId(pairwiseId) {
      const [row] = await db.select().from(users).where(eq(users.pairwiseId, pairwiseId));
      return row as HealthUser | undefined;
    },
    async insert(user, history) {
      await db.insert(users).values(user);
      const userId = user.id;
      if (history.checkups.length)
        await db.insert(checkups).values(history.checkups.map((c) => ({ ...c, userId })));
      if (history.steps.length)
        await db.insert(monthlySteps).values(history.steps.map((s) => ({ ...s, userId })));
      if (history.vaccinations.length) {
        await db.insert(vaccinations).values(history.vaccinations.map((v) => ({ ...v, userId })));
      }
      if (history.notices.length)
        await db.insert(notices).values(history.notices.map((n) => ({ ...n, userId })));
    },
    async updateConsent(id, consent) {
      await db.update(users).set(consent).where(eq(users.id, id));
    },
    async setOperator(pairwiseId, operatorId) {
      await db.update(users).set({ operatorId }).where(eq(users.pairwiseId, pairwiseId));
    },
    // Every health table references users ON DELETE CASCADE: one statement deletes the viewer's data.
    async delete(id) {
      await db.delete(users).where(eq(users.id, id));
    },
  };
}

function pgHealthRecordRepository(db: HealthPg): HealthRecordRepository {
  return {
    async checkups(userId) {
      const rows = await db
        .select()
        .from(checkups)
        .where(eq(checkups.userId, userId))
        .orderBy(asc(checkups.fiscalYear));
      return rows.map(({ userId: _u, ...c }) => c as Checkup);
    },
    async steps(userId, limit) {
      const rows = await db
        .select({
          month: monthlySteps.month,
          totalSteps: monthlySteps.totalSteps,
          averageDaily: monthlySteps.averageDaily,
        })
        .from(monthlySteps)
        .where(eq(monthlySteps.userId, userId))
        .orderBy(desc(monthlySteps.month))
        .limit(limit);
      return rows.reverse();
    },
    async vaccinations(userId) {
      return db
        .select({
          vaccine: vaccinations.vaccine,
          dose: vaccinations.dose,
          date: vaccinations.date,
          place: vaccinations.place,
        })
        .from(vaccinations)
        .where(eq(vaccinations.userId, userId))
        .orderBy(desc(vaccinations.date), asc(vaccinations.id));
    },
    async notices(userId) {
      return (await db
        .select({
          id: notices.id,
          publishedAt: notices.publishedAt,
          category: notices.category,
          title: notices.title,
          body: notices.body,
        })
        .from(notices)
        .where(eq(notices.userId, userId))
        .orderBy(desc(notices.publishedAt), asc(notices.id))) as Notice[];
    },
    async rowCounts(userId) {
      const n = async (
        table: typeof checkups | typeof monthlySteps | typeof vaccinations | typeof notices,
      ) => {
        const [row] = await db.select({ n: count() }).from(table).where(eq(table.userId, userId));
        return row?.n ?? 0;
      };
      return (await n(checkups)) + (await n(monthlySteps)) + (await n(vaccinations)) + (await n(notices));
    },
  };
}

function pgUsageCountRepository(db: HealthPg): UsageCountRepository {
  return {
    async add(month, operatorId, kind) {
      await db
        .insert(monthlyUsage)
        .values({ month, operatorId, kind, count: 1 })
        .onConflictDoUpdate({
          target: [monthlyUsage.month, monthlyUsage.operatorId, monthlyUsage.kind],
          set: { count: sql`${monthlyUsage.count} + 1` },
        });
    },
    async list() {
      return (await db
        .select()
        .from(monthlyUsage)
        .orderBy(desc(monthlyUsage.month), asc(monthlyUsage.operatorId), asc(monthlyUsage.kind))) as {
        month: string;
        operatorId: string;
        kind: UsageKind;
        count: number;
      }[];
    },
  };
}

function pgEventRepository(db: HealthPg): EventRepository {
  return {
    recordIfNew: (event) => recordPfEventIfNew(db, event),
    async payloads(type) {
      const rows = await db
        .select({ payload: pfEvents.payload })
        .from(pfEvents)
        .where(eq(pfEvents.type, type))
        .orderBy(asc(pfEvents.receivedAt), asc(pfEvents.id));
      return rows.map((r) => r.payload);
    },
    operatorForEnrolment: (pairwiseId) => operatorFromEnrolmentEventsPg(db, pairwiseId),
  };
}

export function pgHealthStore(db: HealthPg): HealthStore {
  const store = pgStore(
    db,
    (executor): HealthRepositories => ({
      users: pgUserRepository(executor),
      records: pgHealthRecordRepository(executor),
      usage: pgUsageCountRepository(executor),
      events: pgEventRepository(executor),
      operators: pgOperatorDirectory(executor),
    }),
  );
  return { ...store.outside, transaction: store.transaction };
}
