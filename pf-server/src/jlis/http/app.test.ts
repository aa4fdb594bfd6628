import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCard } from "../domain/issue-card.ts";
import {
  ADMIN_AUTH,
  basicAuth,
  SAMPLE_RESIDENT,
  startTestService,
  TEST_CREDENTIALS,
  VERIFIER_AUTH,
} from "../testing/test-service.ts";

let service: Awaited<ReturnType<typeof startTestService>>;
let signSerial: string;
beforeAll(async () => {
  service = await startTestService();
  signSerial = (await issueCard(service.ctx, SAMPLE_RESIDENT)).resident.certificates.sign!.serialNumber;
}, 60_000);
afterAll(() => service.dispose());

const get = (path: string, authorization?: string) =>
  service.app.request(path, { headers: authorization ? { authorization } : {} });
const postJson = (path: string, body: unknown, authorization?: string) =>
  service.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
const usage = async () =>
  Object.fromEntries((await service.ctx.repo.verifierUsage()).map((row) => [row.kind, row.count])) as Record<
    string,
    number
  >;

describe("verifier authentication", { timeout: 60_000 }, () => {
  it("refuses a CRL download without credentials with verifier_unauthorized", async () => {
    const res = await get("/crl/sign.crl");
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe("verifier_unauthorized");
    expect(body.error.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  it("refuses a registered verifier ID with the wrong secret", async () => {
    const res = await get("/crl/auth.crl", basicAuth(TEST_CREDENTIALS.jlisVerifier.id, "wrong-secret"));
    expect(res.status).toBe(401);
  });

  it("refuses an unregistered verifier", async () => {
    const res = await postJson(
      "/linkage/query",
      { serialNumber: signSerial, certificateType: "sign" },
      basicAuth("someone-else", TEST_CREDENTIALS.jlisVerifier.secret),
    );
    expect(res.status).toBe(401);
  });

  it("counts every answered check per verifier, kind and month", async () => {
    const before = await usage();
    await get("/crl/sign.crl", VERIFIER_AUTH);
    await get("/crl/sign.crl", VERIFIER_AUTH);
    await postJson("/linkage/query", { serialNumber: signSerial, certificateType: "sign" }, VERIFIER_AUTH);
    const after = await usage();
    expect((after.crl_sign ?? 0) - (before.crl_sign ?? 0)).toBe(2);
    expect((after.linkage ?? 0) - (before.linkage ?? 0)).toBe(1);
    const row = (await service.ctx.repo.verifierUsage())[0]!;
    expect(row.verifierId).toBe("catv-common-pf");
    expect(row.month).toBe(new Date().toISOString().slice(0, 7));
  });

  it("does not count refused calls", async () => {
    const before = (await usage()).crl_auth ?? 0;
    await get("/crl/auth.crl");
    expect((await usage()).crl_auth ?? 0).toBe(before);
  });
});

describe("public CA material", { timeout: 60_000 }, () => {
  it("serves the CA certificates without credentials, DER and PEM", async () => {
    const der = await get("/ca/sign.der");
    expect(der.headers.get("content-type")).toBe("application/pkix-cert");
    expect(new Uint8Array(await der.arrayBuffer())[0]).toBe(0x30);
    expect(await (await get("/ca/auth.pem")).text()).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  it("describes itself in OpenAPI, including the admin request schemas", async () => {
    const doc = (await (await get("/openapi.json")).json()) as { paths: Record<string, { post?: object }> };
    expect(Object.keys(doc.paths)).toContain("/linkage/query");
    expect(JSON.stringify(doc.paths["/admin/residents"]?.post)).toContain("signPassword");
  });

  it("publishes the 券面 CA key ID and SPKI", async () => {
    const body = (await (await get("/ca/kenkaku.json")).json()) as {
      keys: { keyId: string; publicKeySpki: string }[];
    };
    expect(body.keys[0]?.keyId).toBe(Buffer.from("9000023\x08\x05001\0\0\0\0", "latin1").toString("hex"));
    expect(body.keys[0]?.publicKeySpki).toMatch(/^MII/);
  });
});

describe("linkage query", { timeout: 60_000 }, () => {
  it("answers the serial's status and its pair", async () => {
    const res = await postJson(
      "/linkage/query",
      { serialNumber: signSerial, certificateType: "sign" },
      VERIFIER_AUTH,
    );
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ serialNumber: signSerial, certificateType: "sign", status: "good" });
    expect(body.pairedSerialNumber).toMatch(/^[0-9a-f]{32}$/);
  });

  it("answers 404 certificate_not_found for a serial of the other type", async () => {
    const res = await postJson(
      "/linkage/query",
      { serialNumber: signSerial, certificateType: "auth" },
      VERIFIER_AUTH,
    );
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("certificate_not_found");
  });

  it("answers 400 validation_failed for a serial that is not hex", async () => {
    const res = await postJson(
      "/linkage/query",
      { serialNumber: "xyz", certificateType: "sign" },
      VERIFIER_AUTH,
    );
    expect(res.status).toBe(400);
  });
});

describe("administrator API", { timeout: 60_000 }, () => {
  it("refuses a wrong bearer token with admin_unauthorized", async () => {
    const res = await get("/admin/residents", "Bearer nope");
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("admin_unauthorized");
  });

  it("creates a resident and issues a card", async () => {
    const res = await postJson("/admin/residents", { ...SAMPLE_RESIDENT, town: "須坂市" }, ADMIN_AUTH);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { cardId: string; resident: { prefecture: string } };
    expect(body.resident.prefecture).toBe("長野県");
  });

  it("lists residents without any decoy 個人番号 field", async () => {
    const body = (await (await get("/admin/residents", ADMIN_AUTH)).json()) as { residents: object[] };
    expect(body.residents.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/decoy|myNumber|\b\d{12}\b/i);
  });

  it("rejects a resident without a birth date with validation_failed", async () => {
    const { birthDate: _, ...rest } = SAMPLE_RESIDENT;
    const res = await postJson("/admin/residents", rest, ADMIN_AUTH);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/birthDate/);
  });

  it("revokes a certificate by serial with an RFC 5280 reason", async () => {
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const serial = resident.certificates.auth!.serialNumber;
    const res = await postJson(
      `/admin/certificates/${serial}/revoke`,
      { reason: "keyCompromise" },
      ADMIN_AUTH,
    );
    expect(res.status).toBe(200);
    const again = await postJson(
      `/admin/certificates/${serial}/revoke`,
      { reason: "keyCompromise" },
      ADMIN_AUTH,
    );
    expect(again.status).toBe(409);
  });

  it("refuses a reason outside RFC 5280", async () => {
    const res = await postJson(`/admin/certificates/${signSerial}/revoke`, { reason: "moved" }, ADMIN_AUTH);
    expect(res.status).toBe(400);
  });

  it("answers 404 resident_not_found for a move of an unknown resident", async () => {
    const res = await postJson("/admin/residents/res-none/move", { newAddress: "x" }, ADMIN_AUTH);
    expect(res.status).toBe(404);
  });

  it("reports verifier usage", async () => {
    const body = (await (await get("/admin/verifier-usage", ADMIN_AUTH)).json()) as { usage: unknown[] };
    expect(body.usage.length).toBeGreaterThan(0);
  });
});
