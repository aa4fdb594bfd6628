/**
 * @module SQLite implementation of every PF repository (drizzle + better-sqlite3). better-sqlite3 is
 * synchronous, so each transaction is a synchronous callback (an async one would not roll back: drizzle#1472).
 */
import { and, asc, desc, eq, gt, isNull, lt, lte, ne, sql } from "drizzle-orm";
import type {
  AuditRow,
  Branding,
  CardBinding,
  Challenge,
  Operator,
  OutboxEvent,
  PfStore,
  Provider,
  Service,
  Session,
  SideEffects,
  Terminal,
} from "../repositories.ts";
import * as t from "../schema.ts";
import { createCrossDeviceStore } from "./cross-device-store.ts";
import { type Db, openDatabase, writeSideEffects } from "./database.ts";
import { prepareHotStatements } from "./prepared.ts";
import { createRetentionRepository } from "./retention-store.ts";

const nowIso = () => new Date().toISOString();

export function createSqliteStore(path: string): PfStore {
  const { db, sqlite, close } = openDatabase(path);
  const hot = prepareHotStatements(db);
  // One better-sqlite3 transaction function for the store's lifetime (drizzle's db.transaction() builds four
  // wrappers per call). The connection is single and synchronous, so statements issued on `db` inside the
  // callback run inside this BEGIN … COMMIT, and a throw rolls all of them back.
  const runTx = sqlite.transaction((fn: (tx: Db) => void, effects: SideEffects | undefined) => {
    fn(db);
    writeSideEffects(hot, effects, nowIso());
  });
  const inTx = (fn: (tx: Db) => void, effects?: SideEffects): void => runTx(fn, effects);
  // The same, for a change that may find nothing to do: the side effects are written only when `fn` answers true.
  const runTxIf = sqlite.transaction((fn: (tx: Db) => boolean, effects: SideEffects | undefined) => {
    const changed = fn(db);
    if (changed) writeSideEffects(hot, effects, nowIso());
    return changed;
  });
  const toOperator = (r: typeof t.operators.$inferSelect): Operator => ({
    ...r,
    branding: r.branding as Branding,
  });
  const toTerminal = (r: typeof t.terminals.$inferSelect): Terminal => ({
    ...r,
    publicJwk: r.publicJwk as import("jose").JWK,
  });
  const toService = (r: typeof t.services.$inferSelect): Service => ({ ...r, scope: r.scope as string[] });

  return {
    close,
    retention: createRetentionRepository(db),
    crossDevice: createCrossDeviceStore(db, (fn, effects) => runTxIf(fn, effects)),
    tenants: {
      async upsertOperator(operator, effects) {
        inTx((tx) => {
          tx.insert(t.operators)
            .values(operator)
            .onConflictDoUpdate({ target: t.operators.id, set: operator })
            .run();
        }, effects);
      },
      async getOperator(id) {
        const r = hot.getOperator.get({ id });
        return r && toOperator(r);
      },
      async listOperators() {
        return db.select().from(t.operators).orderBy(asc(t.operators.id)).all().map(toOperator);
      },
      async findOperatorByApiKeyHash(hash) {
        const r = db.select().from(t.operators).where(eq(t.operators.apiKeyHash, hash)).get();
        return r && toOperator(r);
      },
      async upsertTerminal(terminal, effects) {
        inTx((tx) => {
          tx.insert(t.terminals)
            .values(terminal)
            .onConflictDoUpdate({ target: t.terminals.id, set: terminal })
            .run();
        }, effects);
      },
      async getTerminal(id) {
        const r = hot.getTerminal.get({ id });
        return r && toTerminal(r);
      },
      async listTerminals(operatorId) {
        return db
          .select()
          .from(t.terminals)
          .where(eq(t.terminals.operatorId, operatorId))
          .all()
          .map(toTerminal);
      },
      async recordTerminalUse(terminalId, at) {
        db.insert(t.terminalLastUse)
          .values({ terminalId, lastUsedAt: at })
          .onConflictDoUpdate({ target: t.terminalLastUse.terminalId, set: { lastUsedAt: at } })
          .run();
      },
      async terminalLastUse() {
        const rows = db.select().from(t.terminalLastUse).all();
        return new Map(rows.map((r) => [r.terminalId, r.lastUsedAt]));
      },
      async upsertProvider(provider: Provider, services: Service[], effects) {
        inTx((tx) => {
          tx.insert(t.providers)
            .values(provider)
            .onConflictDoUpdate({ target: t.providers.id, set: provider })
            .run();
          tx.delete(t.services).where(eq(t.services.providerId, provider.id)).run();
          for (const service of services) tx.insert(t.services).values(service).run();
        }, effects);
      },
      async getProvider(id) {
        return db.select().from(t.providers).where(eq(t.providers.id, id)).get();
      },
      async listProviders() {
        return db.select().from(t.providers).orderBy(asc(t.providers.id)).all();
      },
      async findProviderByApiKeyHash(hash) {
        return db.select().from(t.providers).where(eq(t.providers.apiKeyHash, hash)).get();
      },
      async listServices() {
        return db.select().from(t.services).orderBy(asc(t.services.id)).all().map(toService);
      },
      async getService(id) {
        const r = db.select().from(t.services).where(eq(t.services.id, id)).get();
        return r && toService(r);
      },
    },
    viewers: {
      async getViewer(cableId) {
        return hot.getViewer.get({ cableId });
      },
      async findCertificate(serialHex, kind) {
        return hot.findCertificate.get({ serialHex, kind });
      },
      async saveRegistration(
        { viewer, isNew, certificates, consumeRegistrationSession, cardBinding },
        effects,
      ) {
        return runTxIf((tx) => {
          if (consumeRegistrationSession) {
            const consumed = tx
              .update(t.registrationSessions)
              .set({ usedAt: consumeRegistrationSession.at })
              .where(
                and(
                  eq(t.registrationSessions.id, consumeRegistrationSession.id),
                  isNull(t.registrationSessions.usedAt),
                ),
              )
              .run().changes;
            if (consumed === 0) return false;
          }
          if (isNew) tx.insert(t.viewers).values(viewer).run();
          else
            tx.update(t.viewers)
              .set({
                updatedAt: viewer.updatedAt,
                birthDate: viewer.birthDate,
                householdLink: viewer.householdLink,
              })
              .where(eq(t.viewers.cableId, viewer.cableId))
              .run();
          for (const cert of certificates) {
            // A newer certificate of the same kind supersedes the viewer's older ones (renewal, move).
            tx.update(t.certificates)
              .set({ status: "superseded" })
              .where(
                and(
                  eq(t.certificates.cableId, cert.cableId),
                  eq(t.certificates.kind, cert.kind),
                  eq(t.certificates.status, "active"),
                ),
              )
              .run();
            tx.insert(t.certificates)
              .values(cert)
              .onConflictDoUpdate({
                target: [t.certificates.serialHex, t.certificates.kind],
                set: { status: cert.status, cableId: cert.cableId },
              })
              .run();
          }
          if (cardBinding) upsertBinding(tx, cardBinding);
          return true;
        }, effects);
      },
      async setHouseholdLink(cableId, status, at, effects) {
        inTx((tx) => {
          tx.update(t.viewers)
            .set({ householdLink: status, updatedAt: at })
            .where(eq(t.viewers.cableId, cableId))
            .run();
        }, effects);
      },
      async recordCertificateRevoked({ serialHex, kind, at, endSessionsOf }, effects) {
        return runTxIf((tx) => {
          const marked = tx
            .update(t.certificates)
            .set({ status: "revoked" })
            .where(
              and(
                eq(t.certificates.serialHex, serialHex),
                eq(t.certificates.kind, kind),
                ne(t.certificates.status, "revoked"),
              ),
            )
            .run().changes;
          if (marked === 0) return false;
          if (endSessionsOf)
            tx.update(t.sessions)
              .set({ revokedAt: at })
              .where(and(eq(t.sessions.cableId, endSessionsOf), isNull(t.sessions.revokedAt)))
              .run();
          return true;
        }, effects);
      },
      async listUnrevokedCertificates(kind, afterSerialHex, limit) {
        return db
          .select({ serialHex: t.certificates.serialHex, status: t.certificates.status })
          .from(t.certificates)
          .where(
            and(
              eq(t.certificates.kind, kind),
              ne(t.certificates.status, "revoked"),
              gt(t.certificates.serialHex, afterSerialHex),
            ),
          )
          .orderBy(asc(t.certificates.serialHex))
          .limit(limit)
          .all();
      },
    },
    cardBindings: {
      async getBinding(cableId) {
        return db.select().from(t.cardBindings).where(eq(t.cardBindings.cableId, cableId)).get();
      },
      async saveBinding(binding, effects) {
        inTx((tx) => upsertBinding(tx, binding), effects);
      },
    },
    challenges: {
      async createChallenge(challenge, effects) {
        if (!effects) {
          hot.createChallenge.run({ ...challenge });
          return;
        }
        inTx(() => {
          hot.createChallenge.run({ ...challenge });
        }, effects);
      },
      async getChallenge(id) {
        return hot.getChallenge.get({ id }) as Challenge | undefined;
      },
      async consumeChallenge(id, at) {
        return hot.consumeChallenge.run({ id, at }).changes === 1;
      },
      async createRegistrationSession(session, effects) {
        inTx((tx) => {
          tx.insert(t.registrationSessions).values(session).run();
        }, effects);
      },
      async findOpenRegistrationSession(terminalId, now) {
        return db
          .select()
          .from(t.registrationSessions)
          .where(
            and(
              eq(t.registrationSessions.terminalId, terminalId),
              isNull(t.registrationSessions.usedAt),
              gt(t.registrationSessions.expiresAt, now),
            ),
          )
          .orderBy(desc(t.registrationSessions.createdAt))
          .get();
      },
      async getRegistrationSession(id) {
        return db.select().from(t.registrationSessions).where(eq(t.registrationSessions.id, id)).get();
      },
      async deleteExpiredChallenges(before) {
        return db.delete(t.challenges).where(lt(t.challenges.expiresAt, before)).run().changes;
      },
    },
    sessions: {
      async createSession(session, effects) {
        inTx(() => {
          hot.createSession.run({ ...session });
        }, effects);
      },
      async getSession(id) {
        return db.select().from(t.sessions).where(eq(t.sessions.id, id)).get() as Session | undefined;
      },
      async findSessionByRefreshHash(hash) {
        return db.select().from(t.sessions).where(eq(t.sessions.refreshTokenHash, hash)).get() as
          | Session
          | undefined;
      },
      async findSessionByRetiredRefreshHash(hash) {
        const retired = db
          .select()
          .from(t.retiredRefreshTokens)
          .where(eq(t.retiredRefreshTokens.hash, hash))
          .get();
        if (!retired) return undefined;
        return db.select().from(t.sessions).where(eq(t.sessions.id, retired.sessionId)).get() as
          | Session
          | undefined;
      },
      async rotateRefreshToken(id, expectedHash, nextHash, expiresAt, at) {
        let rotated = false;
        inTx((tx) => {
          rotated =
            tx
              .update(t.sessions)
              .set({ refreshTokenHash: nextHash, refreshExpiresAt: expiresAt })
              .where(
                and(
                  eq(t.sessions.id, id),
                  eq(t.sessions.refreshTokenHash, expectedHash),
                  isNull(t.sessions.revokedAt),
                ),
              )
              .run().changes === 1;
          if (rotated)
            tx.insert(t.retiredRefreshTokens)
              .values({ hash: expectedHash, sessionId: id, retiredAt: at })
              .run();
        });
        return rotated;
      },
      async deleteRetiredRefreshTokens(before) {
        return db.delete(t.retiredRefreshTokens).where(lt(t.retiredRefreshTokens.retiredAt, before)).run()
          .changes;
      },
      async revokeSession(id, at, effects) {
        inTx((tx) => {
          tx.update(t.sessions)
            .set({ revokedAt: at })
            .where(and(eq(t.sessions.id, id), isNull(t.sessions.revokedAt)))
            .run();
        }, effects);
      },
    },
    enrolments: {
      async getEnrolment(cableId, serviceId) {
        return db
          .select()
          .from(t.enrolments)
          .where(and(eq(t.enrolments.cableId, cableId), eq(t.enrolments.serviceId, serviceId)))
          .get();
      },
      async listEnrolments(cableId) {
        return db.select().from(t.enrolments).where(eq(t.enrolments.cableId, cableId)).all();
      },
      async findByPairwiseId(providerId, pairwiseId) {
        return db
          .select()
          .from(t.enrolments)
          .where(and(eq(t.enrolments.providerId, providerId), eq(t.enrolments.pairwiseId, pairwiseId)))
          .get();
      },
      async saveEnrolment(enrolment, effects) {
        inTx((tx) => {
          tx.insert(t.enrolments)
            .values(enrolment)
            .onConflictDoUpdate({
              target: [t.enrolments.cableId, t.enrolments.serviceId],
              set: { providerUserId: enrolment.providerUserId, enrolledAt: enrolment.enrolledAt },
            })
            .run();
        }, effects);
      },
    },
    usage: {
      async findUsageByIdempotencyKey(providerId, key) {
        return db
          .select()
          .from(t.usageRecords)
          .where(and(eq(t.usageRecords.providerId, providerId), eq(t.usageRecords.idempotencyKey, key)))
          .get();
      },
      async findUsageByReference(providerId, reference, kind) {
        return db
          .select()
          .from(t.usageRecords)
          .where(
            and(
              eq(t.usageRecords.providerId, providerId),
              eq(t.usageRecords.providerReference, reference),
              eq(t.usageRecords.kind, kind),
            ),
          )
          .get();
      },
      async getUsage(id) {
        return db.select().from(t.usageRecords).where(eq(t.usageRecords.id, id)).get();
      },
      async saveUsage(record, effects) {
        inTx((tx) => {
          tx.insert(t.usageRecords).values(record).run();
        }, effects);
      },
      async findSettlementByIdempotencyKey(operatorId, key) {
        return db
          .select()
          .from(t.settlements)
          .where(and(eq(t.settlements.operatorId, operatorId), eq(t.settlements.idempotencyKey, key)))
          .get();
      },
      async saveSettlement(record, effects) {
        inTx((tx) => {
          tx.insert(t.settlements).values(record).run();
        }, effects);
      },
    },
    outbox: {
      async listDue(now, limit, destination) {
        const due = and(eq(t.outbox.status, "pending"), lte(t.outbox.nextAttemptAt, now));
        return db
          .select()
          .from(t.outbox)
          .where(
            destination
              ? and(
                  due,
                  eq(t.outbox.targetKind, destination.targetKind),
                  eq(t.outbox.targetId, destination.targetId),
                )
              : due,
          )
          .orderBy(asc(t.outbox.createdAt))
          .limit(limit)
          .all() as OutboxEvent[];
      },
      async listDueDestinations(now) {
        return db
          .selectDistinct({ targetKind: t.outbox.targetKind, targetId: t.outbox.targetId })
          .from(t.outbox)
          .where(and(eq(t.outbox.status, "pending"), lte(t.outbox.nextAttemptAt, now)))
          .all();
      },
      async destinationStats() {
        return db
          .select({
            targetKind: t.outbox.targetKind,
            targetId: t.outbox.targetId,
            pending: sql<number>`sum(${t.outbox.status} = 'pending')`,
            retrying: sql<number>`sum(${t.outbox.status} = 'pending' and ${t.outbox.attempts} > 0)`,
            dead: sql<number>`sum(${t.outbox.status} = 'dead')`,
            oldestPendingAt: sql<
              string | null
            >`min(case when ${t.outbox.status} = 'pending' then ${t.outbox.createdAt} end)`,
          })
          .from(t.outbox)
          .where(ne(t.outbox.status, "delivered"))
          .groupBy(t.outbox.targetKind, t.outbox.targetId)
          .all();
      },
      async list({ status, limit }) {
        const q = db.select().from(t.outbox);
        const rows =
          status === "failed"
            ? q.where(and(eq(t.outbox.status, "pending"), gt(t.outbox.attempts, 0)))
            : status
              ? q.where(eq(t.outbox.status, status))
              : q;
        return rows.orderBy(desc(t.outbox.createdAt)).limit(limit).all() as OutboxEvent[];
      },
      async get(id) {
        return db.select().from(t.outbox).where(eq(t.outbox.id, id)).get() as OutboxEvent | undefined;
      },
      async markDelivered(id, at) {
        db.update(t.outbox)
          .set({ status: "delivered", deliveredAt: at, attempts: sqlIncrement(), lastError: null })
          .where(eq(t.outbox.id, id))
          .run();
      },
      async markAttemptFailed(id, { error, nextAttemptAt, giveUp }) {
        db.update(t.outbox)
          .set({
            status: giveUp ? "dead" : "pending",
            lastError: error,
            nextAttemptAt,
            attempts: sqlIncrement(),
          })
          .where(eq(t.outbox.id, id))
          .run();
      },
      async requeue(id, at) {
        const result = db
          .update(t.outbox)
          .set({ status: "pending", nextAttemptAt: at })
          .where(and(eq(t.outbox.id, id), eq(t.outbox.status, "dead")))
          .run();
        return result.changes === 1;
      },
    },
    metering: {
      async record(effects) {
        inTx(() => {}, effects);
      },
      async monthCounts(operatorId, month) {
        const rows = db
          .select()
          .from(t.metering)
          .where(and(eq(t.metering.operatorId, operatorId), eq(t.metering.month, month)))
          .all();
        return Object.fromEntries(rows.map((r) => [r.metric, r.count]));
      },
      async listAudit({ afterSeq, limit }) {
        const q = db.select().from(t.auditEvents);
        const rows = afterSeq === undefined ? q : q.where(gt(t.auditEvents.seq, afterSeq));
        return rows.orderBy(asc(t.auditEvents.seq)).limit(limit).all() as AuditRow[];
      },
      async searchAudit({ event, outcome, operatorId, code, beforeSeq, limit }) {
        const a = t.auditEvents;
        const conditions = [
          event ? sql`substr(${a.event}, 1, ${event.length}) = ${event}` : undefined,
          outcome ? eq(a.outcome, outcome) : undefined,
          operatorId ? eq(a.operatorId, operatorId) : undefined,
          code ? eq(a.code, code) : undefined,
          beforeSeq !== undefined ? lt(a.seq, beforeSeq) : undefined,
        ];
        return db
          .select()
          .from(a)
          .where(and(...conditions))
          .orderBy(desc(a.seq))
          .limit(limit)
          .all() as AuditRow[];
      },
    },
    replayGuard: {
      async rememberIfNew(key, expiresAt, now) {
        // Insert, or take over an expired entry; a live entry makes the upsert a no-op (0 changes).
        return (
          hot.rememberAssertion.run({ key, expiresAt: expiresAt.getTime(), now: now.getTime() }).changes === 1
        );
      },
      async sweepExpired(now) {
        return db
          .delete(t.seenTerminalAssertions)
          .where(lt(t.seenTerminalAssertions.expiresAt, now.getTime()))
          .run().changes;
      },
    },
    keyValues: {
      async get(key) {
        return db.select().from(t.keyValues).where(eq(t.keyValues.key, key)).get()?.value;
      },
      async putIfAbsent(key, value) {
        db.insert(t.keyValues).values({ key, value }).onConflictDoNothing().run();
        return db.select().from(t.keyValues).where(eq(t.keyValues.key, key)).get()?.value ?? value;
      },
      async delete(key) {
        db.delete(t.keyValues).where(eq(t.keyValues.key, key)).run();
      },
    },
  };
}

function upsertBinding(tx: Db, binding: CardBinding) {
  tx.insert(t.cardBindings)
    .values(binding)
    .onConflictDoUpdate({ target: t.cardBindings.cableId, set: binding })
    .run();
}

function sqlIncrement() {
  return sql`${t.outbox.attempts} + 1`;
}
