/**
 * @module The J-LIS repository on PostgreSQL (drizzle node-postgres over `@catv/postgres`'s pool); migrations from
 * `pf-server/drizzle/jlis-pg` are applied on open. Held to the same contract suite as the SQLite one
 * (`../jlis-repository.contract.ts`).
 */
import { fileURLToPath } from "node:url";
import { type OpenedPostgres, openPostgres } from "@catv/postgres";
import type { Logger } from "@catv/service-kit";
import { and, count, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { OpenedJlisDatabase } from "../jlis-database.ts";
import type { CertificateRecord, JlisRepository, ResidentRecord } from "../jlis-repository.ts";
import * as schema from "./schema.ts";
import { caKeys, certificates, crls, residents, verifiers, verifierUsage } from "./schema.ts";

type PgDb = PgDatabase<NodePgQueryResultHKT, typeof schema>;

export const jlisPgMigrationsFolder = fileURLToPath(new URL("../../../../drizzle/jlis-pg", import.meta.url));

/** The resident columns the service may read: everything but the decoy 個人番号. */
const residentColumns = {
  id: residents.id,
  name: residents.name,
  nameAlternativeFlags: residents.nameAlternativeFlags,
  address: residents.address,
  addressAlternativeFlags: residents.addressAlternativeFlags,
  birthDate: residents.birthDate,
  gender: residents.gender,
  town: residents.town,
  prefecture: residents.prefecture,
  cardId: residents.cardId,
  cardStatus: residents.cardStatus,
  cardExpiresOn: residents.cardExpiresOn,
  createdAt: residents.createdAt,
  updatedAt: residents.updatedAt,
};

const toResident = (row: Omit<ResidentRecord, "gender"> & { gender: string }) => row as ResidentRecord;
const toCertificate = (row: typeof certificates.$inferSelect): CertificateRecord => ({
  ...row,
  der: new Uint8Array(row.der),
});

/** Opens (creating and migrating if needed) the J-LIS database at `url`. */
export async function openPostgresJlisDatabase(
  url: string,
  options: { logger?: Pick<Logger, "warn"> } = {},
): Promise<OpenedJlisDatabase & { opened: OpenedPostgres<typeof schema> }> {
  const opened = await openPostgres({
    url,
    schema,
    migrationsFolder: jlisPgMigrationsFolder,
    applicationName: "jlis",
    ...options,
  });
  // A database without CAs is new: the service seeds it (the SQLite side tells by the file's creation).
  const created = (await opened.db.select({ n: count() }).from(caKeys))[0]?.n === 0;
  return { repository: createPgJlisRepository(opened.db), created, opened, close: () => opened.close() };
}

export function createPgJlisRepository(db: PgDb): JlisRepository {
  return {
    transaction: (work) => db.transaction((tx) => work(createPgJlisRepository(tx))),

    async insertResident(resident, decoyMyNumber) {
      await db.insert(residents).values({ ...resident, decoyMyNumber });
    },
    async updateResident(id, patch) {
      await db.update(residents).set(patch).where(eq(residents.id, id));
    },
    async findResident(id) {
      const row = (await db.select(residentColumns).from(residents).where(eq(residents.id, id)))[0];
      return row && toResident(row);
    },
    async listResidents() {
      return (
        await db.select(residentColumns).from(residents).orderBy(residents.createdAt, residents.id)
      ).map(toResident);
    },
    async countResidents() {
      return (await db.select({ n: count() }).from(residents))[0]?.n ?? 0;
    },

    async insertCertificate(certificate) {
      await db.insert(certificates).values({ ...certificate, der: Buffer.from(certificate.der) });
    },
    async updateCertificate(serialNumber, patch) {
      const { der, ...rest } = patch;
      await db
        .update(certificates)
        .set({ ...rest, ...(der ? { der: Buffer.from(der) } : {}) })
        .where(eq(certificates.serialNumber, serialNumber));
    },
    async findCertificate(serialNumber) {
      const row = (
        await db.select().from(certificates).where(eq(certificates.serialNumber, serialNumber))
      )[0];
      return row && toCertificate(row);
    },
    async currentCertificate(residentId, type) {
      const row = (
        await db
          .select()
          .from(certificates)
          .where(
            and(
              eq(certificates.residentId, residentId),
              eq(certificates.certificateType, type),
              isNull(certificates.supersededBySerialNumber),
            ),
          )
          .orderBy(desc(certificates.issuedAt))
          .limit(1)
      )[0];
      return row && toCertificate(row);
    },
    async revokedCertificates(type) {
      return (
        await db
          .select()
          .from(certificates)
          .where(and(eq(certificates.certificateType, type), isNotNull(certificates.revokedAt)))
          .orderBy(certificates.revokedAt, certificates.serialNumber)
      ).map(toCertificate);
    },
    async countCertificates() {
      return (await db.select({ n: count() }).from(certificates))[0]?.n ?? 0;
    },

    async findCaKey(name) {
      const row = (await db.select().from(caKeys).where(eq(caKeys.name, name)))[0];
      return (
        row && {
          ...row,
          privateKeyPkcs8: new Uint8Array(row.privateKeyPkcs8),
          certificateDer: row.certificateDer && new Uint8Array(row.certificateDer),
        }
      );
    },
    async saveCaKey(key) {
      const values = {
        ...key,
        privateKeyPkcs8: Buffer.from(key.privateKeyPkcs8),
        certificateDer: key.certificateDer && Buffer.from(key.certificateDer),
      };
      await db.insert(caKeys).values(values).onConflictDoUpdate({ target: caKeys.name, set: values });
    },

    async latestCrl(type, scope) {
      const row = (
        await db
          .select()
          .from(crls)
          .where(and(eq(crls.certificateType, type), scope ? eq(crls.scope, scope) : undefined))
          .orderBy(desc(crls.crlNumber))
          .limit(1)
      )[0];
      if (!row) return undefined;
      const { syntheticCount, syntheticSeed, syntheticAsOf, ...rest } = row;
      return { ...rest, synthetic: { count: syntheticCount, seed: syntheticSeed, asOf: syntheticAsOf } };
    },
    async insertCrl({ synthetic, ...crl }) {
      await db.insert(crls).values({
        ...crl,
        syntheticCount: synthetic.count,
        syntheticSeed: synthetic.seed,
        syntheticAsOf: synthetic.asOf,
      });
    },

    async findVerifierSecretHash(verifierId) {
      return (await db.select().from(verifiers).where(eq(verifiers.id, verifierId)))[0]?.secretSha256;
    },
    async registerVerifier(verifierId, secretSha256, at) {
      await db
        .insert(verifiers)
        .values({ id: verifierId, secretSha256, registeredAt: at })
        .onConflictDoUpdate({ target: verifiers.id, set: { secretSha256 } });
    },
    async countVerifierUse(verifierId, kind, month) {
      await db
        .insert(verifierUsage)
        .values({ verifierId, kind, month, count: 1 })
        .onConflictDoUpdate({
          target: [verifierUsage.verifierId, verifierUsage.kind, verifierUsage.month],
          set: { count: sql`${verifierUsage.count} + 1` },
        });
    },
    async verifierUsage() {
      return db
        .select()
        .from(verifierUsage)
        .orderBy(verifierUsage.month, verifierUsage.verifierId, verifierUsage.kind);
    },
  };
}
