/**
 * @module The J-LIS repository on SQLite (better-sqlite3, WAL) through drizzle; migrations from
 * `pf-server/drizzle/jlis` are applied on open. better-sqlite3 answers synchronously, so the statements are written
 * synchronously and served through the asynchronous interface; a unit of work is BEGIN IMMEDIATE … COMMIT on the one
 * connection, and other callers wait until it ends (their statements would otherwise run inside it).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@catv/service-kit";
import { and, count, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { OpenedJlisDatabase } from "./jlis-database.ts";
import type { CertificateRecord, JlisRepository, ResidentRecord } from "./jlis-repository.ts";
import * as schema from "./schema.ts";
import { caKeys, certificates, crls, residents, verifiers, verifierUsage } from "./schema.ts";

const migrationsFolder = fileURLToPath(new URL("../../../drizzle/jlis", import.meta.url));

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

/** The repository's methods, answering at once (better-sqlite3). */
type Statements = {
  [K in Exclude<keyof JlisRepository, "transaction">]: JlisRepository[K] extends (
    ...args: infer A
  ) => Promise<infer R>
    ? (...args: A) => R
    : never;
};

/** Opens (creating and migrating if needed) the J-LIS database; `:memory:` for tests. */
export function openJlisDatabase(path: string): OpenedJlisDatabase {
  // The file holds the CAs' private keys: readable by this user only.
  const { sqlite, db, created } = openDatabase({ file: path, schema, migrationsFolder, fileMode: 0o600 });
  const statements = createStatements(db);

  const unitOfWork = new AsyncLocalStorage<symbol>();
  let open: { token: symbol; ended: Promise<void> } | undefined;
  const waitForOpenUnit = async () => {
    while (open) {
      // Waiting here would wait for itself: the unit of work's own code used the outer repository.
      if (unitOfWork.getStore() === open.token)
        throw new Error(
          "A unit of work called the outer J-LIS repository; use the one transaction() gives it.",
        );
      await open.ended;
    }
  };
  const serve = (gated: boolean) => {
    const served: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(statements) as [string, (...args: unknown[]) => unknown][]) {
      served[name] = gated
        ? async (...args: unknown[]) => {
            await waitForOpenUnit();
            return method(...args);
          }
        : async (...args: unknown[]) => method(...args);
    }
    return served as Omit<JlisRepository, "transaction">;
  };
  const inside: JlisRepository = { ...serve(false), transaction: (nested) => nested(inside) };
  const repository: JlisRepository = {
    ...serve(true),
    async transaction(work) {
      await waitForOpenUnit();
      const token = Symbol("unit of work");
      let end!: () => void;
      open = { token, ended: new Promise((resolve) => (end = resolve)) };
      try {
        sqlite.exec("BEGIN IMMEDIATE");
        const value = await unitOfWork.run(token, () => work(inside));
        sqlite.exec("COMMIT");
        return value;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
        throw error;
      } finally {
        open = undefined;
        end();
      }
    },
  };
  return {
    repository,
    created,
    close: async () => {
      sqlite.close();
    },
  };
}

function createStatements(db: BetterSQLite3Database<typeof schema>): Statements {
  return {
    insertResident(resident, decoyMyNumber) {
      db.insert(residents)
        .values({ ...resident, decoyMyNumber })
        .run();
    },
    updateResident(id, patch) {
      db.update(residents).set(patch).where(eq(residents.id, id)).run();
    },
    findResident(id) {
      const row = db.select(residentColumns).from(residents).where(eq(residents.id, id)).get();
      return row && toResident(row);
    },
    listResidents() {
      return db
        .select(residentColumns)
        .from(residents)
        .orderBy(residents.createdAt, residents.id)
        .all()
        .map(toResident);
    },
    countResidents() {
      return db.select({ n: count() }).from(residents).get()?.n ?? 0;
    },

    insertCertificate(certificate) {
      db.insert(certificates)
        .values({ ...certificate, der: Buffer.from(certificate.der) })
        .run();
    },
    updateCertificate(serialNumber, patch) {
      const { der, ...rest } = patch;
      db.update(certificates)
        .set({ ...rest, ...(der ? { der: Buffer.from(der) } : {}) })
        .where(eq(certificates.serialNumber, serialNumber))
        .run();
    },
    findCertificate(serialNumber) {
      const row = db.select().from(certificates).where(eq(certificates.serialNumber, serialNumber)).get();
      return row && toCertificate(row);
    },
    currentCertificate(residentId, type) {
      const row = db
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
        .get();
      return row && toCertificate(row);
    },
    revokedCertificates(type) {
      return db
        .select()
        .from(certificates)
        .where(and(eq(certificates.certificateType, type), isNotNull(certificates.revokedAt)))
        .orderBy(certificates.revokedAt, certificates.serialNumber)
        .all()
        .map(toCertificate);
    },
    countCertificates() {
      return db.select({ n: count() }).from(certificates).get()?.n ?? 0;
    },

    findCaKey(name) {
      const row = db.select().from(caKeys).where(eq(caKeys.name, name)).get();
      return (
        row && {
          ...row,
          privateKeyPkcs8: new Uint8Array(row.privateKeyPkcs8),
          certificateDer: row.certificateDer && new Uint8Array(row.certificateDer),
        }
      );
    },
    saveCaKey(key) {
      const values = {
        ...key,
        privateKeyPkcs8: Buffer.from(key.privateKeyPkcs8),
        certificateDer: key.certificateDer && Buffer.from(key.certificateDer),
      };
      db.insert(caKeys).values(values).onConflictDoUpdate({ target: caKeys.name, set: values }).run();
    },

    latestCrl(type, scope) {
      const row = db
        .select()
        .from(crls)
        .where(and(eq(crls.certificateType, type), scope ? eq(crls.scope, scope) : undefined))
        .orderBy(desc(crls.crlNumber))
        .get();
      if (!row) return undefined;
      const { syntheticCount, syntheticSeed, syntheticAsOf, ...rest } = row;
      return { ...rest, synthetic: { count: syntheticCount, seed: syntheticSeed, asOf: syntheticAsOf } };
    },
    insertCrl({ synthetic, ...crl }) {
      db.insert(crls)
        .values({
          ...crl,
          syntheticCount: synthetic.count,
          syntheticSeed: synthetic.seed,
          syntheticAsOf: synthetic.asOf,
        })
        .run();
    },

    findVerifierSecretHash(verifierId) {
      return db.select().from(verifiers).where(eq(verifiers.id, verifierId)).get()?.secretSha256;
    },
    registerVerifier(verifierId, secretSha256, at) {
      db.insert(verifiers)
        .values({ id: verifierId, secretSha256, registeredAt: at })
        .onConflictDoUpdate({ target: verifiers.id, set: { secretSha256 } })
        .run();
    },
    countVerifierUse(verifierId, kind, month) {
      db.insert(verifierUsage)
        .values({ verifierId, kind, month, count: 1 })
        .onConflictDoUpdate({
          target: [verifierUsage.verifierId, verifierUsage.kind, verifierUsage.month],
          set: { count: sql`${verifierUsage.count} + 1` },
        })
        .run();
    },
    verifierUsage() {
      return db
        .select()
        .from(verifierUsage)
        .orderBy(verifierUsage.month, verifierUsage.verifierId, verifierUsage.kind)
        .all();
    },
  };
}
