/**
 * @module SQLite implementation of every PF repository (drizzle + better-sqlite3), held to the same contract
 * suite as the PostgreSQL one (`../store.contract.ts`). better-sqlite3 is
 * synchronous, so each transaction is a synchronous callback (an async one would not roll back: drizzle#1472).
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type {
  Account,
  AuditRow,
  Branding,
  CardBinding,
  Challenge,
  OutboxDestination,
  OutboxEvent,
  PfStore,
  Recognition,
  Service,
  Session,
  SideEffects,
  Site,
  Tenant,
  TenantRole,
  Terminal,
} from "../repositories.ts";
import * as t from "../schema.ts";
import { assembleTenantsWithReceptions } from "../tenants-with-receptions.ts";
import { createCrossDeviceStore } from "./cross-device-store.ts";
import { type Db, openDatabase, writeSideEffects } from "./database.ts";
import { prepareHotStatements } from "./prepared.ts";
import { createRetentionRepository } from "./retention-store.ts";
import { createSqliteOcspAnswers, createSqliteRateLimits } from "./shared-limits-store.ts";

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
  const toTenant = (r: typeof t.tenants.$inferSelect): Tenant => ({ ...r, roles: r.roles as TenantRole[] });
  const toTerminal = (r: typeof t.terminals.$inferSelect): Terminal => ({
    ...r,
    publicJwk: r.publicJwk as import("jose").JWK,
  });
  const toService = (r: typeof t.services.$inferSelect): Service => ({ ...r, scope: r.scope as string[] });
  const toSite = (r: typeof t.sites.$inferSelect): Site => ({
    ...r,
    branding: (r.branding as Branding | null) ?? null,
    verifierIds: hot.getSiteVerifiers.all({ siteId: r.id }).map((v) => v.verifierId),
    serviceIds: hot.getSiteServices.all({ siteId: r.id }).map((v) => v.serviceId),
  });
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
      const personId = db
        .select({ personId: t.certificates.personId })
        .from(t.certificates)
        .where(where)
        .get()?.personId;
      if (input.endSessionsAt && personId) {
        const accountIds = db
          .select({ accountId: t.accounts.accountId })
          .from(t.accounts)
          .where(eq(t.accounts.personId, personId));
        sessionsEnded = db
          .update(t.sessions)
          .set({ revokedAt: input.endSessionsAt })
          .where(and(inArray(t.sessions.cableId, accountIds), isNull(t.sessions.revokedAt)))
          .run().changes;
      }
      writeSideEffects(hot, effects, nowIso());
      return { recorded: true, sessionsEnded };
    },
  );

  /** Pending, due, and held by nobody (no lease, or one that passed: its worker died). */
  const dueAndFree = (now: string) =>
    and(
      eq(t.outbox.status, "pending"),
      lte(t.outbox.nextAttemptAt, now),
      or(isNull(t.outbox.leaseUntil), lte(t.outbox.leaseUntil, now)),
    );
  const ofDestination = (destination: OutboxDestination) =>
    and(eq(t.outbox.targetKind, destination.targetKind), eq(t.outbox.targetId, destination.targetId));
  const toOutboxEvent = ({
    leaseUntil: _leaseUntil,
    claimedBy: _claimedBy,
    ...r
  }: typeof t.outbox.$inferSelect): OutboxEvent => r;
  // IMMEDIATE: the write lock is taken before the read, so another connection to the file cannot claim between.
  const claimDue = sqlite.transaction(
    (input: {
      destination: OutboxDestination;
      now: string;
      limit: number;
      holder: string;
      leaseUntil: string;
    }) => {
      const { destination, now, limit, holder, leaseUntil } = input;
      const held = db
        .select({ id: t.outbox.id })
        .from(t.outbox)
        .where(and(ofDestination(destination), eq(t.outbox.status, "pending"), gt(t.outbox.leaseUntil, now)))
        .get();
      if (held) return [];
      const rows = db
        .select()
        .from(t.outbox)
        .where(and(ofDestination(destination), dueAndFree(now)))
        .orderBy(asc(t.outbox.createdAt))
        .limit(limit)
        .all();
      if (rows.length === 0) return [];
      db.update(t.outbox)
        .set({ leaseUntil, claimedBy: holder })
        .where(
          inArray(
            t.outbox.id,
            rows.map((r) => r.id),
          ),
        )
        .run();
      return rows.map(toOutboxEvent);
    },
  );

  return {
    close: async () => close(),
    retention: createRetentionRepository(db),
    crossDevice: createCrossDeviceStore(db, (fn, effects) => runTxIf(fn, effects)),
    tenants: {
      async saveTenant({ tenant, verifier, provider }, effects) {
        inTx((tx) => {
          tx.insert(t.tenants).values(tenant).onConflictDoUpdate({ target: t.tenants.id, set: tenant }).run();
          const isVerifier = tenant.roles.includes("verifier");
          if (verifier || !isVerifier)
            tx.delete(t.verifiers).where(eq(t.verifiers.tenantId, tenant.id)).run();
          if (verifier && isVerifier) tx.insert(t.verifiers).values(verifier).run();
          const isProvider = tenant.roles.includes("provider");
          if (provider || !isProvider) {
            tx.delete(t.providerSettings).where(eq(t.providerSettings.tenantId, tenant.id)).run();
            tx.delete(t.services).where(eq(t.services.providerId, tenant.id)).run();
          }
          if (provider && isProvider) {
            tx.insert(t.providerSettings).values(provider.settings).run();
            for (const service of provider.services) tx.insert(t.services).values(service).run();
          }
        }, effects);
      },
      async getTenant(id) {
        const r = hot.getTenant.get({ id });
        return r && toTenant(r);
      },
      async listTenants() {
        return db.select().from(t.tenants).orderBy(asc(t.tenants.id)).all().map(toTenant);
      },
      async findTenantByApiKeyHash(hash) {
        const r = db.select().from(t.tenants).where(eq(t.tenants.apiKeyHash, hash)).get();
        return r && toTenant(r);
      },
      async findProviderTenantByApiKeyHash(hash) {
        const r = db
          .select({ tenant: t.tenants, settings: t.providerSettings })
          .from(t.tenants)
          .innerJoin(t.providerSettings, eq(t.providerSettings.tenantId, t.tenants.id))
          .where(eq(t.tenants.apiKeyHash, hash))
          .get();
        return r && { tenant: toTenant(r.tenant), settings: r.settings };
      },
      async getVerifier(tenantId) {
        return hot.getVerifier.get({ tenantId });
      },
      async getProviderSettings(tenantId) {
        return db.select().from(t.providerSettings).where(eq(t.providerSettings.tenantId, tenantId)).get();
      },
      async listServices() {
        return db.select().from(t.services).orderBy(asc(t.services.id)).all().map(toService);
      },
      async getService(id) {
        const r = db.select().from(t.services).where(eq(t.services.id, id)).get();
        return r && toService(r);
      },
      async saveSite(site, effects) {
        const { verifierIds, serviceIds, ...row } = site;
        inTx((tx) => {
          tx.insert(t.sites).values(row).onConflictDoUpdate({ target: t.sites.id, set: row }).run();
          tx.delete(t.siteVerifiers).where(eq(t.siteVerifiers.siteId, site.id)).run();
          verifierIds.forEach((verifierId, position) => {
            tx.insert(t.siteVerifiers).values({ siteId: site.id, verifierId, position }).run();
          });
          tx.delete(t.siteServices).where(eq(t.siteServices.siteId, site.id)).run();
          for (const serviceId of serviceIds)
            tx.insert(t.siteServices).values({ siteId: site.id, serviceId }).run();
        }, effects);
      },
      async getSite(id) {
        const r = hot.getSite.get({ id });
        return r && toSite(r);
      },
      async listSites(filter = {}) {
        const q = db.select().from(t.sites);
        const rows = filter.ownerId ? q.where(eq(t.sites.ownerId, filter.ownerId)) : q;
        return rows.orderBy(asc(t.sites.id)).all().map(toSite);
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
      async listTerminals({ ownerId, siteId }) {
        const conditions = [
          ...(ownerId ? [eq(t.terminals.ownerId, ownerId)] : []),
          ...(siteId ? [eq(t.terminals.siteId, siteId)] : []),
        ];
        return db
          .select()
          .from(t.terminals)
          .where(and(...conditions))
          .orderBy(asc(t.terminals.id))
          .all()
          .map(toTerminal);
      },
      async listTenantsWithReceptions() {
        const reception = eq(t.sites.channel, "reception");
        return assembleTenantsWithReceptions({
          tenants: db
            .select({ tenant: t.tenants, verifier: t.verifiers })
            .from(t.tenants)
            .leftJoin(t.verifiers, eq(t.verifiers.tenantId, t.tenants.id))
            .orderBy(asc(t.tenants.id))
            .all()
            .map((r) => ({ tenant: toTenant(r.tenant), verifier: r.verifier })),
          receptions: db
            .select({ site: t.sites, terminals: count(t.terminals.id) })
            .from(t.sites)
            .leftJoin(t.terminals, eq(t.terminals.siteId, t.sites.id))
            .where(reception)
            .groupBy(t.sites.id)
            .orderBy(asc(t.sites.id))
            .all(),
          siteVerifiers: db
            .select({ siteId: t.siteVerifiers.siteId, verifierId: t.siteVerifiers.verifierId })
            .from(t.siteVerifiers)
            .innerJoin(t.sites, eq(t.sites.id, t.siteVerifiers.siteId))
            .where(reception)
            .orderBy(asc(t.siteVerifiers.siteId), asc(t.siteVerifiers.position))
            .all(),
          siteServices: db
            .select({ siteId: t.siteServices.siteId, serviceId: t.siteServices.serviceId })
            .from(t.siteServices)
            .innerJoin(t.sites, eq(t.sites.id, t.siteServices.siteId))
            .where(reception)
            .orderBy(asc(t.siteServices.siteId), asc(t.siteServices.serviceId))
            .all(),
        });
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
    },
    people: {
      async getPerson(id) {
        return hot.getPerson.get({ id });
      },
      async findCertificate(serialHex, kind) {
        return hot.findCertificate.get({ serialHex, kind });
      },
      async listCertificates(personId) {
        return db
          .select()
          .from(t.certificates)
          .where(eq(t.certificates.personId, personId))
          .orderBy(asc(t.certificates.createdAt))
          .all();
      },
      async getAccount(verifierId, personId) {
        return db
          .select()
          .from(t.accounts)
          .where(and(eq(t.accounts.verifierId, verifierId), eq(t.accounts.personId, personId)))
          .get();
      },
      async findAccount(accountId) {
        return db.select().from(t.accounts).where(eq(t.accounts.accountId, accountId)).get();
      },
      async listAccounts(personId) {
        return hot.listAccounts.all({ personId }) as Account[];
      },
      async saveRegistration(
        { person, isNewPerson, account, isNewAccount, certificates, consumeRegistrationSession, cardBinding },
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
          if (isNewPerson) tx.insert(t.persons).values(person).run();
          else
            tx.update(t.persons)
              .set({ birthDate: person.birthDate, updatedAt: person.updatedAt })
              .where(eq(t.persons.id, person.id))
              .run();
          if (isNewAccount) tx.insert(t.accounts).values(account).run();
          else
            tx.update(t.accounts)
              .set({ linkStatus: account.linkStatus, updatedAt: account.updatedAt })
              .where(eq(t.accounts.accountId, account.accountId))
              .run();
          saveCertificates(tx, certificates);
          if (cardBinding) upsertBinding(tx, cardBinding);
          return true;
        }, effects);
      },
      async addCertificates(certificates, effects) {
        inTx((tx) => saveCertificates(tx, certificates), effects);
      },
      async setLinkStatus(accountId, status, at, effects) {
        inTx((tx) => {
          tx.update(t.accounts)
            .set({ linkStatus: status, updatedAt: at })
            .where(eq(t.accounts.accountId, accountId))
            .run();
        }, effects);
      },
      async getBinding(personId) {
        return db.select().from(t.cardBindings).where(eq(t.cardBindings.personId, personId)).get();
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
      async saveBinding(binding, effects) {
        inTx((tx) => upsertBinding(tx, binding), effects);
      },
      async recordCertificateRevocation({ serialHex, kind, endSessionsAt }, effects) {
        return recordRevocation({ serialHex, kind, endSessionsAt }, effects);
      },
      async referenceFor(candidate) {
        const created =
          db.insert(t.personReferences).values(candidate).onConflictDoNothing().run().changes === 1;
        const reference = db
          .select()
          .from(t.personReferences)
          .where(
            and(
              eq(t.personReferences.ownerId, candidate.ownerId),
              eq(t.personReferences.personId, candidate.personId),
            ),
          )
          .get();
        if (!reference) throw new Error("person reference vanished after insert");
        return { reference, created };
      },
      async getReference(ownerId, personId) {
        return db
          .select()
          .from(t.personReferences)
          .where(and(eq(t.personReferences.ownerId, ownerId), eq(t.personReferences.personId, personId)))
          .get();
      },
      async findReference(ownerId, reference) {
        return db
          .select()
          .from(t.personReferences)
          .where(and(eq(t.personReferences.ownerId, ownerId), eq(t.personReferences.reference, reference)))
          .get();
      },
    },
    recognitions: {
      async createRecognition(recognition, effects) {
        inTx((tx) => {
          tx.insert(t.recognitions).values(recognition).run();
        }, effects);
      },
      async getRecognition(id) {
        return db.select().from(t.recognitions).where(eq(t.recognitions.id, id)).get() as
          | Recognition
          | undefined;
      },
      async deleteExpiredRecognitions(before) {
        return db.delete(t.recognitions).where(lt(t.recognitions.expiresAt, before)).run().changes;
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
      async claimDue(input) {
        return claimDue.immediate(input);
      },
      async releaseClaims(holder, ids) {
        if (ids.length === 0) return;
        db.update(t.outbox)
          .set({ leaseUntil: null, claimedBy: null })
          .where(
            and(inArray(t.outbox.id, ids), eq(t.outbox.claimedBy, holder), eq(t.outbox.status, "pending")),
          )
          .run();
      },
      async listDue(now, limit, destination) {
        return db
          .select()
          .from(t.outbox)
          .where(destination ? and(dueAndFree(now), ofDestination(destination)) : dueAndFree(now))
          .orderBy(asc(t.outbox.createdAt))
          .limit(limit)
          .all()
          .map(toOutboxEvent);
      },
      async listDueDestinations(now) {
        return db
          .selectDistinct({ targetKind: t.outbox.targetKind, targetId: t.outbox.targetId })
          .from(t.outbox)
          .where(dueAndFree(now))
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
        return rows.orderBy(desc(t.outbox.createdAt)).limit(limit).all().map(toOutboxEvent);
      },
      async get(id) {
        const r = db.select().from(t.outbox).where(eq(t.outbox.id, id)).get();
        return r && toOutboxEvent(r);
      },
      async markDelivered(id, at) {
        db.update(t.outbox)
          .set({
            status: "delivered",
            deliveredAt: at,
            attempts: sqlIncrement(),
            lastError: null,
            leaseUntil: null,
            claimedBy: null,
          })
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
            leaseUntil: null,
            claimedBy: null,
          })
          .where(and(eq(t.outbox.id, id), eq(t.outbox.status, "pending")))
          .run();
      },
      async requeue(id, at) {
        const result = db
          .update(t.outbox)
          .set({ status: "pending", nextAttemptAt: at, leaseUntil: null, claimedBy: null })
          .where(and(eq(t.outbox.id, id), eq(t.outbox.status, "dead")))
          .run();
        return result.changes === 1;
      },
    },
    metering: {
      async record(effects) {
        inTx(() => {}, effects);
      },
      async monthCounts(tenantId, month) {
        const rows = db
          .select()
          .from(t.metering)
          .where(and(eq(t.metering.tenantId, tenantId), eq(t.metering.month, month)))
          .all();
        return Object.fromEntries(rows.map((r) => [r.metric, r.count]));
      },
      async listAudit({ afterSeq, limit }) {
        const q = db.select().from(t.auditEvents);
        const rows = afterSeq === undefined ? q : q.where(gt(t.auditEvents.seq, afterSeq));
        return rows.orderBy(asc(t.auditEvents.seq)).limit(limit).all() as AuditRow[];
      },
      async searchAudit({ event, outcome, tenantId, code, beforeSeq, limit }) {
        const a = t.auditEvents;
        const conditions = [
          event ? sql`substr(${a.event}, 1, ${event.length}) = ${event}` : undefined,
          outcome ? eq(a.outcome, outcome) : undefined,
          tenantId ? eq(a.tenantId, tenantId) : undefined,
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
    rateLimits: createSqliteRateLimits(db),
    ocspAnswers: createSqliteOcspAnswers(db),
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
    .onConflictDoUpdate({ target: t.cardBindings.personId, set: binding })
    .run();
}

function saveCertificates(tx: Db, certificates: import("../repositories.ts").CertificateRecord[]) {
  for (const cert of certificates) {
    // A newer certificate of the same kind supersedes the person's older ones (renewal, move).
    tx.update(t.certificates)
      .set({ status: "superseded" })
      .where(
        and(
          eq(t.certificates.personId, cert.personId),
          eq(t.certificates.kind, cert.kind),
          eq(t.certificates.status, "active"),
          ne(t.certificates.serialHex, cert.serialHex),
        ),
      )
      .run();
    tx.insert(t.certificates)
      .values(cert)
      .onConflictDoUpdate({
        target: [t.certificates.serialHex, t.certificates.kind],
        set: { status: cert.status, personId: cert.personId },
      })
      .run();
  }
}

function sqlIncrement() {
  return sql`${t.outbox.attempts} + 1`;
}
