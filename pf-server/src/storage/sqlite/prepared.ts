/**
 * @module The statements on the login path (terminal assertion and its site, challenge, person and accounts,
 * revocation meters, session), prepared
 * once per database with drizzle placeholders. Building a drizzle query and compiling its SQL cost more than
 * running it (profile of `npm run bench`), so these are built once and only bound and stepped per request.
 * better-sqlite3 is synchronous and single-connection: the same statements serve inside and outside a
 * transaction.
 */
import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import * as t from "../schema.ts";
import type { Db } from "./database.ts";

const p = (name: string) => sql.placeholder(name);

export function prepareHotStatements(db: Db) {
  return {
    getTenant: db
      .select()
      .from(t.tenants)
      .where(eq(t.tenants.id, p("id")))
      .prepare(),
    getVerifier: db
      .select()
      .from(t.verifiers)
      .where(eq(t.verifiers.tenantId, p("tenantId")))
      .prepare(),
    getTerminal: db
      .select()
      .from(t.terminals)
      .where(eq(t.terminals.id, p("id")))
      .prepare(),
    getSite: db
      .select()
      .from(t.sites)
      .where(eq(t.sites.id, p("id")))
      .prepare(),
    getSiteVerifiers: db
      .select({ verifierId: t.siteVerifiers.verifierId })
      .from(t.siteVerifiers)
      .where(eq(t.siteVerifiers.siteId, p("siteId")))
      .orderBy(asc(t.siteVerifiers.position))
      .prepare(),
    getSiteServices: db
      .select({ serviceId: t.siteServices.serviceId })
      .from(t.siteServices)
      .where(eq(t.siteServices.siteId, p("siteId")))
      .prepare(),
    getPerson: db
      .select()
      .from(t.persons)
      .where(eq(t.persons.id, p("id")))
      .prepare(),
    listAccounts: db
      .select()
      .from(t.accounts)
      .where(eq(t.accounts.personId, p("personId")))
      .orderBy(asc(t.accounts.registeredAt))
      .prepare(),
    findCertificate: db
      .select()
      .from(t.certificates)
      .where(and(eq(t.certificates.serialHex, p("serialHex")), eq(t.certificates.kind, p("kind"))))
      .prepare(),
    createChallenge: db
      .insert(t.challenges)
      .values({
        id: p("id"),
        nonce: p("nonce"),
        purpose: p("purpose"),
        tenantId: p("tenantId"),
        terminalId: p("terminalId"),
        personId: p("personId"),
        authSerialHex: p("authSerialHex"),
        registrationSessionId: p("registrationSessionId"),
        expiresAt: p("expiresAt"),
        usedAt: p("usedAt"),
        createdAt: p("createdAt"),
      })
      .prepare(),
    getChallenge: db
      .select()
      .from(t.challenges)
      .where(eq(t.challenges.id, p("id")))
      .prepare(),
    consumeChallenge: db
      .update(t.challenges)
      .set({ usedAt: sql`${p("at")}` })
      .where(and(eq(t.challenges.id, p("id")), isNull(t.challenges.usedAt)))
      .prepare(),
    rememberAssertion: db
      .insert(t.seenTerminalAssertions)
      .values({ key: p("key"), expiresAt: p("expiresAt") })
      .onConflictDoUpdate({
        target: t.seenTerminalAssertions.key,
        set: { expiresAt: sql`excluded.expires_at` },
        setWhere: lt(t.seenTerminalAssertions.expiresAt, p("now")),
      })
      .prepare(),
    createSession: db
      .insert(t.sessions)
      .values({
        id: p("id"),
        cableId: p("cableId"),
        operatorId: p("operatorId"),
        terminalId: p("terminalId"),
        acr: p("acr"),
        siteKind: p("siteKind"),
        refreshTokenHash: p("refreshTokenHash"),
        refreshExpiresAt: p("refreshExpiresAt"),
        revokedAt: p("revokedAt"),
        createdAt: p("createdAt"),
      })
      .prepare(),
    insertOutbox: db
      .insert(t.outbox)
      .values({
        id: p("id"),
        targetKind: p("targetKind"),
        targetId: p("targetId"),
        type: p("type"),
        payload: p("payload"),
        status: "pending",
        attempts: 0,
        nextAttemptAt: p("now"),
        createdAt: p("now"),
      })
      .prepare(),
    insertAudit: db
      .insert(t.auditEvents)
      .values({
        at: p("at"),
        event: p("event"),
        outcome: p("outcome"),
        code: p("code"),
        actorKind: p("actorKind"),
        actorId: p("actorId"),
        tenantId: p("tenantId"),
        terminalId: p("terminalId"),
        accountId: p("accountId"),
        requestId: p("requestId"),
      })
      .prepare(),
    incrementMeter: db
      .insert(t.metering)
      .values({ tenantId: p("tenantId"), month: p("month"), metric: p("metric"), count: p("by") })
      .onConflictDoUpdate({
        target: [t.metering.tenantId, t.metering.month, t.metering.metric],
        set: { count: sql`${t.metering.count} + ${p("by")}` },
      })
      .prepare(),
  };
}

export type HotStatements = ReturnType<typeof prepareHotStatements>;
