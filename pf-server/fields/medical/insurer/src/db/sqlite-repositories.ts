/**
 * @module The repositories of domain/ports.ts on SQLite: plain synchronous drizzle code over schema.ts, mapping rows
 * to the domain's records (the kit's SQLite gate makes them the asynchronous interfaces the use cases see; the PostgreSQL form is
 * postgres/pg-repositories.ts). Every query
 * names its insurer.
 */

import type { Synchronous } from "@catv/provider-kit/sqlite";
import {
  createSqliteFixedWindowCounters,
  createSqliteLoginFailures,
} from "@catv/service-kit/login-failures-sqlite";
import { and, asc, count, desc, eq, gt, inArray, isNull, like, lt, or, type SQL, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { addressKey, kanaKey, nameKey } from "../domain/matching.ts";
import type {
  AuditEntry,
  CorrectableField,
  CsvImport,
  EligibilityRequestRecord,
  Household,
  InsuredPerson,
  Insurer,
  IntakeView,
  Link,
  OutboxEntry,
  PersonCorrection,
  Registration,
  Repositories,
  Staff,
  StaffSession,
  WebRegistration,
} from "../domain/ports.ts";
import * as schema from "./schema.ts";

export type InsurerDb = BetterSQLite3Database<typeof schema>;

const personColumns = {
  id: schema.insuredPersons.id,
  insurerId: schema.insuredPersons.insurerId,
  householdId: schema.insuredPersons.householdId,
  symbol: schema.households.symbol,
  number: schema.households.number,
  branchNumber: schema.insuredPersons.branchNumber,
  relationship: schema.insuredPersons.relationship,
  name: schema.insuredPersons.name,
  nameKana: schema.insuredPersons.nameKana,
  sex: schema.insuredPersons.sex,
  birthDate: schema.insuredPersons.birthDate,
  address: schema.insuredPersons.address,
  postalCode: schema.insuredPersons.postalCode,
  cardClassification: schema.insuredPersons.cardClassification,
  qualificationDate: schema.insuredPersons.qualificationDate,
  disqualificationDate: schema.insuredPersons.disqualificationDate,
  reasonOfLoss: schema.insuredPersons.reasonOfLoss,
  incomeBracket: schema.households.incomeBracket,
  updatedAt: schema.insuredPersons.updatedAt,
};

function selectPersons(db: InsurerDb) {
  return db
    .select(personColumns)
    .from(schema.insuredPersons)
    .innerJoin(schema.households, eq(schema.households.id, schema.insuredPersons.householdId));
}

type RegistrationRow = typeof schema.registrations.$inferSelect;

function registrationOf(row: RegistrationRow): Registration {
  return {
    insurerId: row.insurerId,
    accountId: row.accountId,
    fourInfo: {
      name: row.name,
      ...(row.nameAlternativeFlags ? { nameAlternativeFlags: row.nameAlternativeFlags } : {}),
      address: row.address,
      ...(row.addressAlternativeFlags ? { addressAlternativeFlags: row.addressAlternativeFlags } : {}),
      dateOfBirth: row.dateOfBirth,
      gender: row.gender,
    },
    channel: row.channel,
    siteKind: row.siteKind,
    consentVersion: row.consentVersion,
    consentAcceptedAt: row.consentAcceptedAt,
    registeredAt: row.registeredAt,
    receivedAt: row.receivedAt,
    status: row.status,
    revokedAt: row.revokedAt,
    revocationReason: row.revocationReason,
    revokedCertificate: row.revokedCertificate,
    updatedAt: row.updatedAt,
    updateReason: row.updateReason,
    reviewPending: row.reviewPending,
  };
}

const liveLinkExists = (insurerId: string) =>
  sql`exists (select 1 from ${schema.links} where ${schema.links.insurerId} = ${insurerId} and ${schema.links.accountId} = ${schema.registrations.accountId} and ${schema.links.unlinkedAt} is null)`;

function intakeWhere(insurerId: string, view: IntakeView): SQL | undefined {
  const mine = eq(schema.registrations.insurerId, insurerId);
  switch (view) {
    case "pending":
      return and(mine, eq(schema.registrations.status, "active"), sql`not ${liveLinkExists(insurerId)}`);
    case "linked":
      return and(mine, liveLinkExists(insurerId));
    case "review":
      return and(mine, eq(schema.registrations.reviewPending, true));
    case "revoked":
      return and(mine, eq(schema.registrations.status, "revoked"));
    case "all":
      return mine;
  }
}

export function createSqliteRepositories(db: InsurerDb): Synchronous<Repositories> {
  return {
    loginFailures: createSqliteLoginFailures(db, schema.loginFailures),
    registrationCalls: createSqliteFixedWindowCounters(db, schema.registrationCallWindows),
    insurers: {
      list: () => db.select().from(schema.insurers).orderBy(asc(schema.insurers.id)).all() as Insurer[],
      get: (id) =>
        db.select().from(schema.insurers).where(eq(schema.insurers.id, id)).get() as Insurer | undefined,
      upsert: (insurer) => {
        db.insert(schema.insurers)
          .values(insurer)
          .onConflictDoUpdate({ target: schema.insurers.id, set: { ...insurer } })
          .run();
      },
    },

    persons: {
      get: (insurerId, personId) =>
        selectPersons(db)
          .where(and(eq(schema.insuredPersons.insurerId, insurerId), eq(schema.insuredPersons.id, personId)))
          .get() as InsuredPerson | undefined,
      byNumber: (insurerId, key) =>
        selectPersons(db)
          .where(
            and(
              eq(schema.insuredPersons.insurerId, insurerId),
              key.symbol === null
                ? isNull(schema.households.symbol)
                : eq(schema.households.symbol, key.symbol),
              eq(schema.households.number, key.number),
              eq(schema.insuredPersons.branchNumber, key.branchNumber),
            ),
          )
          .get() as InsuredPerson | undefined,
      household: (insurerId, householdId) =>
        selectPersons(db)
          .where(
            and(
              eq(schema.insuredPersons.insurerId, insurerId),
              eq(schema.insuredPersons.householdId, householdId),
            ),
          )
          .orderBy(asc(schema.insuredPersons.branchNumber))
          .all() as InsuredPerson[],
      candidates: (insurerId, query) => {
        const keys: SQL[] = [];
        if (query.nameKey) keys.push(eq(schema.insuredPersons.nameKey, query.nameKey));
        if (query.namePattern)
          keys.push(sql`${schema.insuredPersons.nameKey} like ${query.namePattern} escape '\\'`);
        if (query.kanaKey) keys.push(eq(schema.insuredPersons.kanaKey, query.kanaKey));
        if (query.birthDate) keys.push(eq(schema.insuredPersons.birthDate, query.birthDate));
        if (query.addressKey) keys.push(eq(schema.insuredPersons.addressKey, query.addressKey));
        if (keys.length === 0) return [];
        return selectPersons(db)
          .where(and(eq(schema.insuredPersons.insurerId, insurerId), or(...keys)))
          .limit(query.limit)
          .all() as InsuredPerson[];
      },
      list: (insurerId, filter) => {
        const text = filter.text?.trim();
        const digits = text?.normalize("NFKC");
        const where = and(
          eq(schema.insuredPersons.insurerId, insurerId),
          text
            ? or(
                like(schema.insuredPersons.nameKey, `%${nameKey(text)}%`),
                like(schema.insuredPersons.kanaKey, `%${kanaKey(text)}%`),
                eq(schema.households.number, digits ?? ""),
                eq(schema.households.symbol, digits ?? ""),
              )
            : undefined,
        );
        const items = selectPersons(db)
          .where(where)
          .orderBy(
            asc(schema.households.symbol),
            asc(sql`cast(${schema.households.number} as integer)`),
            asc(schema.insuredPersons.branchNumber),
          )
          .limit(filter.limit)
          .offset(filter.offset)
          .all() as InsuredPerson[];
        const total =
          db
            .select({ n: count() })
            .from(schema.insuredPersons)
            .innerJoin(schema.households, eq(schema.households.id, schema.insuredPersons.householdId))
            .where(where)
            .get()?.n ?? 0;
        return { items, total };
      },
      count: (insurerId) =>
        db
          .select({ n: count() })
          .from(schema.insuredPersons)
          .where(eq(schema.insuredPersons.insurerId, insurerId))
          .get()?.n ?? 0,
      insertHousehold: (household: Household) => {
        db.insert(schema.households).values(household).run();
      },
      insertPerson: (person) => {
        db.insert(schema.insuredPersons)
          .values({
            id: person.id,
            insurerId: person.insurerId,
            householdId: person.householdId,
            branchNumber: person.branchNumber,
            relationship: person.relationship,
            name: person.name,
            nameKana: person.nameKana,
            sex: person.sex,
            birthDate: person.birthDate,
            address: person.address,
            postalCode: person.postalCode,
            cardClassification: person.cardClassification,
            qualificationDate: person.qualificationDate,
            disqualificationDate: person.disqualificationDate,
            reasonOfLoss: person.reasonOfLoss,
            nameKey: nameKey(person.name),
            kanaKey: kanaKey(person.nameKana),
            addressKey: addressKey(person.address),
            updatedAt: person.updatedAt,
          })
          .run();
      },
      correct: (insurerId, personId, changes: Partial<Record<CorrectableField, string>>, at) => {
        db.update(schema.insuredPersons)
          .set({
            ...(changes.name === undefined ? {} : { name: changes.name, nameKey: nameKey(changes.name) }),
            ...(changes.address === undefined
              ? {}
              : { address: changes.address, addressKey: addressKey(changes.address) }),
            ...(changes.birthDate === undefined ? {} : { birthDate: changes.birthDate }),
            ...(changes.sex === undefined ? {} : { sex: changes.sex as "1" | "2" | "3" }),
            updatedAt: at,
          })
          .where(and(eq(schema.insuredPersons.insurerId, insurerId), eq(schema.insuredPersons.id, personId)))
          .run();
      },
      addCorrection: (insurerId, correction) => {
        db.insert(schema.personCorrections)
          .values({ insurerId, ...correction })
          .run();
      },
      corrections: (insurerId, personId) =>
        db
          .select({
            personId: schema.personCorrections.personId,
            field: schema.personCorrections.field,
            oldValue: schema.personCorrections.oldValue,
            newValue: schema.personCorrections.newValue,
            accountId: schema.personCorrections.accountId,
            at: schema.personCorrections.at,
            staffLoginId: schema.personCorrections.staffLoginId,
          })
          .from(schema.personCorrections)
          .where(
            and(
              eq(schema.personCorrections.insurerId, insurerId),
              eq(schema.personCorrections.personId, personId),
            ),
          )
          .orderBy(desc(schema.personCorrections.id))
          .all() as PersonCorrection[],
    },

    registrations: {
      get: (insurerId, accountId) => {
        const row = db
          .select()
          .from(schema.registrations)
          .where(
            and(eq(schema.registrations.insurerId, insurerId), eq(schema.registrations.accountId, accountId)),
          )
          .get();
        return row && registrationOf(row);
      },
      insert: (registration) => {
        const { fourInfo } = registration;
        return (
          db
            .insert(schema.registrations)
            .values({
              insurerId: registration.insurerId,
              accountId: registration.accountId,
              name: fourInfo.name,
              nameAlternativeFlags: fourInfo.nameAlternativeFlags ?? null,
              address: fourInfo.address,
              addressAlternativeFlags: fourInfo.addressAlternativeFlags ?? null,
              dateOfBirth: fourInfo.dateOfBirth,
              gender: fourInfo.gender,
              channel: registration.channel,
              siteKind: registration.siteKind,
              consentVersion: registration.consentVersion,
              consentAcceptedAt: registration.consentAcceptedAt,
              registeredAt: registration.registeredAt,
              receivedAt: registration.receivedAt,
              status: registration.status,
              reviewPending: registration.reviewPending,
              nameKey: nameKey(fourInfo.name),
              addressKey: addressKey(fourInfo.address),
            })
            .onConflictDoNothing()
            .run().changes > 0
        );
      },
      replaceFourInfo: (insurerId, accountId, update) => {
        const { fourInfo } = update;
        db.update(schema.registrations)
          .set({
            name: fourInfo.name,
            nameAlternativeFlags: fourInfo.nameAlternativeFlags ?? null,
            address: fourInfo.address,
            addressAlternativeFlags: fourInfo.addressAlternativeFlags ?? null,
            dateOfBirth: fourInfo.dateOfBirth,
            gender: fourInfo.gender,
            nameKey: nameKey(fourInfo.name),
            addressKey: addressKey(fourInfo.address),
            updatedAt: update.updatedAt,
            updateReason: update.reason,
            reviewPending: true,
          })
          .where(
            and(eq(schema.registrations.insurerId, insurerId), eq(schema.registrations.accountId, accountId)),
          )
          .run();
      },
      markRevoked: (insurerId, accountId, revocation) => {
        db.update(schema.registrations)
          .set({
            status: revocation.status,
            revokedAt: revocation.at,
            revocationReason: revocation.reason,
            revokedCertificate: revocation.certificate,
          })
          .where(
            and(eq(schema.registrations.insurerId, insurerId), eq(schema.registrations.accountId, accountId)),
          )
          .run();
      },
      acknowledgeReview: (insurerId, accountId) => {
        db.update(schema.registrations)
          .set({ reviewPending: false })
          .where(
            and(eq(schema.registrations.insurerId, insurerId), eq(schema.registrations.accountId, accountId)),
          )
          .run();
      },
      list: (insurerId, filter) => {
        const where = intakeWhere(insurerId, filter.view);
        const rows = db
          .select()
          .from(schema.registrations)
          .where(where)
          .orderBy(desc(schema.registrations.receivedAt), asc(schema.registrations.accountId))
          .limit(filter.limit)
          .offset(filter.offset)
          .all();
        const total = db.select({ n: count() }).from(schema.registrations).where(where).get()?.n ?? 0;
        const accountIds = rows.map((r) => r.accountId);
        const live =
          accountIds.length === 0
            ? []
            : db
                .select({ accountId: schema.links.accountId, personId: schema.links.personId })
                .from(schema.links)
                .where(
                  and(
                    eq(schema.links.insurerId, insurerId),
                    inArray(schema.links.accountId, accountIds),
                    isNull(schema.links.unlinkedAt),
                  ),
                )
                .orderBy(asc(schema.links.id))
                .all();
        return {
          items: rows.map((row) => ({
            ...registrationOf(row),
            linkedPersonIds: live.filter((l) => l.accountId === row.accountId).map((l) => l.personId),
          })),
          total,
        };
      },
      counts: (insurerId) => {
        const views: IntakeView[] = ["pending", "linked", "review", "revoked", "all"];
        return Object.fromEntries(
          views.map((view) => [
            view,
            db.select({ n: count() }).from(schema.registrations).where(intakeWhere(insurerId, view)).get()
              ?.n ?? 0,
          ]),
        ) as Record<IntakeView, number>;
      },
    },

    links: {
      live: (insurerId, accountId) =>
        db
          .select()
          .from(schema.links)
          .where(
            and(
              eq(schema.links.insurerId, insurerId),
              eq(schema.links.accountId, accountId),
              isNull(schema.links.unlinkedAt),
            ),
          )
          .orderBy(asc(schema.links.id))
          .all() as Link[],
      liveForPerson: (insurerId, personId) =>
        db
          .select()
          .from(schema.links)
          .where(
            and(
              eq(schema.links.insurerId, insurerId),
              eq(schema.links.personId, personId),
              isNull(schema.links.unlinkedAt),
            ),
          )
          .get() as Link | undefined,
      history: (insurerId, accountId) =>
        db
          .select()
          .from(schema.links)
          .where(and(eq(schema.links.insurerId, insurerId), eq(schema.links.accountId, accountId)))
          .orderBy(desc(schema.links.id))
          .all() as Link[],
      historyForPerson: (insurerId, personId) =>
        db
          .select()
          .from(schema.links)
          .where(and(eq(schema.links.insurerId, insurerId), eq(schema.links.personId, personId)))
          .orderBy(desc(schema.links.id))
          .all() as Link[],
      insert: (link) => Number(db.insert(schema.links).values(link).run().lastInsertRowid),
      end: (insurerId, linkId, end) => {
        db.update(schema.links)
          .set({ unlinkedAt: end.at, unlinkedBy: end.by, unlinkReason: end.reason })
          .where(and(eq(schema.links.insurerId, insurerId), eq(schema.links.id, linkId)))
          .run();
      },
      allLive: (insurerId) => {
        const rows = db
          .select({ link: schema.links, person: personColumns })
          .from(schema.links)
          .innerJoin(schema.insuredPersons, eq(schema.insuredPersons.id, schema.links.personId))
          .innerJoin(schema.households, eq(schema.households.id, schema.insuredPersons.householdId))
          .where(and(eq(schema.links.insurerId, insurerId), isNull(schema.links.unlinkedAt)))
          .orderBy(asc(schema.links.id))
          .all();
        return rows.map((r) => ({ ...(r.link as Link), person: r.person as InsuredPerson }));
      },
    },

    outbox: {
      enqueue: (insurerId, accountId, status, at) => {
        db.insert(schema.pfLinkOutbox)
          .values({ insurerId, accountId, status, createdAt: at, nextAttemptAt: at })
          .run();
      },
      open: (limit) =>
        db
          .select()
          .from(schema.pfLinkOutbox)
          .where(isNull(schema.pfLinkOutbox.doneAt))
          .orderBy(asc(schema.pfLinkOutbox.id))
          .limit(limit)
          .all() as OutboxEntry[],
      supersedeOlder: (insurerId, accountId, newerThanId, at) => {
        db.update(schema.pfLinkOutbox)
          .set({ doneAt: at, outcome: "superseded" })
          .where(
            and(
              eq(schema.pfLinkOutbox.insurerId, insurerId),
              eq(schema.pfLinkOutbox.accountId, accountId),
              isNull(schema.pfLinkOutbox.doneAt),
              lt(schema.pfLinkOutbox.id, newerThanId),
            ),
          )
          .run();
      },
      markDone: (id, outcome, attempts, at, error) => {
        db.update(schema.pfLinkOutbox)
          .set({ doneAt: at, outcome, attempts, lastError: error ?? null })
          .where(eq(schema.pfLinkOutbox.id, id))
          .run();
      },
      markRetry: (id, attempts, nextAttemptAt, error) => {
        db.update(schema.pfLinkOutbox)
          .set({ attempts, nextAttemptAt, lastError: error })
          .where(eq(schema.pfLinkOutbox.id, id))
          .run();
      },
      latest: (insurerId, accountId) =>
        db
          .select()
          .from(schema.pfLinkOutbox)
          .where(
            and(eq(schema.pfLinkOutbox.insurerId, insurerId), eq(schema.pfLinkOutbox.accountId, accountId)),
          )
          .orderBy(desc(schema.pfLinkOutbox.id))
          .get() as OutboxEntry | undefined,
      openCount: (insurerId) =>
        db
          .select({ n: count() })
          .from(schema.pfLinkOutbox)
          .where(and(eq(schema.pfLinkOutbox.insurerId, insurerId), isNull(schema.pfLinkOutbox.doneAt)))
          .get()?.n ?? 0,
      refusedRecently: (insurerId, limit) =>
        db
          .select()
          .from(schema.pfLinkOutbox)
          .where(
            and(eq(schema.pfLinkOutbox.insurerId, insurerId), eq(schema.pfLinkOutbox.outcome, "refused")),
          )
          .orderBy(desc(schema.pfLinkOutbox.id))
          .limit(limit)
          .all() as OutboxEntry[],
    },

    events: {
      remember: (insurerId, eventId, type, at, payload) =>
        db
          .insert(schema.pfEvents)
          .values({ insurerId, eventId, type, receivedAt: at, payload })
          .onConflictDoNothing()
          .run().changes > 0,
    },

    audit: {
      append: (entry: AuditEntry) => {
        db.insert(schema.auditLog).values(entry).run();
      },
      list: (insurerId, filter) => {
        const where = eq(schema.auditLog.insurerId, insurerId);
        const items = db
          .select({
            insurerId: schema.auditLog.insurerId,
            at: schema.auditLog.at,
            actor: schema.auditLog.actor,
            action: schema.auditLog.action,
            target: schema.auditLog.target,
            detail: schema.auditLog.detail,
            requestId: schema.auditLog.requestId,
          })
          .from(schema.auditLog)
          .where(where)
          .orderBy(desc(schema.auditLog.id))
          .limit(filter.limit)
          .offset(filter.offset)
          .all();
        return { items, total: db.select({ n: count() }).from(schema.auditLog).where(where).get()?.n ?? 0 };
      },
    },

    eligibility: {
      append: (record: EligibilityRequestRecord) => {
        db.insert(schema.eligibilityRequests).values(record).run();
      },
      list: (insurerId, filter) => {
        const where = eq(schema.eligibilityRequests.insurerId, insurerId);
        const items = db
          .select({
            insurerId: schema.eligibilityRequests.insurerId,
            requestId: schema.eligibilityRequests.requestId,
            accountId: schema.eligibilityRequests.accountId,
            medicalInstitutionCode: schema.eligibilityRequests.medicalInstitutionCode,
            confirmationDate: schema.eligibilityRequests.confirmationDate,
            acr: schema.eligibilityRequests.acr,
            limitConsent: schema.eligibilityRequests.limitConsent,
            processingStatus: schema.eligibilityRequests.processingStatus,
            validity: schema.eligibilityRequests.validity,
            processedAt: schema.eligibilityRequests.processedAt,
          })
          .from(schema.eligibilityRequests)
          .where(where)
          .orderBy(desc(schema.eligibilityRequests.id))
          .limit(filter.limit)
          .offset(filter.offset)
          .all();
        return {
          items,
          total: db.select({ n: count() }).from(schema.eligibilityRequests).where(where).get()?.n ?? 0,
        };
      },
      countSince: (insurerId, since) =>
        db
          .select({ n: count() })
          .from(schema.eligibilityRequests)
          .where(
            and(
              eq(schema.eligibilityRequests.insurerId, insurerId),
              gt(schema.eligibilityRequests.processedAt, since),
            ),
          )
          .get()?.n ?? 0,
    },

    staff: {
      byLoginId: (loginId) =>
        db.select().from(schema.staff).where(eq(schema.staff.loginId, loginId)).get() as Staff | undefined,
      byId: (id) => db.select().from(schema.staff).where(eq(schema.staff.id, id)).get() as Staff | undefined,
      upsert: (member) => {
        db.insert(schema.staff)
          .values(member)
          .onConflictDoUpdate({
            target: schema.staff.loginId,
            set: {
              insurerId: member.insurerId,
              passwordHash: member.passwordHash,
              role: member.role,
              displayName: member.displayName,
            },
          })
          .run();
      },
      createSession: (session: StaffSession) => {
        db.insert(schema.staffSessions).values(session).run();
      },
      session: (idHash) =>
        db.select().from(schema.staffSessions).where(eq(schema.staffSessions.idHash, idHash)).get() as
          | StaffSession
          | undefined,
      touchSession: (idHash, at) => {
        db.update(schema.staffSessions)
          .set({ lastSeenAt: at })
          .where(eq(schema.staffSessions.idHash, idHash))
          .run();
      },
      deleteSession: (idHash) => {
        db.delete(schema.staffSessions).where(eq(schema.staffSessions.idHash, idHash)).run();
      },
      deleteExpiredSessions: (idleBefore, createdBefore) => {
        db.delete(schema.staffSessions)
          .where(
            or(
              lt(schema.staffSessions.lastSeenAt, idleBefore),
              lt(schema.staffSessions.createdAt, createdBefore),
            ),
          )
          .run();
      },
    },

    imports: {
      insert: (csvImport: CsvImport) => {
        db.insert(schema.csvImports).values(csvImport).run();
      },
      get: (insurerId, id) =>
        db
          .select()
          .from(schema.csvImports)
          .where(and(eq(schema.csvImports.insurerId, insurerId), eq(schema.csvImports.id, id)))
          .get() as CsvImport | undefined,
      decide: (insurerId, id, status, at, by, rows) =>
        db
          .update(schema.csvImports)
          .set({ status, decidedAt: at, decidedBy: by, ...(rows ? { rows } : {}) })
          .where(
            and(
              eq(schema.csvImports.insurerId, insurerId),
              eq(schema.csvImports.id, id),
              eq(schema.csvImports.status, "previewed"),
            ),
          )
          .run().changes > 0,
    },

    webRegistrations: {
      insert: (entry: WebRegistration) => {
        db.insert(schema.webRegistrations).values(entry).run();
      },
      get: (idHash) =>
        db.select().from(schema.webRegistrations).where(eq(schema.webRegistrations.idHash, idHash)).get() as
          | WebRegistration
          | undefined,
      setChallenge: (idHash, challengeId, expiresAt) => {
        db.update(schema.webRegistrations)
          .set({ challengeId, challengeExpiresAt: expiresAt })
          .where(eq(schema.webRegistrations.idHash, idHash))
          .run();
      },
      complete: (idHash, at, outcome) => {
        db.update(schema.webRegistrations)
          .set({ completedAt: at, outcome })
          .where(eq(schema.webRegistrations.idHash, idHash))
          .run();
      },
      deleteOlderThan: (createdBefore) => {
        db.delete(schema.webRegistrations).where(lt(schema.webRegistrations.createdAt, createdBefore)).run();
      },
    },
  };
}

/** The replay guard's store (service-kit's ReplayStore), kept in the database so a restart forgets no used ID. */
export function createSqliteReplayStore(db: InsurerDb) {
  return {
    remember(key: string, expiresAtMs: number, nowMs: number): boolean {
      db.delete(schema.usedAssertions).where(lt(schema.usedAssertions.expiresAtMs, nowMs)).run();
      return (
        db.insert(schema.usedAssertions).values({ jti: key, expiresAtMs }).onConflictDoNothing().run()
          .changes > 0
      );
    },
  };
}
