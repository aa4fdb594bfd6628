/**
 * @module The SQLite `HealthStore`: the repositories over one connection, made asynchronous by the kit's gate (one
 * transaction at a time; calls outside a transaction wait for it).
 */

import {
  operatorFromEnrolmentEvents,
  type Synchronous,
  sqliteGate,
  sqliteOperatorDirectory,
} from "@catv/provider-kit/sqlite";
import type Database from "better-sqlite3";
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
  UserRepository,
} from "../domain/ports.ts";
import type { HealthDb } from "./open-healthcare-db.ts";
import { checkups, monthlySteps, monthlyUsage, notices, pfEvents, users, vaccinations } from "./schema.ts";

function sqliteUserRepository(db: HealthDb): Synchronous<UserRepository> {
  return {
    findByPairwiseId(pairwiseId) {
      return db.select().from(users).where(eq(users.pairwiseId, pairwiseId)).get() as HealthUser | undefined;
    },
    insert(user, history) {
      db.insert(users).values(user).run();
      const userId = user.id;
      if (history.checkups.length)
        db.insert(checkups)
          .values(history.checkups.map((c) => ({ ...c, userId })))
          .run();
      if (history.steps.length)
        db.insert(monthlySteps)
          .values(history.steps.map((s) => ({ ...s, userId })))
          .run();
      if (history.vaccinations.length) {
        db.insert(vaccinations)
          .values(history.vaccinations.map((v) => ({ ...v, userId })))
          .run();
      }
      if (history.notices.length)
        db.insert(notices)
          .values(history.notices.map((n) => ({ ...n, userId })))
          .run();
    },
    updateConsent(id, consent) {
      db.update(users).set(consent).where(eq(users.id, id)).run();
    },
    setOperator(pairwiseId, operatorId) {
      db.update(users).set({ operatorId }).where(eq(users.pairwiseId, pairwiseId)).run();
    },
    // Every health table references users ON DELETE CASCADE: one statement deletes the viewer's data.
    delete(id) {
      db.delete(users).where(eq(users.id, id)).run();
    },
  };
}

function sqliteHealthRecordRepository(db: HealthDb): Synchronous<HealthRecordRepository> {
  return {
    checkups(userId) {
      return db
        .select()
        .from(checkups)
        .where(eq(checkups.userId, userId))
        .orderBy(asc(checkups.fiscalYear))
        .all()
        .map(({ userId: _u, ...c }) => c as Checkup);
    },
    steps(userId, limit) {
      return db
        .select({
          month: monthlySteps.month,
          totalSteps: monthlySteps.totalSteps,
          averageDaily: monthlySteps.averageDaily,
        })
        .from(monthlySteps)
        .where(eq(monthlySteps.userId, userId))
        .orderBy(desc(monthlySteps.month))
        .limit(limit)
        .all()
        .reverse();
    },
    vaccinations(userId) {
      return db
        .select({
          vaccine: vaccinations.vaccine,
          dose: vaccinations.dose,
          date: vaccinations.date,
          place: vaccinations.place,
        })
        .from(vaccinations)
        .where(eq(vaccinations.userId, userId))
        .orderBy(desc(vaccinations.date), asc(vaccinations.id))
        .all();
    },
    notices(userId) {
      return db
        .select({
          id: notices.id,
          publishedAt: notices.publishedAt,
          category: notices.category,
          title: notices.title,
          body: notices.body,
        })
        .from(notices)
        .where(eq(notices.userId, userId))
        .orderBy(desc(notices.publishedAt), asc(notices.id))
        .all() as Notice[];
    },
    rowCounts(userId) {
      const n = (table: typeof checkups | typeof monthlySteps | typeof vaccinations | typeof notices) =>
        db.select({ n: count() }).from(table).where(eq(table.userId, userId)).get()!.n;
      return n(checkups) + n(monthlySteps) + n(vaccinations) + n(notices);
    },
  };
}

function sqliteUsageCountRepository(db: HealthDb): Synchronous<UsageCountRepository> {
  return {
    add(month, operatorId, kind) {
      db.insert(monthlyUsage)
        .values({ month, operatorId, kind, count: 1 })
        .onConflictDoUpdate({
          target: [monthlyUsage.month, monthlyUsage.operatorId, monthlyUsage.kind],
          set: { count: sql`${monthlyUsage.count} + 1` },
        })
        .run();
    },
    list() {
      return db
        .select()
        .from(monthlyUsage)
        .orderBy(desc(monthlyUsage.month), asc(monthlyUsage.operatorId), asc(monthlyUsage.kind))
        .all();
    },
  };
}

function sqliteEventRepository(db: HealthDb): Synchronous<EventRepository> {
  return {
    recordIfNew(event) {
      return db.insert(pfEvents).values(event).onConflictDoNothing().run().changes > 0;
    },
    payloads(type) {
      return db
        .select({ payload: pfEvents.payload })
        .from(pfEvents)
        .where(eq(pfEvents.type, type))
        .orderBy(asc(pfEvents.receivedAt), asc(pfEvents.id))
        .all()
        .map((r) => r.payload);
    },
    operatorForEnrolment: (pairwiseId) => operatorFromEnrolmentEvents(db, pairwiseId),
  };
}

export function sqliteHealthStore(sqlite: Database.Database, db: HealthDb): HealthStore {
  const repositories: Synchronous<HealthRepositories> = {
    users: sqliteUserRepository(db),
    records: sqliteHealthRecordRepository(db),
    usage: sqliteUsageCountRepository(db),
    events: sqliteEventRepository(db),
    operators: sqliteOperatorDirectory(db),
  };
  const gate = sqliteGate(sqlite);
  return {
    ...gate.outside<HealthRepositories>(repositories),
    transaction: (fn) => gate.transaction(repositories, fn),
  };
}
