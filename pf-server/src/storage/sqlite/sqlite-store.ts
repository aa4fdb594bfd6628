/**
 * @module SQLite implementation of every PF repository (drizzle + better-sqlite3). better-sqlite3 is
 * synchronous, so each transaction is a synchronous callback (an async one would not roll back: drizzle#1472).
 */
import { and, asc, desc, eq, gt, isNull, lt, lte, ne, sql } from "drizzle-orm";
import type {
  AuditRow,
  Branding,
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
import { type Db, openDatabase, writeSideEffects } from "./database.ts";
import { prepareHotStatements } from "./prepared.ts";

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
  // Side effects only when the certificate changed: two sightings of one revocation record it once.
  const recordRevocation = sqlite.transaction(
    (
      input: { serialHex: string; kind: "sign" | "auth"; endSessionsAt?: string | undefined },
      effects: SideEffects | undefined,
    ) => {
      const where = and(eq(t.certificates.serialHex, input.serialHex), eq(t.certificates.kind, input.kind));
      const changed = db
        .update(t.certificates)
        .set({ status: "revoked" })
        .where(and(where, ne(t.certificates.status, "revoked")))
        .run().changes;
      if (changed === 0) return { recorded: false, sessionsEnded: 0 };
      let sessionsEnded = 0;
      const cableId = db
        .select({ cableId: t.certificates.cableId })
        .from(t.certificates)
        .where(where)
        .get()?.cableId;
      if (input.endSessionsAt && cableId) {
        sessionsEnded = db
          .update(t.sessions)
          .set({ revokedAt: input.endSessionsAt })
          .where(and(eq(t.sessions.cableId, cableId), isNull(t.sessions.revokedAt)))
          .run().changes;
      }
      writeSideEffects(hot, effects, nowIso());
      return { recorded: true, sessionsEnded };
    },
  );
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
      async saveRegistration({ viewer, isNew, certificates }, effects) {
        inTx((tx) => {
          if (isNew) tx.insert(t.viewers).values(viewer).run();
          else
            tx.update(t.viewers)
              .set({ updatedAt: viewer.updatedAt, birthDate: viewer.birthDate })
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
      async markCertificateRevoked(serialHex, kind, effects) {
        inTx((tx) => {
          tx.update(t.certificates)
            .set({ status: "revoked" })
            .where(and(eq(t.certificates.serialHex, serialHex), eq(t.certificates.kind, kind)))
            .run();
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
      async recordCertificateRevocation({ serialHex, kind, endSessionsAt }, effects) {
        return recordRevocation({ serialHex, kind, endSessionsAt }, effects);
      },
    },
    challenges: {
      async createChallenge(challenge) {
        hot.createChallenge.run({ ...challenge });
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
      async markRegistrationSessionUsed(id, at) {
        db.update(t.registrationSessions).set({ usedAt: at }).where(eq(t.registrationSessions.id, id)).run();
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
      async rotateRefreshToken(id, expectedHash, nextHash, expiresAt) {
        const result = db
          .update(t.sessions)
          .set({ refreshTokenHash: nextHash, refreshExpiresAt: expiresAt })
          .where(
            and(
              eq(t.sessions.id, id),
              eq(t.sessions.refreshTokenHash, expectedHash),
              isNull(t.sessions.revokedAt),
            ),
          )
          .run();
        return result.changes === 1;
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
      async listDue(now, limit) {
        return db
          .select()
          .from(t.outbox)
          .where(and(eq(t.outbox.status, "pending"), lte(t.outbox.nextAttemptAt, now)))
          .orderBy(asc(t.outbox.createdAt))
          .limit(limit)
          .all() as OutboxEvent[];
      },
      async list({ status, limit }) {
        const q = db.select().from(t.outbox);
        const rows = status ? q.where(eq(t.outbox.status, status)) : q;
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
            status: giveUp ? "failed" : "pending",
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
          .where(and(eq(t.outbox.id, id), eq(t.outbox.status, "failed")))
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
    },
    keyValues: {
      async get(key) {
        return db.select().from(t.keyValues).where(eq(t.keyValues.key, key)).get()?.value;
      },
      async putIfAbsent(key, value) {
        db.insert(t.keyValues).values({ key, value }).onConflictDoNothing().run();
        return db.select().from(t.keyValues).where(eq(t.keyValues.key, key)).get()?.value ?? value;
      },
    },
  };
}

function sqlIncrement() {
  return sql`${t.outbox.attempts} + 1`;
}
