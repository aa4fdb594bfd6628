/**
 * @module The hospital's storage over SQLite (drizzle): the `HospitalStore` the use cases declare. The repositories
 * are plain synchronous drizzle code, made the asynchronous interfaces by the provider kit's SQLite gate (one
 * transaction at a time, `BEGIN IMMEDIATE`); the 診察券番号 sequence advances in the transaction that creates the
 * patient, so two first visits at once never share a number. The PostgreSQL form is postgres/pg-store.ts.
 */
import { type Synchronous, sqliteGate } from "@catv/provider-kit/sqlite";

import { createSqliteLoginFailures } from "@catv/service-kit/login-failures-sqlite";
import type { Database } from "better-sqlite3";
import { and, desc, eq, gt, inArray, like, lte, or, type SQL, sql } from "drizzle-orm";
import { formatPatientNumber, normalisePatientNumber } from "../domain/patient-number.ts";
import type {
  CheckRecord,
  EligibilityResults,
  HospitalRepositories,
  HospitalStore,
  LogEntry,
  Patient,
  Visit,
} from "../domain/ports.ts";
import type { HospitalDb } from "./open-hospital-db.ts";
import {
  auditLog,
  counters,
  deskRegistrations,
  eligibilityChecks,
  loginFailures,
  patients,
  receptionLog,
  staff,
  staffSessions,
  visits,
} from "./schema.ts";

const visitOf = (row: typeof visits.$inferSelect): Visit => ({ ...row, warnings: row.warnings ?? [] });
const checkOf = (row: typeof eligibilityChecks.$inferSelect): CheckRecord => ({
  ...row,
  results: row.results as EligibilityResults,
  warnings: row.warnings ?? [],
});

function sqliteHospitalRepositories(db: HospitalDb): Synchronous<HospitalRepositories> {
  const nextPatientSequence = (): number => {
    const row = db
      .insert(counters)
      .values({ name: "patient_number", value: 1 })
      .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
      .returning({ value: counters.value })
      .get();
    return row.value;
  };

  return {
    patients: {
      byReference: (patientReference) =>
        db.select().from(patients).where(eq(patients.patientReference, patientReference)).get(),
      byNumber: (patientNumber) =>
        db.select().from(patients).where(eq(patients.patientNumber, patientNumber)).get(),
      byId: (id) => db.select().from(patients).where(eq(patients.id, id)).get(),
      create({ patientReference, at }): Patient {
        return db
          .insert(patients)
          .values({
            patientNumber: formatPatientNumber(nextPatientSequence()),
            patientReference,
            firstVisitAt: at,
            updatedAt: at,
          })
          .returning()
          .get();
      },
      updateIdentity(id, identity, at) {
        db.update(patients)
          .set({ ...identity, updatedAt: at })
          .where(eq(patients.id, id))
          .run();
      },
      search({ text, birthDate, limit }) {
        const conditions: SQL[] = [];
        const trimmed = text?.normalize("NFKC").trim();
        if (trimmed) {
          const number = normalisePatientNumber(trimmed);
          if (number) conditions.push(eq(patients.patientNumber, number));
          else {
            const pattern = `%${trimmed.replace(/[%_\\]/g, (c) => `\\${c}`).replace(/\s+/g, "%")}%`;
            conditions.push(or(like(patients.name, pattern), like(patients.nameKana, pattern))!);
          }
        }
        if (birthDate) conditions.push(eq(patients.birthDate, birthDate));
        return db
          .select()
          .from(patients)
          .where(conditions.length ? and(...conditions) : undefined)
          .orderBy(desc(patients.updatedAt), desc(patients.id))
          .limit(limit)
          .all();
      },
    },
    visits: {
      create(visit) {
        db.insert(visits).values(visit).run();
      },
      byId(id) {
        const row = db.select().from(visits).where(eq(visits.id, id)).get();
        return row ? visitOf(row) : undefined;
      },
      byRecognition(recognitionId) {
        const row = db.select().from(visits).where(eq(visits.recognitionId, recognitionId)).get();
        return row ? visitOf(row) : undefined;
      },
      update(id, changes) {
        db.update(visits).set(changes).where(eq(visits.id, id)).run();
      },
      dueForRetry(terminalId, now) {
        return db
          .select()
          .from(visits)
          .where(
            and(
              eq(visits.terminalId, terminalId),
              eq(visits.state, "retrying"),
              lte(visits.nextAttemptAt, now),
              gt(visits.expiresAt, now),
            ),
          )
          .orderBy(visits.nextAttemptAt)
          .all()
          .map(visitOf);
      },
      expireOverdue(now) {
        const overdue = db
          .select()
          .from(visits)
          .where(and(eq(visits.state, "retrying"), lte(visits.expiresAt, now)))
          .all()
          .map(visitOf);
        if (overdue.length > 0) {
          db.update(visits)
            .set({ state: "expired", nextAttemptAt: null, lastCode: "recognition_expired", updatedAt: now })
            .where(
              inArray(
                visits.id,
                overdue.map((v) => v.id),
              ),
            )
            .run();
        }
        return overdue;
      },
      forPatient: (patientId, limit) =>
        db
          .select()
          .from(visits)
          .where(eq(visits.patientId, patientId))
          .orderBy(desc(visits.recognisedAt))
          .limit(limit)
          .all()
          .map(visitOf),
      recent: (limit) =>
        db.select().from(visits).orderBy(desc(visits.recognisedAt)).limit(limit).all().map(visitOf),
    },
    checks: {
      insert(check) {
        const result = db.insert(eligibilityChecks).values(check).onConflictDoNothing().run();
        return result.changes > 0;
      },
      forVisit: (visitId) =>
        db
          .select()
          .from(eligibilityChecks)
          .where(eq(eligibilityChecks.visitId, visitId))
          .orderBy(desc(eligibilityChecks.checkedAt))
          .all()
          .map(checkOf),
      latestForPatient(patientId) {
        const row = db
          .select({ check: eligibilityChecks })
          .from(eligibilityChecks)
          .innerJoin(visits, eq(visits.id, eligibilityChecks.visitId))
          .where(eq(visits.patientId, patientId))
          .orderBy(desc(eligibilityChecks.checkedAt))
          .limit(1)
          .get();
        return row ? checkOf(row.check) : undefined;
      },
    },
    log: {
      append(entry) {
        db.insert(receptionLog).values(entry).run();
      },
      latestFor(terminalId, steps) {
        const row = db
          .select()
          .from(receptionLog)
          .where(
            steps
              ? and(eq(receptionLog.terminalId, terminalId), inArray(receptionLog.step, steps))
              : eq(receptionLog.terminalId, terminalId),
          )
          .orderBy(desc(receptionLog.id))
          .limit(1)
          .get();
        return row as LogEntry | undefined;
      },
    },
    registrations: {
      append(registration) {
        db.insert(deskRegistrations).values(registration).run();
      },
      recent: (limit) =>
        db.select().from(deskRegistrations).orderBy(desc(deskRegistrations.id)).limit(limit).all(),
    },
    staff: {
      byLoginId: (loginId) => db.select().from(staff).where(eq(staff.loginId, loginId)).get(),
      byId: (id) => db.select().from(staff).where(eq(staff.id, id)).get(),
      count: () => db.select({ id: staff.id }).from(staff).all().length,
      create(member) {
        db.insert(staff).values(member).run();
      },
    },
    sessions: {
      create(session) {
        db.insert(staffSessions).values(session).run();
      },
      get: (idHash) => db.select().from(staffSessions).where(eq(staffSessions.idHash, idHash)).get(),
      touch(idHash, at) {
        db.update(staffSessions).set({ lastSeenAt: at }).where(eq(staffSessions.idHash, idHash)).run();
      },
      delete(idHash) {
        db.delete(staffSessions).where(eq(staffSessions.idHash, idHash)).run();
      },
    },
    audit: {
      append(entry) {
        db.insert(auditLog).values(entry).run();
      },
      recent: (limit) => db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all(),
    },
    loginFailures: createSqliteLoginFailures(db, loginFailures),
  };
}

export function sqliteHospitalStore(sqlite: Database, db: HospitalDb): HospitalStore {
  const repositories = sqliteHospitalRepositories(db);
  const gate = sqliteGate(sqlite);
  return {
    ...gate.outside<HospitalRepositories>(repositories),
    transaction: (work) => gate.transaction(repositories, work),
  };
}
