/**
 * @module The hospital's storage over PostgreSQL (drizzle `pg-core`; the SQLite form is ../sqlite-store.ts, the one
 * suite both pass ../hospital-store.contract.ts). The kit's `pgStore` runs each transaction SERIALIZABLE and again
 * on a serialization failure, so two first visits at once on two instances still never share a 診察券番号 (the
 * sequence row is advanced in the transaction that creates the patient), and a visit is expired by one instance.
 */
import { createPgLoginFailures } from "@catv/postgres/login-failures";
import { type PgExecutor, pgStore } from "@catv/provider-kit/postgres";
import { and, desc, eq, gt, inArray, like, lte, or, type SQL, sql } from "drizzle-orm";
import { formatPatientNumber, normalisePatientNumber } from "../../domain/patient-number.ts";
import type {
  CheckRecord,
  EligibilityResults,
  HospitalRepositories,
  HospitalStore,
  LogEntry,
  Visit,
} from "../../domain/ports.ts";
import type * as schema from "./schema.ts";
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

export type HospitalPg = PgExecutor<typeof schema>;

const visitOf = (row: typeof visits.$inferSelect): Visit => ({
  ...row,
  warnings: (row.warnings as Visit["warnings"] | null) ?? [],
});
const checkOf = (row: typeof eligibilityChecks.$inferSelect): CheckRecord => ({
  ...row,
  results: row.results as EligibilityResults,
  warnings: (row.warnings as CheckRecord["warnings"] | null) ?? [],
});

async function first<T>(rows: Promise<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

function pgHospitalRepositories(db: HospitalPg): HospitalRepositories {
  const nextPatientSequence = async (): Promise<number> => {
    const [row] = await db
      .insert(counters)
      .values({ name: "patient_number", value: 1 })
      .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
      .returning({ value: counters.value });
    return row!.value;
  };

  return {
    patients: {
      byReference: (patientReference) =>
        first(db.select().from(patients).where(eq(patients.patientReference, patientReference))),
      byNumber: (patientNumber) =>
        first(db.select().from(patients).where(eq(patients.patientNumber, patientNumber))),
      byId: (id) => first(db.select().from(patients).where(eq(patients.id, id))),
      async create({ patientReference, at }) {
        const [row] = await db
          .insert(patients)
          .values({
            patientNumber: formatPatientNumber(await nextPatientSequence()),
            patientReference,
            firstVisitAt: at,
            updatedAt: at,
          })
          .returning();
        return row!;
      },
      async updateIdentity(id, identity, at) {
        await db
          .update(patients)
          .set({ ...identity, updatedAt: at })
          .where(eq(patients.id, id));
      },
      async search({ text, birthDate, limit }) {
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
          .limit(limit);
      },
    },
    visits: {
      async create(visit) {
        await db.insert(visits).values(visit);
      },
      async byId(id) {
        const row = await first(db.select().from(visits).where(eq(visits.id, id)));
        return row ? visitOf(row) : undefined;
      },
      async byRecognition(recognitionId) {
        const row = await first(db.select().from(visits).where(eq(visits.recognitionId, recognitionId)));
        return row ? visitOf(row) : undefined;
      },
      async update(id, changes) {
        await db.update(visits).set(changes).where(eq(visits.id, id));
      },
      async dueForRetry(terminalId, now) {
        const rows = await db
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
          .orderBy(visits.nextAttemptAt, visits.id);
        return rows.map(visitOf);
      },
      async expireOverdue(now) {
        // One statement: a visit is expired (and returned) by one caller, whichever instance asks first.
        const rows = await db
          .update(visits)
          .set({ state: "expired", nextAttemptAt: null, lastCode: "recognition_expired", updatedAt: now })
          .where(and(eq(visits.state, "retrying"), lte(visits.expiresAt, now)))
          .returning();
        return rows.map(visitOf);
      },
      async forPatient(patientId, limit) {
        const rows = await db
          .select()
          .from(visits)
          .where(eq(visits.patientId, patientId))
          .orderBy(desc(visits.recognisedAt))
          .limit(limit);
        return rows.map(visitOf);
      },
      async recent(limit) {
        return (await db.select().from(visits).orderBy(desc(visits.recognisedAt)).limit(limit)).map(visitOf);
      },
    },
    checks: {
      async insert(check) {
        const inserted = await db
          .insert(eligibilityChecks)
          .values(check)
          .onConflictDoNothing()
          .returning({ checkId: eligibilityChecks.checkId });
        return inserted.length > 0;
      },
      async forVisit(visitId) {
        const rows = await db
          .select()
          .from(eligibilityChecks)
          .where(eq(eligibilityChecks.visitId, visitId))
          .orderBy(desc(eligibilityChecks.checkedAt));
        return rows.map(checkOf);
      },
      async latestForPatient(patientId) {
        const row = await first(
          db
            .select({ check: eligibilityChecks })
            .from(eligibilityChecks)
            .innerJoin(visits, eq(visits.id, eligibilityChecks.visitId))
            .where(eq(visits.patientId, patientId))
            .orderBy(desc(eligibilityChecks.checkedAt))
            .limit(1),
        );
        return row ? checkOf(row.check) : undefined;
      },
    },
    log: {
      async append(entry) {
        await db.insert(receptionLog).values(entry);
      },
      async latestFor(terminalId, steps) {
        const row = await first(
          db
            .select()
            .from(receptionLog)
            .where(
              steps
                ? and(eq(receptionLog.terminalId, terminalId), inArray(receptionLog.step, steps))
                : eq(receptionLog.terminalId, terminalId),
            )
            .orderBy(desc(receptionLog.id))
            .limit(1),
        );
        return row as LogEntry | undefined;
      },
    },
    registrations: {
      async append(registration) {
        await db.insert(deskRegistrations).values(registration);
      },
      recent: (limit) => db.select().from(deskRegistrations).orderBy(desc(deskRegistrations.id)).limit(limit),
    },
    staff: {
      byLoginId: (loginId) => first(db.select().from(staff).where(eq(staff.loginId, loginId))),
      byId: (id) => first(db.select().from(staff).where(eq(staff.id, id))),
      async count() {
        const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(staff);
        return row?.n ?? 0;
      },
      async create(member) {
        await db.insert(staff).values(member);
      },
    },
    sessions: {
      async create(session) {
        await db.insert(staffSessions).values(session);
      },
      get: (idHash) => first(db.select().from(staffSessions).where(eq(staffSessions.idHash, idHash))),
      async touch(idHash, at) {
        await db.update(staffSessions).set({ lastSeenAt: at }).where(eq(staffSessions.idHash, idHash));
      },
      async delete(idHash) {
        await db.delete(staffSessions).where(eq(staffSessions.idHash, idHash));
      },
    },
    audit: {
      async append(entry) {
        await db.insert(auditLog).values(entry);
      },
      recent: (limit) => db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit),
    },
    loginFailures: createPgLoginFailures(db, loginFailures),
  };
}

export function pgHospitalStore(db: HospitalPg): HospitalStore {
  const store = pgStore(db, pgHospitalRepositories);
  return { ...store.outside, transaction: store.transaction };
}
