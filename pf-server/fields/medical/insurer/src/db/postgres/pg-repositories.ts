/**
 * @module The repositories of domain/ports.ts on PostgreSQL (the SQLite form is ../sqlite-repositories.ts, the one
 * contract suite ../insurer-store.contract.ts): drizzle over the pg-core schema, mapping rows to the domain's
 * records. Every query names its insurer. The kit's `pgStore` runs them in SERIALIZABLE transactions.
 */

import { createPgFixedWindowCounters, createPgLoginFailures } from "@catv/postgres/login-failures";
import type { PgExecutor } from "@catv/provider-kit/postgres";
import { and, asc, count, desc, eq, gt, inArray, isNull, like, lt, or, type SQL, sql } from "drizzle-orm";
import { addressKey, kanaKey, nameKey } from "../../domain/matching.ts";
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
} from "../../domain/ports.ts";
import * as schema from "./schema.ts";

export type InsurerPg = PgExecutor<typeof schema>;

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

function selectPersons(db: InsurerPg) {
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

/** The first row of a query, or undefined. */
async function first<T>(rows: Promise<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

/** A count query's number. */
async function counted(rows: Promise<{ n: number }[]>): Promise<number> {
  return (await rows)[0]?.n ?? 0;
}

/**
 * The household number as a number for ordering, the way SQLite's `cast(… as integer)` reads it (its leading
 * digits, else 0): PostgreSQL's own cast would refuse a number that is not all digits.
 */
const householdNumberOrder = sql`coalesce(nullif(substring(${schema.households.number} from '^[0-9]+'), '')::numeric, 0)`;

export function createPgRepositories(db: InsurerPg): Repositories {
  return {
    loginFailures: createPgLoginFailures(db, schema.loginFailures),
    registrationCalls: createPgFixedWindowCounters(db, schema.registrationCallWindows),
    insurers: {
      list: async () =>
        (await db.select().from(schema.insurers).orderBy(asc(schema.insurers.id))) as Insurer[],
      get: (id) =>
        first(db.select().from(schema.insurers).where(eq(schema.insurers.id, id))) as Promise<
          Insurer | undefined
        >,
      upsert: async (insurer) => {
        await db
          .insert(schema.insurers)
          .values(insurer)
          .onConflictDoUpdate({ target: schema.insurers.id, set: { ...insurer } });
      },
    },

    persons: {
      get: (insurerId, personId) =>
        first(
          selectPersons(db).where(
            and(eq(schema.insuredPersons.insurerId, insurerId), eq(schema.insuredPersons.id, personId)),
          ),
        ) as Promise<InsuredPerson | undefined>,
      byNumber: (insurerId, key) =>
        first(
          selectPersons(db).where(
            and(
              eq(schema.insuredPersons.insurerId, insurerId),
              key.symbol === null
                ? isNull(schema.households.symbol)
                : eq(schema.households.symbol, key.symbol),
              eq(schema.households.number, key.number),
              eq(schema.insuredPersons.branchNumber, key.branchNumber),
            ),
          ),
        ) as Promise<InsuredPerson | undefined>,
      household: async (insurerId, householdId) =>
        (await selectPersons(db)
          .where(
            and(
              eq(schema.insuredPersons.insurerId, insurerId),
              eq(schema.insuredPersons.householdId, householdId),
            ),
          )
          .orderBy(asc(schema.insuredPersons.branchNumber))) as InsuredPerson[],
      candidates: async (insurerId, query) => {
        const keys: SQL[] = [];
        if (query.nameKey) keys.push(eq(schema.insuredPersons.nameKey, query.nameKey));
        if (query.namePattern)
          keys.push(sql`${schema.insuredPersons.nameKey} like ${query.namePattern} escape '\\'`);
        if (query.kanaKey) keys.push(eq(schema.insuredPersons.kanaKey, query.kanaKey));
        if (query.birthDate) keys.push(eq(schema.insuredPersons.birthDate, query.birthDate));
        if (query.addressKey) keys.push(eq(schema.insuredPersons.addressKey, query.addressKey));
        if (keys.length === 0) return [];
        return (await selectPersons(db)
          .where(and(eq(schema.insuredPersons.insurerId, insurerId), or(...keys)))
          .orderBy(asc(schema.insuredPersons.id))
          .limit(query.limit)) as InsuredPerson[];
      },
      list: async (insurerId, filter) => {
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
        const items = (await selectPersons(db)
          .where(where)
          .orderBy(
            // SQLite sorts NULL first; so does this, to list alike.
            sql`${schema.households.symbol} asc nulls first`,
            asc(householdNumberOrder),
            asc(schema.insuredPersons.branchNumber),
          )
          .limit(filter.limit)
          .offset(filter.offset)) as InsuredPerson[];
        const total = await counted(
          db
            .select({ n: count() })
            .from(schema.insuredPersons)
            .innerJoin(schema.households, eq(schema.households.id, schema.insuredPersons.householdId))
            .where(where),
        );
        return { items, total };
      },
      count: (insurerId) =>
        counted(
          db
            .select({ n: count() })
            .from(schema.insuredPersons)
            .where(eq(schema.insuredPersons.insurerId, insurerId)),
        ),
      insertHousehold: async (household: Household) => {
        await db.insert(schema.households).values(household);
      },
      insertPerson: async (person) => {
        await db.insert(schema.insuredPersons).values({
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
        });
      },
      correct: async (insurerId, personId, changes: Partial<Record<CorrectableField, string>>, at) => {
        await db
          .update(schema.insuredPersons)
          .set({
            ...(changes.name === undefined ? {} : { name: changes.name, nameKey: nameKey(changes.name) }),
            ...(changes.address === undefined
              ? {}
              : { address: changes.address, addressKey: addressKey(changes.address) }),
            ...(changes.birthDate === undefined ? {} : { birthDate: changes.birthDate }),
            ...(changes.sex === undefined ? {} : { sex: changes.sex as "1" | "2" | "3" }),
            updatedAt: at,
          })
          .where(and(eq(schema.insuredPersons.insurerId, insurerId), eq(schema.insuredPersons.id, personId)));
      },
      addCorrection: async (insurerId, correction) => {
        await db.insert(schema.personCorrections).values({ insurerId, ...correction });
      },
      corrections: async (insurerId, personId) =>
        (await db
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
          .orderBy(desc(schema.personCorrections.id))) as PersonCorrection[],
    },

    registrations: {
      get: async (insurerId, accountId) => {
        const row = await first(
          db
            .select()
            .from(schema.registrations)
            .where(
              and(
                eq(schema.registrations.insurerId, insurerId),
                eq(schema.registrations.accountId, accountId),
              ),
            ),
        );
        return row && registrationOf(row);
      },
      insert: async (registration) => {
        const { fourInfo } = registration;
        const inserted = await db
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
          .returning({ accountId: schema.registrations.accountId });
        return inserted.length > 0;
      },
      replaceFourInfo: async (insurerId, accountId, update) => {
        const { fourInfo } = update;
        await db
          .update(schema.registrations)
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
          );
      },
      markRevoked: async (insurerId, accountId, revocation) => {
        await db
          .update(schema.registrations)
          .set({
            status: revocation.status,
            revokedAt: revocation.at,
            revocationReason: revocation.reason,
            revokedCertificate: revocation.certificate,
          })
          .where(
            and(eq(schema.registrations.insurerId, insurerId), eq(schema.registrations.accountId, accountId)),
          );
      },
      acknowledgeReview: async (insurerId, accountId) => {
        await db
          .update(schema.registrations)
          .set({ reviewPending: false })
          .where(
            and(eq(schema.registrations.insurerId, insurerId), eq(schema.registrations.accountId, accountId)),
          );
      },
      list: async (insurerId, filter) => {
        const where = intakeWhere(insurerId, filter.view);
        const rows = await db
          .select()
          .from(schema.registrations)
          .where(where)
          .orderBy(desc(schema.registrations.receivedAt), asc(schema.registrations.accountId))
          .limit(filter.limit)
          .offset(filter.offset);
        const total = await counted(db.select({ n: count() }).from(schema.registrations).where(where));
        const accountIds = rows.map((r) => r.accountId);
        const live =
          accountIds.length === 0
            ? []
            : await db
                .select({ accountId: schema.links.accountId, personId: schema.links.personId })
                .from(schema.links)
                .where(
                  and(
                    eq(schema.links.insurerId, insurerId),
                    inArray(schema.links.accountId, accountIds),
                    isNull(schema.links.unlinkedAt),
                  ),
                )
                .orderBy(asc(schema.links.id));
        return {
          items: rows.map((row) => ({
            ...registrationOf(row),
            linkedPersonIds: live.filter((l) => l.accountId === row.accountId).map((l) => l.personId),
          })),
          total,
        };
      },
      counts: async (insurerId) => {
        const views: IntakeView[] = ["pending", "linked", "review", "revoked", "all"];
        const entries: [IntakeView, number][] = [];
        for (const view of views) {
          entries.push([
            view,
            await counted(
              db.select({ n: count() }).from(schema.registrations).where(intakeWhere(insurerId, view)),
            ),
          ]);
        }
        return Object.fromEntries(entries) as Record<IntakeView, number>;
      },
    },

    links: {
      live: async (insurerId, accountId) =>
        (await db
          .select()
          .from(schema.links)
          .where(
            and(
              eq(schema.links.insurerId, insurerId),
              eq(schema.links.accountId, accountId),
              isNull(schema.links.unlinkedAt),
            ),
          )
          .orderBy(asc(schema.links.id))) as Link[],
      liveForPerson: (insurerId, personId) =>
        first(
          db
            .select()
            .from(schema.links)
            .where(
              and(
                eq(schema.links.insurerId, insurerId),
                eq(schema.links.personId, personId),
                isNull(schema.links.unlinkedAt),
              ),
            ),
        ) as Promise<Link | undefined>,
      history: async (insurerId, accountId) =>
        (await db
          .select()
          .from(schema.links)
          .where(and(eq(schema.links.insurerId, insurerId), eq(schema.links.accountId, accountId)))
          .orderBy(desc(schema.links.id))) as Link[],
      historyForPerson: async (insurerId, personId) =>
        (await db
          .select()
          .from(schema.links)
          .where(and(eq(schema.links.insurerId, insurerId), eq(schema.links.personId, personId)))
          .orderBy(desc(schema.links.id))) as Link[],
      insert: async (link) => {
        const [row] = await db.insert(schema.links).values(link).returning({ id: schema.links.id });
        return row!.id;
      },
      end: async (insurerId, linkId, end) => {
        await db
          .update(schema.links)
          .set({ unlinkedAt: end.at, unlinkedBy: end.by, unlinkReason: end.reason })
          .where(and(eq(schema.links.insurerId, insurerId), eq(schema.links.id, linkId)));
      },
      allLive: async (insurerId) => {
        const rows = await db
          .select({ link: schema.links, person: personColumns })
          .from(schema.links)
          .innerJoin(schema.insuredPersons, eq(schema.insuredPersons.id, schema.links.personId))
          .innerJoin(schema.households, eq(schema.households.id, schema.insuredPersons.householdId))
          .where(and(eq(schema.links.insurerId, insurerId), isNull(schema.links.unlinkedAt)))
          .orderBy(asc(schema.links.id));
        return rows.map((r) => ({ ...(r.link as Link), person: r.person as InsuredPerson }));
      },
    },

    outbox: {
      enqueue: async (insurerId, accountId, status, at) => {
        await db
          .insert(schema.pfLinkOutbox)
          .values({ insurerId, accountId, status, createdAt: at, nextAttemptAt: at });
      },
      open: async (limit) =>
        (await db
          .select()
          .from(schema.pfLinkOutbox)
          .where(isNull(schema.pfLinkOutbox.doneAt))
          .orderBy(asc(schema.pfLinkOutbox.id))
          .limit(limit)) as OutboxEntry[],
      supersedeOlder: async (insurerId, accountId, newerThanId, at) => {
        await db
          .update(schema.pfLinkOutbox)
          .set({ doneAt: at, outcome: "superseded" })
          .where(
            and(
              eq(schema.pfLinkOutbox.insurerId, insurerId),
              eq(schema.pfLinkOutbox.accountId, accountId),
              isNull(schema.pfLinkOutbox.doneAt),
              lt(schema.pfLinkOutbox.id, newerThanId),
            ),
          );
      },
      markDone: async (id, outcome, attempts, at, error) => {
        await db
          .update(schema.pfLinkOutbox)
          .set({ doneAt: at, outcome, attempts, lastError: error ?? null })
          .where(eq(schema.pfLinkOutbox.id, id));
      },
      markRetry: async (id, attempts, nextAttemptAt, error) => {
        await db
          .update(schema.pfLinkOutbox)
          .set({ attempts, nextAttemptAt, lastError: error })
          .where(eq(schema.pfLinkOutbox.id, id));
      },
      latest: (insurerId, accountId) =>
        first(
          db
            .select()
            .from(schema.pfLinkOutbox)
            .where(
              and(eq(schema.pfLinkOutbox.insurerId, insurerId), eq(schema.pfLinkOutbox.accountId, accountId)),
            )
            .orderBy(desc(schema.pfLinkOutbox.id))
            .limit(1),
        ) as Promise<OutboxEntry | undefined>,
      openCount: (insurerId) =>
        counted(
          db
            .select({ n: count() })
            .from(schema.pfLinkOutbox)
            .where(and(eq(schema.pfLinkOutbox.insurerId, insurerId), isNull(schema.pfLinkOutbox.doneAt))),
        ),
      refusedRecently: async (insurerId, limit) =>
        (await db
          .select()
          .from(schema.pfLinkOutbox)
          .where(
            and(eq(schema.pfLinkOutbox.insurerId, insurerId), eq(schema.pfLinkOutbox.outcome, "refused")),
          )
          .orderBy(desc(schema.pfLinkOutbox.id))
          .limit(limit)) as OutboxEntry[],
    },

    events: {
      remember: async (insurerId, eventId, type, at, payload) => {
        const inserted = await db
          .insert(schema.pfEvents)
          .values({ insurerId, eventId, type, receivedAt: at, payload })
          .onConflictDoNothing()
          .returning({ eventId: schema.pfEvents.eventId });
        return inserted.length > 0;
      },
    },

    audit: {
      append: async (entry: AuditEntry) => {
        await db.insert(schema.auditLog).values(entry);
      },
      list: async (insurerId, filter) => {
        const where = eq(schema.auditLog.insurerId, insurerId);
        const items = await db
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
          .offset(filter.offset);
        return { items, total: await counted(db.select({ n: count() }).from(schema.auditLog).where(where)) };
      },
    },

    eligibility: {
      append: async (record: EligibilityRequestRecord) => {
        await db.insert(schema.eligibilityRequests).values(record);
      },
      list: async (insurerId, filter) => {
        const where = eq(schema.eligibilityRequests.insurerId, insurerId);
        const items = await db
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
          .offset(filter.offset);
        return {
          items,
          total: await counted(db.select({ n: count() }).from(schema.eligibilityRequests).where(where)),
        };
      },
      countSince: (insurerId, since) =>
        counted(
          db
            .select({ n: count() })
            .from(schema.eligibilityRequests)
            .where(
              and(
                eq(schema.eligibilityRequests.insurerId, insurerId),
                gt(schema.eligibilityRequests.processedAt, since),
              ),
            ),
        ),
    },

    staff: {
      byLoginId: (loginId) =>
        first(db.select().from(schema.staff).where(eq(schema.staff.loginId, loginId))) as Promise<
          Staff | undefined
        >,
      byId: (id) =>
        first(db.select().from(schema.staff).where(eq(schema.staff.id, id))) as Promise<Staff | undefined>,
      upsert: async (member) => {
        await db
          .insert(schema.staff)
          .values(member)
          .onConflictDoUpdate({
            target: schema.staff.loginId,
            set: {
              insurerId: member.insurerId,
              passwordHash: member.passwordHash,
              role: member.role,
              displayName: member.displayName,
            },
          });
      },
      createSession: async (session: StaffSession) => {
        await db.insert(schema.staffSessions).values(session);
      },
      session: (idHash) =>
        first(
          db.select().from(schema.staffSessions).where(eq(schema.staffSessions.idHash, idHash)),
        ) as Promise<StaffSession | undefined>,
      touchSession: async (idHash, at) => {
        await db
          .update(schema.staffSessions)
          .set({ lastSeenAt: at })
          .where(eq(schema.staffSessions.idHash, idHash));
      },
      deleteSession: async (idHash) => {
        await db.delete(schema.staffSessions).where(eq(schema.staffSessions.idHash, idHash));
      },
      deleteExpiredSessions: async (idleBefore, createdBefore) => {
        await db
          .delete(schema.staffSessions)
          .where(
            or(
              lt(schema.staffSessions.lastSeenAt, idleBefore),
              lt(schema.staffSessions.createdAt, createdBefore),
            ),
          );
      },
    },

    imports: {
      insert: async (csvImport: CsvImport) => {
        await db.insert(schema.csvImports).values(csvImport);
      },
      get: (insurerId, id) =>
        first(
          db
            .select()
            .from(schema.csvImports)
            .where(and(eq(schema.csvImports.insurerId, insurerId), eq(schema.csvImports.id, id))),
        ) as Promise<CsvImport | undefined>,
      decide: async (insurerId, id, status, at, by, rows) => {
        const decided = await db
          .update(schema.csvImports)
          .set({ status, decidedAt: at, decidedBy: by, ...(rows ? { rows } : {}) })
          .where(
            and(
              eq(schema.csvImports.insurerId, insurerId),
              eq(schema.csvImports.id, id),
              eq(schema.csvImports.status, "previewed"),
            ),
          )
          .returning({ id: schema.csvImports.id });
        return decided.length > 0;
      },
    },

    webRegistrations: {
      insert: async (entry: WebRegistration) => {
        await db.insert(schema.webRegistrations).values(entry);
      },
      get: (idHash) =>
        first(
          db.select().from(schema.webRegistrations).where(eq(schema.webRegistrations.idHash, idHash)),
        ) as Promise<WebRegistration | undefined>,
      setChallenge: async (idHash, challengeId, expiresAt) => {
        await db
          .update(schema.webRegistrations)
          .set({ challengeId, challengeExpiresAt: expiresAt })
          .where(eq(schema.webRegistrations.idHash, idHash));
      },
      complete: async (idHash, at, outcome) => {
        await db
          .update(schema.webRegistrations)
          .set({ completedAt: at, outcome })
          .where(eq(schema.webRegistrations.idHash, idHash));
      },
      deleteOlderThan: async (createdBefore) => {
        await db.delete(schema.webRegistrations).where(lt(schema.webRegistrations.createdAt, createdBefore));
      },
    },
  };
}
