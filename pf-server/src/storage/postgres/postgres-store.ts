/**
 * @module PostgreSQL implementation of every PF repository (drizzle node-postgres over a `pg` pool), held to the
 * same contract suite as the SQLite one (`../store.contract.ts`). Each business change and its side effects are
 * one transaction; every single-use step is one conditional statement (`… WHERE used_at IS NULL`,
 * `ON CONFLICT …`), which PostgreSQL serialises on the row, so two instances racing on one row get one winner —
 * never by read-then-write. Outbox events are claimed with `FOR UPDATE SKIP LOCKED` and a lease.
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, max, ne, or, sql } from "drizzle-orm";
import type {
  Account,
  AuditRow,
  Branding,
  CardBinding,
  CertificateRecord,
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
import { assembleTenantsWithReceptions } from "../tenants-with-receptions.ts";
import { createPgCrossDeviceStore } from "./cross-device-store.ts";
import { AUDIT_ORDER_LOCK, changed, type OpenedPfPostgres, type PgDb, writeSideEffects } from "./database.ts";
import { createPgRetentionRepository } from "./retention-store.ts";
import * as t from "./schema.ts";
import { createPgOcspAnswers, createPgRateLimits } from "./shared-limits-store.ts";

const nowIso = () => new Date().toISOString();

/** The store over an opened database; `close()` ends its pool. */
export function createPostgresStore(opened: OpenedPfPostgres): PfStore {
  const db: PgDb = opened.db;
  /** `fn` and the side effects in one transaction. */
  const inTx = <T>(fn: (tx: PgDb) => Promise<T>, effects?: SideEffects): Promise<T> =>
    db.transaction(async (tx) => {
      const value = await fn(tx);
      await writeSideEffects(tx, effects, nowIso());
      return value;
    });
  /** The same, for a change that may find nothing to do: the side effects are written only when `fn` answers true. */
  const inTxIf = (fn: (tx: PgDb) => Promise<boolean>, effects?: SideEffects): Promise<boolean> =>
    db.transaction(async (tx) => {
      const done = await fn(tx);
      if (done) await writeSideEffects(tx, effects, nowIso());
      return done;
    });

  const toTenant = (r: typeof t.tenants.$inferSelect): Tenant => ({ ...r, roles: r.roles as TenantRole[] });
  const toTerminal = (r: typeof t.terminals.$inferSelect): Terminal => ({
    ...r,
    publicJwk: r.publicJwk as import("jose").JWK,
  });
  const toService = (r: typeof t.services.$inferSelect): Service => ({ ...r, scope: r.scope as string[] });
  const toSite = async (r: typeof t.sites.$inferSelect): Promise<Site> => {
    const [verifiers, services] = await Promise.all([
      hot.siteVerifiers.execute({ siteId: r.id }),
      hot.siteServices.execute({ siteId: r.id }),
    ]);
    return {
      ...r,
      branding: (r.branding as Branding | null) ?? null,
      verifierIds: verifiers.map((v) => v.verifierId),
      serviceIds: services.map((s) => s.serviceId),
    };
  };
  const toOutboxEvent = ({
    position: _position,
    leaseUntil: _leaseUntil,
    claimedBy: _claimedBy,
    ...r
  }: typeof t.outbox.$inferSelect): OutboxEvent => r;
  const first = <T>(rows: T[]): T | undefined => rows[0];
  const hot = prepareHotStatements(db);
  /** Pending, due, and held by nobody (no lease, or one that passed: its worker died). */
  const dueAndFree = (now: string) =>
    and(
      eq(t.outbox.status, "pending"),
      lte(t.outbox.nextAttemptAt, now),
      or(isNull(t.outbox.leaseUntil), lte(t.outbox.leaseUntil, now)),
    );
  const ofDestination = (destination: OutboxDestination) =>
    and(eq(t.outbox.targetKind, destination.targetKind), eq(t.outbox.targetId, destination.targetId));

  return {
    close: () => opened.close(),
    retention: createPgRetentionRepository(db),
    crossDevice: createPgCrossDeviceStore(db, inTxIf),
    tenants: {
      async saveTenant({ tenant, verifier, provider }, effects) {
        await inTx(async (tx) => {
          await tx.insert(t.tenants).values(tenant).onConflictDoUpdate({ target: t.tenants.id, set: tenant });
          const isVerifier = tenant.roles.includes("verifier");
          if (verifier || !isVerifier)
            await tx.delete(t.verifiers).where(eq(t.verifiers.tenantId, tenant.id));
          if (verifier && isVerifier) await tx.insert(t.verifiers).values(verifier);
          const isProvider = tenant.roles.includes("provider");
          if (provider || !isProvider) {
            await tx.delete(t.providerSettings).where(eq(t.providerSettings.tenantId, tenant.id));
            await tx.delete(t.services).where(eq(t.services.providerId, tenant.id));
          }
          if (provider && isProvider) {
            await tx.insert(t.providerSettings).values(provider.settings);
            if (provider.services.length > 0) await tx.insert(t.services).values(provider.services);
          }
        }, effects);
      },
      async getTenant(id) {
        const r = first(await hot.tenantById.execute({ id }));
        return r && toTenant(r);
      },
      async listTenants() {
        return (await db.select().from(t.tenants).orderBy(asc(t.tenants.id))).map(toTenant);
      },
      async findTenantByApiKeyHash(hash) {
        const r = first(await db.select().from(t.tenants).where(eq(t.tenants.apiKeyHash, hash)));
        return r && toTenant(r);
      },
      async findProviderTenantByApiKeyHash(hash) {
        const r = first(await hot.providerTenantByApiKeyHash.execute({ hash }));
        return r && { tenant: toTenant(r.tenant), settings: r.settings };
      },
      async getVerifier(tenantId) {
        return first(await hot.verifierByTenant.execute({ tenantId }));
      },
      async getProviderSettings(tenantId) {
        return first(
          await db.select().from(t.providerSettings).where(eq(t.providerSettings.tenantId, tenantId)),
        );
      },
      async listServices() {
        return (await db.select().from(t.services).orderBy(asc(t.services.id))).map(toService);
      },
      async getService(id) {
        const r = first(await hot.serviceById.execute({ id }));
        return r && toService(r);
      },
      async saveSite(site, effects) {
        const { verifierIds, serviceIds, ...row } = site;
        await inTx(async (tx) => {
          await tx.insert(t.sites).values(row).onConflictDoUpdate({ target: t.sites.id, set: row });
          await tx.delete(t.siteVerifiers).where(eq(t.siteVerifiers.siteId, site.id));
          if (verifierIds.length > 0)
            await tx
              .insert(t.siteVerifiers)
              .values(verifierIds.map((verifierId, position) => ({ siteId: site.id, verifierId, position })));
          await tx.delete(t.siteServices).where(eq(t.siteServices.siteId, site.id));
          if (serviceIds.length > 0)
            await tx
              .insert(t.siteServices)
              .values(serviceIds.map((serviceId) => ({ siteId: site.id, serviceId })));
        }, effects);
      },
      async getSite(id) {
        const r = first(await hot.siteById.execute({ id }));
        return r && toSite(r);
      },
      async listSites(filter = {}) {
        const q = db.select().from(t.sites);
        const rows = await (filter.ownerId ? q.where(eq(t.sites.ownerId, filter.ownerId)) : q).orderBy(
          asc(t.sites.id),
        );
        return Promise.all(rows.map(toSite));
      },
      async upsertTerminal(terminal, effects) {
        await inTx(async (tx) => {
          await tx
            .insert(t.terminals)
            .values(terminal)
            .onConflictDoUpdate({ target: t.terminals.id, set: terminal });
        }, effects);
      },
      async getTerminal(id) {
        const r = first(await hot.terminalById.execute({ id }));
        return r && toTerminal(r);
      },
      async listTerminals({ ownerId, siteId }) {
        const conditions = [
          ...(ownerId ? [eq(t.terminals.ownerId, ownerId)] : []),
          ...(siteId ? [eq(t.terminals.siteId, siteId)] : []),
        ];
        return (
          await db
            .select()
            .from(t.terminals)
            .where(and(...conditions))
            .orderBy(asc(t.terminals.id))
        ).map(toTerminal);
      },
      async listTenantsWithReceptions() {
        const reception = eq(t.sites.channel, "reception");
        const [tenants, receptions, siteVerifiers, siteServices] = await Promise.all([
          db
            .select({ tenant: t.tenants, verifier: t.verifiers })
            .from(t.tenants)
            .leftJoin(t.verifiers, eq(t.verifiers.tenantId, t.tenants.id))
            .orderBy(asc(t.tenants.id)),
          db
            .select({ site: t.sites, terminals: count(t.terminals.id) })
            .from(t.sites)
            .leftJoin(t.terminals, eq(t.terminals.siteId, t.sites.id))
            .where(reception)
            .groupBy(t.sites.id)
            .orderBy(asc(t.sites.id)),
          db
            .select({ siteId: t.siteVerifiers.siteId, verifierId: t.siteVerifiers.verifierId })
            .from(t.siteVerifiers)
            .innerJoin(t.sites, eq(t.sites.id, t.siteVerifiers.siteId))
            .where(reception)
            .orderBy(asc(t.siteVerifiers.siteId), asc(t.siteVerifiers.position)),
          db
            .select({ siteId: t.siteServices.siteId, serviceId: t.siteServices.serviceId })
            .from(t.siteServices)
            .innerJoin(t.sites, eq(t.sites.id, t.siteServices.siteId))
            .where(reception)
            .orderBy(asc(t.siteServices.siteId), asc(t.siteServices.serviceId)),
        ]);
        return assembleTenantsWithReceptions({
          tenants: tenants.map((r) => ({ tenant: toTenant(r.tenant), verifier: r.verifier })),
          receptions,
          siteVerifiers,
          siteServices,
        });
      },
      async recordTerminalUse(terminalId, at) {
        await db
          .insert(t.terminalLastUse)
          .values({ terminalId, lastUsedAt: at })
          .onConflictDoUpdate({ target: t.terminalLastUse.terminalId, set: { lastUsedAt: at } });
      },
      async terminalLastUse() {
        const rows = await db.select().from(t.terminalLastUse);
        return new Map(rows.map((r) => [r.terminalId, r.lastUsedAt]));
      },
    },
    people: {
      async getPerson(id) {
        return first(await hot.personById.execute({ id }));
      },
      async findCertificate(serialHex, kind) {
        return first(await hot.certificateBySerial.execute({ serialHex, kind }));
      },
      async listCertificates(personId) {
        return db
          .select()
          .from(t.certificates)
          .where(eq(t.certificates.personId, personId))
          .orderBy(asc(t.certificates.createdAt), asc(t.certificates.serialHex));
      },
      async getAccount(verifierId, personId) {
        return first(await hot.accountOfPerson.execute({ verifierId, personId }));
      },
      async findAccount(accountId) {
        return first(await hot.accountById.execute({ accountId }));
      },
      async listAccounts(personId) {
        return (await db
          .select()
          .from(t.accounts)
          .where(eq(t.accounts.personId, personId))
          .orderBy(asc(t.accounts.registeredAt), asc(t.accounts.verifierId))) as Account[];
      },
      async saveRegistration(
        { person, isNewPerson, account, isNewAccount, certificates, consumeRegistrationSession, cardBinding },
        effects,
      ) {
        return inTxIf(async (tx) => {
          if (consumeRegistrationSession) {
            const consumed = changed(
              await tx
                .update(t.registrationSessions)
                .set({ usedAt: consumeRegistrationSession.at })
                .where(
                  and(
                    eq(t.registrationSessions.id, consumeRegistrationSession.id),
                    isNull(t.registrationSessions.usedAt),
                  ),
                ),
            );
            if (consumed === 0) return false;
          }
          if (isNewPerson) await tx.insert(t.persons).values(person);
          else
            await tx
              .update(t.persons)
              .set({ birthDate: person.birthDate, updatedAt: person.updatedAt })
              .where(eq(t.persons.id, person.id));
          if (isNewAccount) await tx.insert(t.accounts).values(account);
          else
            await tx
              .update(t.accounts)
              .set({ linkStatus: account.linkStatus, updatedAt: account.updatedAt })
              .where(eq(t.accounts.accountId, account.accountId));
          await saveCertificates(tx, certificates);
          if (cardBinding) await upsertBinding(tx, cardBinding);
          return true;
        }, effects);
      },
      async addCertificates(certificates, effects) {
        await inTx((tx) => saveCertificates(tx, certificates), effects);
      },
      async setLinkStatus(accountId, status, at, effects) {
        await inTx(async (tx) => {
          await tx
            .update(t.accounts)
            .set({ linkStatus: status, updatedAt: at })
            .where(eq(t.accounts.accountId, accountId));
        }, effects);
      },
      async getBinding(personId) {
        return first(await hot.bindingOfPerson.execute({ personId }));
      },
      async listUnrevokedCertificates(kind, afterSerialHex, limit) {
        return db
          .select({ serialHex: t.certificates.serialHex, status: t.certificates.status })
          .from(t.certificates)
          .where(
            and(
              eq(t.certificates.kind, kind),
              ne(t.certificates.status, "revoked"),
              // Byte order, as SQLite compares text: the paging key must not depend on the database's collation.
              sql`${t.certificates.serialHex} COLLATE "C" > ${afterSerialHex}`,
            ),
          )
          .orderBy(sql`${t.certificates.serialHex} COLLATE "C"`)
          .limit(limit);
      },
      async saveBinding(binding, effects) {
        await inTx((tx) => upsertBinding(tx, binding), effects);
      },
      async recordCertificateRevocation({ serialHex, kind, endSessionsAt }, effects) {
        return db.transaction(async (tx) => {
          const where = and(eq(t.certificates.serialHex, serialHex), eq(t.certificates.kind, kind));
          // Side effects only when this call changed the certificate: two sightings of one revocation record it once.
          const revoked = await tx
            .update(t.certificates)
            .set({ status: "revoked" })
            .where(and(where, ne(t.certificates.status, "revoked")))
            .returning({ personId: t.certificates.personId });
          const personId = revoked[0]?.personId;
          if (personId === undefined) return { recorded: false, sessionsEnded: 0 };
          let sessionsEnded = 0;
          if (endSessionsAt) {
            const accountIds = tx
              .select({ accountId: t.accounts.accountId })
              .from(t.accounts)
              .where(eq(t.accounts.personId, personId));
            sessionsEnded = changed(
              await tx
                .update(t.sessions)
                .set({ revokedAt: endSessionsAt })
                .where(and(inArray(t.sessions.cableId, accountIds), isNull(t.sessions.revokedAt))),
            );
          }
          await writeSideEffects(tx, effects, nowIso());
          return { recorded: true, sessionsEnded };
        });
      },
      async referenceFor(candidate) {
        const inserted = await db
          .insert(t.personReferences)
          .values(candidate)
          .onConflictDoNothing({ target: [t.personReferences.ownerId, t.personReferences.personId] })
          .returning();
        if (inserted[0]) return { reference: inserted[0], created: true };
        const reference = first(
          await db
            .select()
            .from(t.personReferences)
            .where(
              and(
                eq(t.personReferences.ownerId, candidate.ownerId),
                eq(t.personReferences.personId, candidate.personId),
              ),
            ),
        );
        if (!reference) throw new Error("person reference vanished after insert");
        return { reference, created: false };
      },
      async getReference(ownerId, personId) {
        return first(
          await db
            .select()
            .from(t.personReferences)
            .where(and(eq(t.personReferences.ownerId, ownerId), eq(t.personReferences.personId, personId))),
        );
      },
      async findReference(ownerId, reference) {
        return first(
          await db
            .select()
            .from(t.personReferences)
            .where(and(eq(t.personReferences.ownerId, ownerId), eq(t.personReferences.reference, reference))),
        );
      },
    },
    recognitions: {
      async createRecognition(recognition, effects) {
        await inTx(async (tx) => {
          await tx.insert(t.recognitions).values(recognition);
        }, effects);
      },
      async getRecognition(id) {
        return first(await db.select().from(t.recognitions).where(eq(t.recognitions.id, id))) as
          | Recognition
          | undefined;
      },
      async deleteExpiredRecognitions(before) {
        return changed(await db.delete(t.recognitions).where(lt(t.recognitions.expiresAt, before)));
      },
    },
    challenges: {
      async createChallenge(challenge, effects) {
        if (!effects) {
          await db.insert(t.challenges).values(challenge);
          return;
        }
        await inTx(async (tx) => {
          await tx.insert(t.challenges).values(challenge);
        }, effects);
      },
      async getChallenge(id) {
        return first(await hot.challengeById.execute({ id })) as Challenge | undefined;
      },
      async consumeChallenge(id, at) {
        return changed(await hot.consumeChallenge.execute({ id, at })) === 1;
      },
      async createRegistrationSession(session, effects) {
        await inTx(async (tx) => {
          await tx.insert(t.registrationSessions).values(session);
        }, effects);
      },
      async findOpenRegistrationSession(terminalId, now) {
        return first(
          await db
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
            .limit(1),
        );
      },
      async getRegistrationSession(id) {
        return first(await db.select().from(t.registrationSessions).where(eq(t.registrationSessions.id, id)));
      },
      async deleteExpiredChallenges(before) {
        return changed(await db.delete(t.challenges).where(lt(t.challenges.expiresAt, before)));
      },
    },
    sessions: {
      async createSession(session, effects) {
        await inTx(async (tx) => {
          await tx.insert(t.sessions).values(session);
        }, effects);
      },
      async getSession(id) {
        return first(await db.select().from(t.sessions).where(eq(t.sessions.id, id))) as Session | undefined;
      },
      async findSessionByRefreshHash(hash) {
        return first(await db.select().from(t.sessions).where(eq(t.sessions.refreshTokenHash, hash))) as
          | Session
          | undefined;
      },
      async findSessionByRetiredRefreshHash(hash) {
        const rows = await db
          .select({ session: t.sessions })
          .from(t.retiredRefreshTokens)
          .innerJoin(t.sessions, eq(t.sessions.id, t.retiredRefreshTokens.sessionId))
          .where(eq(t.retiredRefreshTokens.hash, hash));
        return rows[0]?.session as Session | undefined;
      },
      async rotateRefreshToken(id, expectedHash, nextHash, expiresAt, at) {
        return db.transaction(async (tx) => {
          // The row lock of this UPDATE makes a second rotation with the same token wait, then find it changed.
          const rotated =
            changed(
              await tx
                .update(t.sessions)
                .set({ refreshTokenHash: nextHash, refreshExpiresAt: expiresAt })
                .where(
                  and(
                    eq(t.sessions.id, id),
                    eq(t.sessions.refreshTokenHash, expectedHash),
                    isNull(t.sessions.revokedAt),
                  ),
                ),
            ) === 1;
          if (rotated)
            await tx
              .insert(t.retiredRefreshTokens)
              .values({ hash: expectedHash, sessionId: id, retiredAt: at });
          return rotated;
        });
      },
      async deleteRetiredRefreshTokens(before) {
        return changed(
          await db.delete(t.retiredRefreshTokens).where(lt(t.retiredRefreshTokens.retiredAt, before)),
        );
      },
      async revokeSession(id, at, effects) {
        await inTx(async (tx) => {
          await tx
            .update(t.sessions)
            .set({ revokedAt: at })
            .where(and(eq(t.sessions.id, id), isNull(t.sessions.revokedAt)));
        }, effects);
      },
    },
    enrolments: {
      async getEnrolment(cableId, serviceId) {
        return first(
          await db
            .select()
            .from(t.enrolments)
            .where(and(eq(t.enrolments.cableId, cableId), eq(t.enrolments.serviceId, serviceId))),
        );
      },
      async listEnrolments(cableId) {
        return db
          .select()
          .from(t.enrolments)
          .where(eq(t.enrolments.cableId, cableId))
          .orderBy(asc(t.enrolments.enrolledAt), asc(t.enrolments.serviceId));
      },
      async findByPairwiseId(providerId, pairwiseId) {
        return first(await hot.enrolmentByPairwiseId.execute({ providerId, pairwiseId }));
      },
      async saveEnrolment(enrolment, effects) {
        await inTx(async (tx) => {
          await tx
            .insert(t.enrolments)
            .values(enrolment)
            .onConflictDoUpdate({
              target: [t.enrolments.cableId, t.enrolments.serviceId],
              set: { providerUserId: enrolment.providerUserId, enrolledAt: enrolment.enrolledAt },
            });
        }, effects);
      },
    },
    usage: {
      async findUsageByIdempotencyKey(providerId, key) {
        return first(await hot.usageByIdempotencyKey.execute({ providerId, key }));
      },
      async findUsageByReference(providerId, reference, kind) {
        return first(await hot.usageByReference.execute({ providerId, reference, kind }));
      },
      async getUsage(id) {
        return first(await db.select().from(t.usageRecords).where(eq(t.usageRecords.id, id)));
      },
      async saveUsage(record, effects) {
        await inTx(async (tx) => {
          await tx.insert(t.usageRecords).values(record);
        }, effects);
      },
      async findSettlementByIdempotencyKey(operatorId, key) {
        return first(
          await db
            .select()
            .from(t.settlements)
            .where(and(eq(t.settlements.operatorId, operatorId), eq(t.settlements.idempotencyKey, key))),
        );
      },
      async saveSettlement(record, effects) {
        await inTx(async (tx) => {
          await tx.insert(t.settlements).values(record);
        }, effects);
      },
    },
    outbox: {
      async claimDue({ destination, now, limit, holder, leaseUntil }) {
        return db.transaction(async (tx) => {
          // One claimer of a destination at a time (a transaction-scoped advisory lock, let go at COMMIT), which
          // then sees any lease the previous claimer took: a destination's events go out in order.
          const lock = await tx.execute<{ taken: boolean }>(
            sql`SELECT pg_try_advisory_xact_lock(hashtextextended(${`pf:outbox:${destination.targetKind}:${destination.targetId}`}, 0)) AS taken`,
          );
          if (!lock.rows[0]?.taken) return [];
          const held = await tx
            .select({ id: t.outbox.id })
            .from(t.outbox)
            .where(
              and(ofDestination(destination), eq(t.outbox.status, "pending"), gt(t.outbox.leaseUntil, now)),
            )
            .limit(1);
          if (held.length > 0) return [];
          const rows = await tx
            .select()
            .from(t.outbox)
            .where(and(ofDestination(destination), dueAndFree(now)))
            .orderBy(asc(t.outbox.createdAt), asc(t.outbox.position))
            .limit(limit)
            .for("update", { skipLocked: true });
          if (rows.length === 0) return [];
          await tx
            .update(t.outbox)
            .set({ leaseUntil, claimedBy: holder })
            .where(
              inArray(
                t.outbox.id,
                rows.map((r) => r.id),
              ),
            );
          return rows.map(toOutboxEvent);
        });
      },
      async releaseClaims(holder, ids) {
        if (ids.length === 0) return;
        await db
          .update(t.outbox)
          .set({ leaseUntil: null, claimedBy: null })
          .where(
            and(inArray(t.outbox.id, ids), eq(t.outbox.claimedBy, holder), eq(t.outbox.status, "pending")),
          );
      },
      async listDue(now, limit, destination) {
        const rows = await db
          .select()
          .from(t.outbox)
          .where(destination ? and(dueAndFree(now), ofDestination(destination)) : dueAndFree(now))
          .orderBy(asc(t.outbox.createdAt), asc(t.outbox.position))
          .limit(limit);
        return rows.map(toOutboxEvent);
      },
      async listDueDestinations(now) {
        return db
          .selectDistinct({ targetKind: t.outbox.targetKind, targetId: t.outbox.targetId })
          .from(t.outbox)
          .where(dueAndFree(now));
      },
      async destinationStats() {
        const rows = await db
          .select({
            targetKind: t.outbox.targetKind,
            targetId: t.outbox.targetId,
            pending: sql<string>`count(*) filter (where ${t.outbox.status} = 'pending')`,
            retrying: sql<string>`count(*) filter (where ${t.outbox.status} = 'pending' and ${t.outbox.attempts} > 0)`,
            dead: sql<string>`count(*) filter (where ${t.outbox.status} = 'dead')`,
            oldestPendingAt: sql<
              string | null
            >`min(${t.outbox.createdAt}) filter (where ${t.outbox.status} = 'pending')`,
          })
          .from(t.outbox)
          .where(ne(t.outbox.status, "delivered"))
          .groupBy(t.outbox.targetKind, t.outbox.targetId);
        // count(*) is a bigint, which node-postgres hands over as text.
        return rows.map((r) => ({
          ...r,
          pending: Number(r.pending),
          retrying: Number(r.retrying),
          dead: Number(r.dead),
        }));
      },
      async list({ status, limit }) {
        const q = db.select().from(t.outbox);
        const rows =
          status === "failed"
            ? q.where(and(eq(t.outbox.status, "pending"), gt(t.outbox.attempts, 0)))
            : status
              ? q.where(eq(t.outbox.status, status))
              : q;
        return (await rows.orderBy(desc(t.outbox.createdAt), desc(t.outbox.position)).limit(limit)).map(
          toOutboxEvent,
        );
      },
      async get(id) {
        const r = first(await db.select().from(t.outbox).where(eq(t.outbox.id, id)));
        return r && toOutboxEvent(r);
      },
      async markDelivered(id, at) {
        await db
          .update(t.outbox)
          .set({
            status: "delivered",
            deliveredAt: at,
            attempts: sql`${t.outbox.attempts} + 1`,
            lastError: null,
            leaseUntil: null,
            claimedBy: null,
          })
          .where(eq(t.outbox.id, id));
      },
      async markAttemptFailed(id, { error, nextAttemptAt, giveUp }) {
        await db
          .update(t.outbox)
          .set({
            status: giveUp ? "dead" : "pending",
            lastError: error,
            nextAttemptAt,
            attempts: sql`${t.outbox.attempts} + 1`,
            leaseUntil: null,
            claimedBy: null,
          })
          .where(and(eq(t.outbox.id, id), eq(t.outbox.status, "pending")));
      },
      async requeue(id, at) {
        const result = await db
          .update(t.outbox)
          .set({ status: "pending", nextAttemptAt: at, leaseUntil: null, claimedBy: null })
          .where(and(eq(t.outbox.id, id), eq(t.outbox.status, "dead")));
        return changed(result) === 1;
      },
    },
    metering: {
      async record(effects) {
        await inTx(async () => {}, effects);
      },
      async monthCounts(tenantId, month) {
        const rows = await db
          .select()
          .from(t.metering)
          .where(and(eq(t.metering.tenantId, tenantId), eq(t.metering.month, month)));
        return Object.fromEntries(rows.map((r) => [r.metric, r.count]));
      },
      async listAudit({ afterSeq, limit }) {
        // Gap-free paging across instances: only rows up to the highest sequence number whose writers have all
        // ended (AUDIT_ORDER_LOCK); the lock is let go at once, before the page is read.
        const horizon = await db.transaction(async (tx) => {
          await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_ORDER_LOCK}::bigint)`);
          const [row] = await tx.select({ seq: max(t.auditEvents.seq) }).from(t.auditEvents);
          return row?.seq ?? 0;
        });
        const a = t.auditEvents;
        return (await db
          .select()
          .from(a)
          .where(and(afterSeq === undefined ? undefined : gt(a.seq, afterSeq), lte(a.seq, horizon)))
          .orderBy(asc(a.seq))
          .limit(limit)) as AuditRow[];
      },
      async searchAudit({ event, outcome, tenantId, code, beforeSeq, limit }) {
        const a = t.auditEvents;
        const conditions = [
          event ? sql`left(${a.event}, ${event.length}) = ${event}` : undefined,
          outcome ? eq(a.outcome, outcome) : undefined,
          tenantId ? eq(a.tenantId, tenantId) : undefined,
          code ? eq(a.code, code) : undefined,
          beforeSeq !== undefined ? lt(a.seq, beforeSeq) : undefined,
        ];
        return (await db
          .select()
          .from(a)
          .where(and(...conditions))
          .orderBy(desc(a.seq))
          .limit(limit)) as AuditRow[];
      },
    },
    rateLimits: createPgRateLimits(db),
    ocspAnswers: createPgOcspAnswers(db),
    replayGuard: {
      async rememberIfNew(key, expiresAt, now) {
        // Insert, or take over an expired entry; a live entry makes the upsert change nothing. The unique key
        // serialises two instances inserting the same ID: the second waits for the first and then sees it.
        const result = await hot.rememberAssertion.execute({
          key,
          expiresAt: expiresAt.getTime(),
          now: now.getTime(),
        });
        return changed(result) === 1;
      },
      async sweepExpired(now) {
        return changed(
          await db
            .delete(t.seenTerminalAssertions)
            .where(lt(t.seenTerminalAssertions.expiresAt, now.getTime())),
        );
      },
    },
    keyValues: {
      async get(key) {
        return first(await db.select().from(t.keyValues).where(eq(t.keyValues.key, key)))?.value;
      },
      async putIfAbsent(key, value) {
        await db.insert(t.keyValues).values({ key, value }).onConflictDoNothing({ target: t.keyValues.key });
        return first(await db.select().from(t.keyValues).where(eq(t.keyValues.key, key)))?.value ?? value;
      },
      async delete(key) {
        await db.delete(t.keyValues).where(eq(t.keyValues.key, key));
      },
    },
  };
}

async function upsertBinding(tx: PgDb, binding: CardBinding) {
  await tx
    .insert(t.cardBindings)
    .values(binding)
    .onConflictDoUpdate({ target: t.cardBindings.personId, set: binding });
}

async function saveCertificates(tx: PgDb, certificates: CertificateRecord[]) {
  for (const cert of certificates) {
    // A newer certificate of the same kind supersedes the person's older ones (renewal, move).
    await tx
      .update(t.certificates)
      .set({ status: "superseded" })
      .where(
        and(
          eq(t.certificates.personId, cert.personId),
          eq(t.certificates.kind, cert.kind),
          eq(t.certificates.status, "active"),
          ne(t.certificates.serialHex, cert.serialHex),
        ),
      );
    await tx
      .insert(t.certificates)
      .values(cert)
      .onConflictDoUpdate({
        target: [t.certificates.serialHex, t.certificates.kind],
        set: { status: cert.status, personId: cert.personId },
      });
  }
}

/**
 * The statements of the hot paths, built once and prepared by name: each pooled connection has PostgreSQL parse and
 * plan them on first use only, and drizzle does not build their SQL again per call. The usage report's reads (a
 * month of usage arrives as thousands of reports), and a login's reads and single-statement writes (terminal, site,
 * challenge, certificate, person, account, binding, verifier, the challenge's consumption and the assertion's replay
 * guard). A transaction's statements are not among them: a prepared query is bound to the client it was built on,
 * and a transaction runs on a client of its own.
 */
function prepareHotStatements(db: PgDb) {
  const p = sql.placeholder;
  return {
    tenantById: db
      .select()
      .from(t.tenants)
      .where(eq(t.tenants.id, p("id")))
      .prepare("pf_tenant_by_id"),
    verifierByTenant: db
      .select()
      .from(t.verifiers)
      .where(eq(t.verifiers.tenantId, p("tenantId")))
      .prepare("pf_verifier_by_tenant"),
    terminalById: db
      .select()
      .from(t.terminals)
      .where(eq(t.terminals.id, p("id")))
      .prepare("pf_terminal_by_id"),
    siteById: db
      .select()
      .from(t.sites)
      .where(eq(t.sites.id, p("id")))
      .prepare("pf_site_by_id"),
    siteVerifiers: db
      .select({ verifierId: t.siteVerifiers.verifierId })
      .from(t.siteVerifiers)
      .where(eq(t.siteVerifiers.siteId, p("siteId")))
      .orderBy(asc(t.siteVerifiers.position))
      .prepare("pf_site_verifiers"),
    siteServices: db
      .select({ serviceId: t.siteServices.serviceId })
      .from(t.siteServices)
      .where(eq(t.siteServices.siteId, p("siteId")))
      .orderBy(asc(t.siteServices.serviceId))
      .prepare("pf_site_services"),
    challengeById: db
      .select()
      .from(t.challenges)
      .where(eq(t.challenges.id, p("id")))
      .prepare("pf_challenge_by_id"),
    consumeChallenge: db
      .update(t.challenges)
      .set({ usedAt: sql`${p("at")}` })
      .where(and(eq(t.challenges.id, p("id")), isNull(t.challenges.usedAt)))
      .prepare("pf_consume_challenge"),
    certificateBySerial: db
      .select()
      .from(t.certificates)
      .where(and(eq(t.certificates.serialHex, p("serialHex")), eq(t.certificates.kind, p("kind"))))
      .prepare("pf_certificate_by_serial"),
    personById: db
      .select()
      .from(t.persons)
      .where(eq(t.persons.id, p("id")))
      .prepare("pf_person_by_id"),
    accountOfPerson: db
      .select()
      .from(t.accounts)
      .where(and(eq(t.accounts.verifierId, p("verifierId")), eq(t.accounts.personId, p("personId"))))
      .prepare("pf_account_of_person"),
    bindingOfPerson: db
      .select()
      .from(t.cardBindings)
      .where(eq(t.cardBindings.personId, p("personId")))
      .prepare("pf_binding_of_person"),
    rememberAssertion: db
      .insert(t.seenTerminalAssertions)
      .values({ key: p("key"), expiresAt: p("expiresAt") })
      .onConflictDoUpdate({
        target: t.seenTerminalAssertions.key,
        set: { expiresAt: sql`excluded.expires_at` },
        setWhere: lt(t.seenTerminalAssertions.expiresAt, p("now")),
      })
      .prepare("pf_remember_terminal_assertion"),
    providerTenantByApiKeyHash: db
      .select({ tenant: t.tenants, settings: t.providerSettings })
      .from(t.tenants)
      .innerJoin(t.providerSettings, eq(t.providerSettings.tenantId, t.tenants.id))
      .where(eq(t.tenants.apiKeyHash, p("hash")))
      .prepare("pf_provider_tenant_by_api_key_hash"),
    serviceById: db
      .select()
      .from(t.services)
      .where(eq(t.services.id, p("id")))
      .prepare("pf_service_by_id"),
    accountById: db
      .select()
      .from(t.accounts)
      .where(eq(t.accounts.accountId, p("accountId")))
      .prepare("pf_account_by_id"),
    enrolmentByPairwiseId: db
      .select()
      .from(t.enrolments)
      .where(and(eq(t.enrolments.providerId, p("providerId")), eq(t.enrolments.pairwiseId, p("pairwiseId"))))
      .prepare("pf_enrolment_by_pairwise_id"),
    usageByIdempotencyKey: db
      .select()
      .from(t.usageRecords)
      .where(and(eq(t.usageRecords.providerId, p("providerId")), eq(t.usageRecords.idempotencyKey, p("key"))))
      .prepare("pf_usage_by_idempotency_key"),
    usageByReference: db
      .select()
      .from(t.usageRecords)
      .where(
        and(
          eq(t.usageRecords.providerId, p("providerId")),
          eq(t.usageRecords.providerReference, p("reference")),
          eq(t.usageRecords.kind, p("kind")),
        ),
      )
      .orderBy(asc(t.usageRecords.createdAt))
      .limit(1)
      .prepare("pf_usage_by_reference"),
  };
}
