import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { silentLogger } from "@catv/service-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCard } from "../../domain/issue-card.ts";
import { currentCrl } from "../../domain/publish-crl.ts";
import { queryLinkage } from "../../domain/query-linkage.ts";
import { revokeCertificate } from "../../domain/revoke-certificate.ts";
import { createJlisService, type JlisService } from "../../jlis-service.ts";
import { SAMPLE_RESIDENT, TEST_CREDENTIALS } from "../../testing/test-service.ts";

// The simulator as `DATABASE_URL=postgres://…` runs it: its CAs, residents, certificates and CRLs in PostgreSQL.
let database: TestDatabase;
let dataDir: string;
let service: JlisService;
const open = () =>
  createJlisService({
    dataDir,
    database: { kind: "postgres", url: database.url },
    publicUrl: "http://127.0.0.1:7010",
    credentials: TEST_CREDENTIALS,
    log: silentLogger,
    seed: false,
  });
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), "jlis-pg-"));
  service = await open();
});
afterAll(async () => {
  await service.close();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the J-LIS simulator on PostgreSQL", () => {
  it("issues a card, revokes its signature certificate and lists it on the next delta CRL", async () => {
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const sign = resident.certificates.sign?.serialNumber as string;
    await revokeCertificate(service.ctx, sign, "keyCompromise");
    expect(await queryLinkage(service.ctx, { serialNumber: sign, certificateType: "sign" })).toMatchObject({
      status: "revoked",
      revocationReason: "keyCompromise",
    });
    const delta = await currentCrl(service.ctx, "sign", "delta");
    expect(delta.revokedEntries.map((e) => e.serialNumber)).toContain(sign);
  });

  it("keeps its CAs across a restart on the same database", async () => {
    const before = service.ctx.cas.sign.certificate.serialNumber;
    await service.close();
    service = await open();
    expect(service.ctx.cas.sign.certificate.serialNumber).toBe(before);
    expect(await service.ctx.repo.countResidents()).toBe(1);
  });
});
