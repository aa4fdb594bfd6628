/**
 * @module The one test suite of the J-LIS repository, run against SQLite (`sqlite-jlis-repository.test.ts`) and
 * PostgreSQL (`postgres/postgres-jlis-repository.test.ts`): what each method stores and reads back (never the decoy
 * 個人番号), and that a unit of work stores everything or nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CertificateRecord, CrlRecord, JlisRepository, ResidentRecord } from "./jlis-repository.ts";

export interface JlisRepositoryUnderTest {
  repository: JlisRepository;
  close(): Promise<void>;
}

const AT = "2026-01-01T00:00:00.000Z";
const resident = (id: string, createdAt = AT): ResidentRecord => ({
  id,
  name: "山田 花子",
  nameAlternativeFlags: "0000",
  address: "富山県南砺市井波1-1",
  addressAlternativeFlags: "0000",
  birthDate: "1980-04-01",
  gender: "2",
  town: "南砺市",
  prefecture: "富山県",
  cardId: `card-${id}`,
  cardStatus: "active",
  cardExpiresOn: "2035-04-01",
  createdAt,
  updatedAt: createdAt,
});
const certificate = (serialNumber: string, patch: Partial<CertificateRecord> = {}): CertificateRecord => ({
  serialNumber,
  certificateType: "auth",
  residentId: "res-1",
  cardId: "card-res-1",
  der: new Uint8Array([0x30, 0x82, 0x01, 0x0a, 0xff]),
  notBefore: AT,
  notAfter: "2031-01-01T00:00:00.000Z",
  issuedAt: AT,
  revokedAt: null,
  revocationReason: null,
  pairedSerialNumber: null,
  supersedesSerialNumber: null,
  supersededBySerialNumber: null,
  ...patch,
});
const crl = (crlNumber: number, scope: CrlRecord["scope"]): CrlRecord => ({
  certificateType: "auth",
  crlNumber,
  scope,
  baseCrlNumber: scope === "delta" ? 1 : null,
  thisUpdate: AT,
  nextUpdate: "2026-01-01T00:20:00.000Z",
  revokedEntries: [{ serialNumber: "0a", revokedAt: AT, reason: "keyCompromise" }],
  synthetic: scope === "full" ? { count: 100, seed: "s", asOf: AT } : { count: 0, seed: "", asOf: null },
});

export function describeJlisRepositoryContract(
  name: string,
  open: () => Promise<JlisRepositoryUnderTest>,
): void {
  let subject: JlisRepositoryUnderTest;
  let repo: JlisRepository;
  beforeEach(async () => {
    subject = await open();
    repo = subject.repository;
  });
  afterEach(async () => {
    await subject.close();
  });

  describe(`${name}: residents`, () => {
    it("reads a resident back without the decoy 個人番号, oldest first", async () => {
      await repo.insertResident(resident("res-2", "2026-01-02T00:00:00.000Z"), "123456789018");
      await repo.insertResident(resident("res-1"), "987654321098");
      expect(await repo.findResident("res-1")).toEqual(resident("res-1"));
      expect((await repo.listResidents()).map((r) => r.id)).toEqual(["res-1", "res-2"]);
      expect(JSON.stringify(await repo.listResidents())).not.toContain("123456789018");
      expect(await repo.countResidents()).toBe(2);
    });

    it("changes the given fields of a resident only", async () => {
      await repo.insertResident(resident("res-1"), "987654321098");
      await repo.updateResident("res-1", { cardStatus: "lost", updatedAt: "2026-02-01T00:00:00.000Z" });
      expect(await repo.findResident("res-1")).toEqual({
        ...resident("res-1"),
        cardStatus: "lost",
        updatedAt: "2026-02-01T00:00:00.000Z",
      });
      expect(await repo.findResident("nobody")).toBeUndefined();
    });
  });

  describe(`${name}: certificates`, () => {
    it("keeps a certificate's DER byte for byte", async () => {
      await repo.insertCertificate(certificate("0a"));
      const found = await repo.findCertificate("0a");
      expect(found?.der).toBeInstanceOf(Uint8Array);
      expect(found).toEqual(certificate("0a"));
    });

    it("answers the resident's current certificate of a type: the one nothing supersedes", async () => {
      await repo.insertCertificate(certificate("0a", { supersededBySerialNumber: "0b" }));
      await repo.insertCertificate(
        certificate("0b", { issuedAt: "2026-06-01T00:00:00.000Z", supersedesSerialNumber: "0a" }),
      );
      await repo.insertCertificate(certificate("0c", { certificateType: "sign" }));
      expect((await repo.currentCertificate("res-1", "auth"))?.serialNumber).toBe("0b");
      expect((await repo.currentCertificate("res-1", "sign"))?.serialNumber).toBe("0c");
      expect(await repo.countCertificates()).toBe(3);
    });

    it("lists a CA's revoked certificates in the order they were revoked", async () => {
      await repo.insertCertificate(certificate("0a"));
      await repo.insertCertificate(certificate("0b"));
      await repo.insertCertificate(certificate("0c"));
      await repo.updateCertificate("0b", {
        revokedAt: "2026-03-01T00:00:00.000Z",
        revocationReason: "keyCompromise",
      });
      await repo.updateCertificate("0a", {
        revokedAt: "2026-04-01T00:00:00.000Z",
        revocationReason: "superseded",
      });
      expect((await repo.revokedCertificates("auth")).map((c) => c.serialNumber)).toEqual(["0b", "0a"]);
      expect(await repo.revokedCertificates("sign")).toEqual([]);
    });
  });

  describe(`${name}: CA keys and CRLs`, () => {
    it("stores a CA key and replaces it by name", async () => {
      const key = {
        name: "kenkaku",
        privateKeyPkcs8: new Uint8Array([1, 2, 3]),
        certificateDer: null,
        keyId: "00112233445566778899aabbccddeeff",
        createdAt: AT,
      };
      await repo.saveCaKey(key);
      expect(await repo.findCaKey("kenkaku")).toEqual(key);
      await repo.saveCaKey({ ...key, certificateDer: new Uint8Array([9]) });
      expect((await repo.findCaKey("kenkaku"))?.certificateDer).toEqual(new Uint8Array([9]));
    });

    it("answers the newest CRL of a CA, of a scope or of either", async () => {
      await repo.insertCrl(crl(1, "full"));
      await repo.insertCrl(crl(2, "delta"));
      expect(await repo.latestCrl("auth")).toEqual(crl(2, "delta"));
      expect(await repo.latestCrl("auth", "full")).toEqual(crl(1, "full"));
      expect(await repo.latestCrl("sign")).toBeUndefined();
    });

    it("refuses a second CRL with a number the CA already used", async () => {
      await repo.insertCrl(crl(1, "full"));
      await expect(repo.insertCrl(crl(1, "delta"))).rejects.toThrow();
    });
  });

  describe(`${name}: verifiers`, () => {
    it("keeps a verifier's secret hash, replaced when registered again", async () => {
      await repo.registerVerifier("pf", "hash-1", AT);
      await repo.registerVerifier("pf", "hash-2", AT);
      expect(await repo.findVerifierSecretHash("pf")).toBe("hash-2");
      expect(await repo.findVerifierSecretHash("other")).toBeUndefined();
    });

    it("counts every check of many at once", async () => {
      await Promise.all(Array.from({ length: 10 }, () => repo.countVerifierUse("pf", "ocsp", "2026-01")));
      await repo.countVerifierUse("pf", "crl_auth", "2026-01");
      expect(await repo.verifierUsage()).toEqual([
        { verifierId: "pf", kind: "crl_auth", month: "2026-01", count: 1 },
        { verifierId: "pf", kind: "ocsp", month: "2026-01", count: 10 },
      ]);
    });
  });

  describe(`${name}: units of work`, () => {
    it("stores everything a unit of work wrote when it ends", async () => {
      await repo.transaction(async (tx) => {
        await tx.insertResident(resident("res-1"), "987654321098");
        await tx.insertCertificate(certificate("0a"));
      });
      expect(await repo.countResidents()).toBe(1);
      expect(await repo.countCertificates()).toBe(1);
    });

    it("stores nothing of a unit of work that fails", async () => {
      await expect(
        repo.transaction(async (tx) => {
          await tx.insertResident(resident("res-1"), "987654321098");
          await tx.insertCertificate(certificate("0a"));
          await tx.insertCertificate(certificate("0a"));
        }),
      ).rejects.toThrow();
      expect(await repo.countResidents()).toBe(0);
      expect(await repo.countCertificates()).toBe(0);
    });

    it("never shows another caller half of a unit of work", async () => {
      let wroteFirst!: () => void;
      let goOn!: () => void;
      const firstWritten = new Promise<void>((resolve) => {
        wroteFirst = resolve;
      });
      const mayGoOn = new Promise<void>((resolve) => {
        goOn = resolve;
      });
      const unit = repo.transaction(async (tx) => {
        await tx.insertCertificate(certificate("0a"));
        wroteFirst();
        await mayGoOn;
        await tx.insertCertificate(certificate("0b"));
      });
      await firstWritten;
      // Before the end (PostgreSQL: not committed yet) or after it (SQLite: callers wait for the unit of work).
      const seen = repo.countCertificates();
      goOn();
      await unit;
      expect([0, 2]).toContain(await seen);
      expect(await repo.countCertificates()).toBe(2);
    });
  });
}
