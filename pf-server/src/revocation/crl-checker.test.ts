import { randomBytes } from "node:crypto";
import { x509 } from "@catv/jpki/x509";
import { translateConnectionLoss } from "@catv/postgres";
import { createMemoryLogger } from "@catv/service-kit";
import { beforeAll, describe, expect, it } from "vitest";
import type { CrlDownload } from "../jlis-client/jlis-client.ts";
import { fail } from "../platform/errors.ts";
import type { AuditEntry, CertificateKind } from "../storage/repositories.ts";
import { type CrlChecker, createCrlChecker, type RegisteredCertificateRevocation } from "./crl-checker.ts";
import { chunksOf } from "./crl-loader.ts";
import { createTestCa, type PeculiarCrlOptions, peculiarCrl, type TestCa } from "./testing/crl-fixtures.ts";

let ca: TestCa;
let other: TestCa;
beforeAll(async () => {
  ca = await createTestCa();
  other = await createTestCa("C=JP, O=JPKI-TEST, OU=another CA");
}, 60_000);

const HOUR = 3600_000;
const DELTA_URL = "http://jlis.test/crl/auth-delta.crl";

/** A J-LIS stand-in serving whatever CRLs the test puts up, with ETags, and counting full downloads. */
function setUp(
  options: {
    registered?: string[];
    /** The database gone: audit writes and the recording of findings fail as a lost connection does. */
    databaseGone?: boolean;
  } = {},
) {
  const served: { full?: Uint8Array; delta?: Uint8Array; down?: boolean } = {};
  const downloads = { full: 0, delta: 0 };
  const audit: AuditEntry[] = [];
  const seen: RegisteredCertificateRevocation[] = [];
  const registered = new Map<string, "active" | "superseded" | "revoked">(
    (options.registered ?? []).map((serialHex) => [serialHex, "active"]),
  );
  let now = Date.now();
  const logger = createMemoryLogger("pf-server");
  const lostConnection = () =>
    Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
  const checker: CrlChecker = createCrlChecker({
    jlis: {
      async crlDownload(_kind, scope, ifNoneMatch): Promise<CrlDownload | "not-modified"> {
        const bytes = served[scope];
        if (served.down || !bytes) throw fail("revocation_unavailable", "J-LIS could not be reached.");
        const etag = `"${Buffer.from(bytes.subarray(-8)).toString("hex")}"`;
        if (ifNoneMatch === etag) return "not-modified";
        downloads[scope]++;
        return { etag, length: bytes.length, body: chunksOf(bytes, 1000) };
      },
    },
    anchors: { get: async () => ({ sign: [ca.certificate], auth: [ca.certificate], kenkaku: [] }) },
    clock: { now: () => new Date(now) },
    logger,
    registered: {
      async findCertificate(serialHex, kind) {
        const status = registered.get(serialHex);
        return status && { serialHex, kind, personId: "psn_1", notAfter: "", status, createdAt: "" };
      },
      async listUnrevokedCertificates(_kind, after, limit) {
        return [...registered.entries()]
          .filter(([serialHex, status]) => status !== "revoked" && serialHex > after)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .slice(0, limit)
          .map(([serialHex, status]) => ({ serialHex, status }));
      },
    },
    async recordRevocation(revocation) {
      if (options.databaseGone) throw lostConnection();
      seen.push(revocation);
      registered.set(revocation.serialHex, "revoked");
    },
    audit: async (entry) => {
      if (options.databaseGone) throw lostConnection();
      audit.push(entry);
    },
    // The translation the running PF gives (main.ts through build-context.ts).
    translateError: translateConnectionLoss,
    // Small test CRLs still go through the worker thread unless told otherwise.
    inThreadMaxBytes: 0,
  });
  const status = (serialHex: string, kind: CertificateKind = "auth") =>
    checker.check({
      kind,
      serialHex,
      now: new Date(now),
      certificate: undefined as unknown as x509.X509Certificate,
      issuer: undefined as unknown as x509.X509Certificate,
    });
  return {
    checker,
    served,
    downloads,
    audit,
    seen,
    status,
    errorLines: () =>
      logger.lines.filter((line) => line.includes('"level":"error"')).map((line) => JSON.parse(line)),
    advance(ms: number) {
      now += ms;
    },
    now: () => new Date(now),
  };
}

/** A full CRL that points to delta CRLs (the test then serves one too). */
const full = (options: Partial<PeculiarCrlOptions> & { crlNumber: number }) =>
  peculiarCrl(ca, { freshest: DELTA_URL, ...options });
/** A full CRL without a freshestCRL pointer: no delta is fetched for it. */
const fullOnly = (options: Partial<PeculiarCrlOptions> & { crlNumber: number }) => peculiarCrl(ca, options);
const entry = (serialNumber: string, reason?: x509.X509CrlReason) => ({
  serialNumber,
  revocationDate: new Date("2025-04-01T00:00:00Z"),
  ...(reason === undefined ? {} : { reason }),
});

describe("CRL checker", { timeout: 60_000 }, () => {
  it("finds a serial revoked in the full CRL and one revoked since in the delta CRL, and nothing else", async () => {
    const t = setUp();
    t.served.full = await full({ crlNumber: 10, entries: [entry("0a01", x509.X509CrlReason.keyCompromise)] });
    t.served.delta = await peculiarCrl(ca, { crlNumber: 11, deltaBase: 10, entries: [entry("0b02")] });
    await t.checker.refresh("auth");
    expect(await t.status("a01")).toEqual({
      status: "revoked",
      reason: "keyCompromise",
      revokedAt: "2025-04-01T00:00:00.000Z",
    });
    expect(await t.status("b02")).toMatchObject({ status: "revoked", reason: "unspecified" });
    expect(await t.status("c03")).toEqual({ status: "good" });
    expect(t.checker.describe("auth")?.delta?.baseCrlNumber).toBe(10n);
  });

  it("downloads nothing again while J-LIS answers 304 (If-None-Match)", async () => {
    const t = setUp();
    t.served.full = await full({ crlNumber: 1 });
    t.served.delta = await peculiarCrl(ca, { crlNumber: 2, deltaBase: 1 });
    await t.checker.refresh("auth");
    await t.checker.refresh("auth");
    expect(t.downloads).toEqual({ full: 1, delta: 1 });
  });

  it("a removeFromCRL entry in the delta makes a serial listed in the full CRL good again", async () => {
    const t = setUp();
    t.served.full = await full({
      crlNumber: 4,
      entries: [entry("0d04", x509.X509CrlReason.certificateHold)],
    });
    t.served.delta = await peculiarCrl(ca, {
      crlNumber: 5,
      deltaBase: 4,
      entries: [entry("0d04", x509.X509CrlReason.removeFromCRL)],
    });
    await t.checker.refresh("auth");
    expect(await t.status("d04")).toEqual({ status: "good" });
  });

  it("refuses a full CRL whose number goes backwards and keeps the one in use", async () => {
    const t = setUp();
    t.served.full = await fullOnly({ crlNumber: 20, entries: [entry("0e05")] });
    await t.checker.refresh("auth");
    t.served.full = await fullOnly({ crlNumber: 19 });
    await expect(t.checker.refresh("auth")).rejects.toMatchObject({ code: "crl_number_not_increasing" });
    expect(await t.status("e05")).toMatchObject({ status: "revoked" });
    expect(t.audit.at(-1)).toMatchObject({ outcome: "failure", code: "crl_number_not_increasing" });
  });

  it("refuses a delta CRL whose base CRL is not loaded", async () => {
    const t = setUp();
    t.served.full = await full({ crlNumber: 30 });
    t.served.delta = await peculiarCrl(ca, { crlNumber: 33, deltaBase: 32, entries: [entry("0f06")] });
    await expect(t.checker.refresh("auth")).rejects.toMatchObject({ code: "delta_base_not_loaded" });
    expect(await t.status("f06")).toEqual({ status: "good" });
  });

  it("applies a delta on an older base (RFC 5280 §5.2.4) but refuses one older than the full CRL", async () => {
    const t = setUp();
    t.served.full = await full({ crlNumber: 42 });
    t.served.delta = await peculiarCrl(ca, { crlNumber: 43, deltaBase: 40, entries: [entry("1107")] });
    await t.checker.refresh("auth");
    expect(await t.status("1107")).toMatchObject({ status: "revoked" });
    t.served.full = await full({ crlNumber: 44 });
    t.served.delta = await peculiarCrl(ca, { crlNumber: 41, deltaBase: 40 });
    await expect(t.checker.refresh("auth")).rejects.toMatchObject({ code: "crl_number_not_increasing" });
    // The new full CRL (44) replaced the old delta (43 < 44), and does not list 1107.
    expect(await t.status("1107")).toEqual({ status: "good" });
  });

  it("refuses a CRL signed by another key and keeps the last good one", async () => {
    const t = setUp();
    t.served.full = await fullOnly({ crlNumber: 50, entries: [entry("1208")] });
    await t.checker.refresh("auth");
    t.served.full = await fullOnly({ crlNumber: 51, signingKey: other.keys.privateKey });
    await expect(t.checker.refresh("auth")).rejects.toMatchObject({ code: "crl_signature_invalid" });
    expect(t.checker.describe("auth")?.full.crlNumber).toBe(50n);
  });

  it("refuses a delta CRL served as the full CRL", async () => {
    const t = setUp();
    t.served.full = await peculiarCrl(ca, { crlNumber: 61, deltaBase: 60 });
    await expect(t.checker.refresh("auth")).rejects.toMatchObject({ code: "crl_unexpected_delta" });
    expect(t.checker.describe("auth")).toBeUndefined();
  });

  it("refuses a CRL already past its nextUpdate", async () => {
    const t = setUp();
    t.served.full = await full({
      crlNumber: 70,
      thisUpdate: new Date(Date.now() - 3 * HOUR),
      nextUpdate: new Date(Date.now() - HOUR),
    });
    await expect(t.checker.refresh("auth")).rejects.toMatchObject({ code: "crl_stale" });
  });

  it("keeps answering from the last good CRL while J-LIS is down, until its nextUpdate, then fails closed", async () => {
    const t = setUp();
    t.served.full = await fullOnly({ crlNumber: 80, nextUpdate: new Date(Date.now() + HOUR) });
    await t.checker.refresh("auth");
    t.served.down = true;
    t.advance(HOUR - 60_000);
    expect(await t.status("1309")).toEqual({ status: "good" });
    t.advance(120_000);
    await expect(t.status("1309")).rejects.toMatchObject({ code: "revocation_unavailable" });
  });

  it("hands each registered certificate a new CRL revokes to the callback, once", async () => {
    const t = setUp({ registered: ["1410", "1511", "1612"] });
    t.served.full = await full({ crlNumber: 90, entries: [entry("1410", x509.X509CrlReason.superseded)] });
    t.served.delta = await peculiarCrl(ca, { crlNumber: 91, deltaBase: 90 });
    await t.checker.refresh("auth");
    expect(t.seen).toEqual([
      {
        serialHex: "1410",
        kind: "auth",
        reason: "superseded",
        revokedAt: "2025-04-01T00:00:00.000Z",
        source: "crl",
      },
    ]);
    t.served.delta = await peculiarCrl(ca, {
      crlNumber: 92,
      deltaBase: 90,
      entries: [entry("1511", x509.X509CrlReason.keyCompromise), entry(randomBytes(16).toString("hex"))],
    });
    await t.checker.refresh("auth");
    expect(t.seen.map((s) => s.serialHex)).toEqual(["1410", "1511"]);
    t.served.full = await full({ crlNumber: 93, entries: [entry("1410"), entry("1511")] });
    t.served.delta = await peculiarCrl(ca, { crlNumber: 94, deltaBase: 93 });
    await t.checker.refresh("auth");
    expect(t.seen).toHaveLength(2);
  });

  it("logs a failed audit write and a failed recording of a finding by their cause when the database is gone", async () => {
    const t = setUp({ registered: ["1713"], databaseGone: true });
    t.served.full = await fullOnly({ crlNumber: 100, entries: [entry("1713")] });
    await t.checker.refresh("auth");
    // The CRL is in use all the same: only the writes about it failed.
    expect(await t.status("1713")).toMatchObject({ status: "revoked" });
    const lines = t.errorLines();
    expect(lines.map((line) => line.msg)).toEqual([
      "audit write failed",
      "recording a CRL revocation failed",
    ]);
    for (const line of lines) {
      expect(line).toMatchObject({ error: "ServiceUnavailableError", code: "service_unavailable" });
      expect(JSON.stringify(line)).not.toContain("administrator command");
    }
  });
});
