/**
 * The simulator's full and delta CRLs as verifiers see them over HTTP: openssl reads and verifies both, the delta
 * names its base, the bytes are the same on every request, conditional GETs answer 304, and the PF's streaming
 * parser finds exactly the synthetic population the seeded generator drew.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunksOf, crlAnchorOf, loadCrlHere } from "../revocation/crl-loader.ts";
import { issueCard } from "./domain/issue-card.ts";
import { publishCrl } from "./domain/publish-crl.ts";
import { revokeCertificate } from "./domain/revoke-certificate.ts";
import { SyntheticRevocationCursor } from "./domain/synthetic-revocations.ts";
import { SAMPLE_RESIDENT, startTestService, VERIFIER_AUTH } from "./testing/test-service.ts";

const SYNTHETIC = { count: 3000, seed: "crl-publication-test" };
let service: Awaited<ReturnType<typeof startTestService>>;
let server: ReturnType<typeof serve>;
let baseUrl: string;
const dir = mkdtempSync(join(tmpdir(), "jlis-crl-"));

beforeAll(async () => {
  service = await startTestService({ syntheticRevocations: SYNTHETIC });
  baseUrl = await new Promise<string>((resolve) => {
    server = serve({ fetch: service.app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
}, 60_000);
afterAll(() => {
  server.close();
  service.dispose();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}${path}`, { headers: { authorization: VERIFIER_AUTH, ...headers } });
const bytesOf = async (path: string) => new Uint8Array(await (await get(path)).arrayBuffer());

const pem = (der: ArrayBuffer) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;

/** `openssl crl -inform DER -noout -text`, verifying against the CA too. */
function opensslCrlText(der: Uint8Array, type: "sign" | "auth") {
  const crlPath = join(dir, `${type}-${Date.now()}-${Math.random()}.crl`);
  const caPath = join(dir, `${type}-ca.pem`);
  writeFileSync(crlPath, der);
  writeFileSync(caPath, pem(service.ctx.cas[type].certificate.rawData));
  return new Promise<string>((resolve) => {
    execFile(
      "openssl",
      ["crl", "-inform", "DER", "-in", crlPath, "-CAfile", caPath, "-noout", "-text"],
      { encoding: "utf8", maxBuffer: 64 << 20 },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`),
    );
  });
}

describe("the simulator's CRLs", { timeout: 60_000 }, () => {
  it("openssl reads and verifies the full CRL: CRL number, freshest-CRL pointer, every synthetic entry", async () => {
    const out = await opensslCrlText(await bytesOf("/crl/auth.crl"), "auth");
    expect(out).toContain("verify OK");
    expect(out).toMatch(/X509v3 CRL Number:\s*\n\s*\d+/);
    expect(out).toMatch(
      /X509v3 Freshest CRL:\s*\n\s*Full Name:\s*\n\s*URI:http:\/\/127\.0\.0\.1:7010\/crl\/auth-delta\.crl/,
    );
    expect(out.match(/Serial Number: /g)).toHaveLength(SYNTHETIC.count);
    expect(out).toContain("X509v3 CRL Reason Code:");
  });

  it("after a revocation, openssl reads and verifies a delta CRL that names the full CRL's number and lists the serial", async () => {
    const full = (await service.ctx.repo.latestCrl("sign", "full"))!;
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const serial = resident.certificates.sign!.serialNumber;
    await revokeCertificate(service.ctx, serial, "keyCompromise");
    const out = await opensslCrlText(await bytesOf("/crl/sign-delta.crl"), "sign");
    expect(out).toContain("verify OK");
    expect(out).toMatch(new RegExp(`X509v3 Delta CRL Indicator: critical\\s*\\n\\s*${full.crlNumber}\\b`));
    expect(out).toContain(`Serial Number: ${serial.toUpperCase()}`);
    expect(out).toContain("Key Compromise");
    expect(out.match(/Serial Number: /g)).toHaveLength(1);
  });

  it("gives the same bytes for the same CRL on every request", async () => {
    const first = await bytesOf("/crl/sign.crl");
    const second = await bytesOf("/crl/sign.crl");
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it("answers 304 to a conditional request for the CRL the verifier has, and the new one once published", async () => {
    const res = await get("/crl/auth.crl");
    const etag = res.headers.get("etag") ?? "";
    await res.arrayBuffer();
    expect(etag).toMatch(/^"auth-full-\d+"$/);
    expect((await get("/crl/auth.crl", { "if-none-match": etag })).status).toBe(304);
    await publishCrl(service.ctx, "auth", "full");
    const renewed = await get("/crl/auth.crl", { "if-none-match": etag });
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get("etag")).not.toBe(etag);
    expect(Number(renewed.headers.get("content-length"))).toBe((await renewed.arrayBuffer()).byteLength);
  });

  it("numbers full and delta CRLs in one strictly increasing sequence per CA", async () => {
    const numbers: number[] = [];
    for (const scope of ["full", "delta", "delta", "full", "delta"] as const)
      numbers.push((await publishCrl(service.ctx, "sign", scope)).crlNumber);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it("the PF's streaming parser finds every synthetic serial the generator drew, with its date and reason", async () => {
    const ca = service.ctx.cas.sign.certificate;
    const crl = await loadCrlHere(chunksOf(await bytesOf("/crl/sign.crl"), 10_000), [
      crlAnchorOf(new Uint8Array(ca.rawData), new Uint8Array(ca.publicKey.rawData)),
    ]);
    const cursor = new SyntheticRevocationCursor("sign", {
      seed: SYNTHETIC.seed,
      asOfSeconds: Math.floor(ca.notBefore.getTime() / 1000),
    });
    for (let i = 0; i < SYNTHETIC.count; i++) {
      cursor.next();
      const position = crl.index.findBytes(cursor.serial);
      expect(position).toBeGreaterThanOrEqual(0);
      expect(crl.index.revokedAtSecondsAt(position)).toBe(cursor.revokedAtSeconds);
      expect(crl.index.reasonAt(position)).toBe(cursor.reason);
    }
    expect(crl.info.freshestCrl).toEqual(["http://127.0.0.1:7010/crl/sign-delta.crl"]);
  });
});
