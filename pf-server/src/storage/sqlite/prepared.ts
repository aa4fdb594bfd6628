/**
 * @module The statements on the login path (terminal assertion, challenge, revocation meters, session), prepared
 * once per database with drizzle placeholders. Building a drizzle query and compiling its SQL cost more than
 * running it (profile of `npm run bench`), so these are built once and only bound and stepped per request.
 * better-sqlite3 is synchronous and single-connection: the same statements serve inside and outside a
 * transaction.
 */
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import * as t from "../schema.ts";
import type { Db } from "./database.ts";

const p = (name: string) => sql.placeholder(name);

export function prepareHotStatements(db: Db) {
  return {
    getOperator: db
      .select()
      .from(t.operators)
      .where(eq(t.operators.id, p("id")))
      .prepare(),
    getTerminal: db
      .select()
      .from(t.terminals)
      .where(eq(t.terminals.id, p("id")))
      .prepare(),
    getViewer: db
      .select()
      .from(t.viewers)
      .where(eq(t.viewers.cableId, p("cableId")))
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
        operatorId: p("operatorId"),
        terminalId: p("terminalId"),
        cableId: p("cableId"),
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
        operatorId: p("operatorId"),
        terminalId: p("terminalId"),
        cableId: p("cableId"),
        requestId: p("requestId"),
      })
      .prepare(),
    incrementMeter: db
      .insert(t.metering)
      .values({ operatorId: p("operatorId"), month: p("month"), metric: p("metric"), count: p("by") })
      .onConflictDoUpdate({
        target: [t.metering.operatorId, t.metering.month, t.metering.metric],
        set: { count: sql`${t.metering.count} + ${p("by")}` },
      })
      .prepare(),
  };
}

export type HotStatements = ReturnType<typeof prepareHotStatements>;
