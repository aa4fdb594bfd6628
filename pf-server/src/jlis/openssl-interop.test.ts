/**
 * Interoperability with openssl (issue 3 "Done when"): `openssl verify` accepts every issued chain,
 * `openssl crl` verifies the CRLs, and `openssl ocsp` against the running responder reports good, then revoked
 * with the reason, with a verified response signature. openssl 3 sends the verifier credential with
 * `-header Authorization=Basic…`, so no proxy is needed.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCard } from "./domain/issue-card.ts";
import { revokeCertificate } from "./domain/revoke-certificate.ts";
import { SAMPLE_RESIDENT, startTestService, VERIFIER_AUTH } from "./testing/test-service.ts";

let service: Awaited<ReturnType<typeof startTestService>>;
let server: ReturnType<typeof serve>;
let baseUrl: string;
const dir = mkdtempSync(join(tmpdir(), "jlis-openssl-"));

const openssl = (...args: string[]) => {
  try {
    return execFileSync("openssl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`openssl ${args[0]} failed: ${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
};
/** Asynchronous, so the responder in this same process can answer while openssl waits. */
const opensslWithStderr = (...args: string[]) =>
  new Promise<string>((resolve) => {
    execFile("openssl", args, { encoding: "utf8", timeout: 20_000 }, (_error, stdout, stderr) =>
      resolve(`${stdout}${stderr}`),
    );
  });

function pem(b64: string) {
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;
}
function writeCertificates(card: { cardImagePath: string }, name: string) {
  const image = JSON.parse(readFileSync(card.cardImagePath, "utf8"));
  const files = {
    sign: join(dir, `${name}-sign.pem`),
    auth: join(dir, `${name}-auth.pem`),
    signCa: join(dir, "sign-ca.pem"),
    authCa: join(dir, "auth-ca.pem"),
  };
  writeFileSync(files.sign, pem(image.jpki.signCertificate));
  writeFileSync(files.auth, pem(image.jpki.authCertificate));
  writeFileSync(files.signCa, pem(image.jpki.signCaCertificate));
  writeFileSync(files.authCa, pem(image.jpki.authCaCertificate));
  return files;
}

function ocsp(ca: string, cert: string) {
  return opensslWithStderr(
    "ocsp",
    "-issuer",
    ca,
    "-cert",
    cert,
    "-url",
    `${baseUrl}/ocsp`,
    "-header",
    `Authorization=${VERIFIER_AUTH}`,
    "-CAfile",
    ca,
  );
}

beforeAll(async () => {
  service = await startTestService();
  await new Promise<void>((resolve) => {
    server = serve({ fetch: service.app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  service.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("openssl interoperability", { timeout: 60_000 }, () => {
  it("openssl verify accepts the signature and user-authentication chains", async () => {
    const files = writeCertificates(await issueCard(service.ctx, SAMPLE_RESIDENT), "a");
    expect(openssl("verify", "-CAfile", files.signCa, files.sign)).toContain(": OK");
    expect(openssl("verify", "-CAfile", files.authCa, "-purpose", "sslclient", files.auth)).toContain(": OK");
  });

  it("openssl verify accepts the delegated OCSP responder certificates", () => {
    for (const type of ["sign", "auth"] as const) {
      const ca = join(dir, `${type}-ca-direct.pem`);
      const responder = join(dir, `${type}-responder.pem`);
      writeFileSync(ca, pem(Buffer.from(service.ctx.cas[type].certificate.rawData).toString("base64")));
      writeFileSync(
        responder,
        pem(Buffer.from(service.ctx.cas[type].ocsp.certificate.rawData).toString("base64")),
      );
      expect(openssl("verify", "-CAfile", ca, "-purpose", "ocsphelper", responder)).toContain(": OK");
    }
  });

  it("openssl crl verifies both CRLs with their CA", async () => {
    const files = writeCertificates(await issueCard(service.ctx, SAMPLE_RESIDENT), "b");
    for (const [type, ca] of [
      ["sign", files.signCa],
      ["auth", files.authCa],
    ] as const) {
      const res = await fetch(`${baseUrl}/crl/${type}.crl`, { headers: { authorization: VERIFIER_AUTH } });
      const crlPath = join(dir, `${type}.crl`);
      writeFileSync(crlPath, Buffer.from(await res.arrayBuffer()));
      const out = await opensslWithStderr(
        "crl",
        "-inform",
        "DER",
        "-in",
        crlPath,
        "-CAfile",
        ca,
        "-noout",
        "-text",
      );
      expect(out).toContain("verify OK");
      expect(out).toMatch(/CRL Number:\s*\n\s*\d+/);
      expect(out).toContain("Next Update:");
    }
  });

  it("openssl ocsp reports good, then revoked with the reason after revocation", async () => {
    const card = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const files = writeCertificates(card, "c");
    const good = await ocsp(files.signCa, files.sign);
    expect(good).toContain("Response verify OK");
    expect(good).toContain(`${files.sign}: good`);
    expect(good).toContain("Next Update:");

    await revokeCertificate(service.ctx, card.resident.certificates.sign!.serialNumber, "keyCompromise");
    const revoked = await ocsp(files.signCa, files.sign);
    expect(revoked).toContain("Response verify OK");
    expect(revoked).toContain(`${files.sign}: revoked`);
    expect(revoked).toContain("Reason: keyCompromise");
  });

  it("openssl ocsp gets the user-authentication certificate's status from the other responder", async () => {
    const files = writeCertificates(await issueCard(service.ctx, SAMPLE_RESIDENT), "d");
    const out = await ocsp(files.authCa, files.auth);
    expect(out).toContain("Response verify OK");
    expect(out).toContain(`${files.auth}: good`);
  });

  it("openssl's OCSP request without the verifier credential is refused", async () => {
    const files = writeCertificates(await issueCard(service.ctx, SAMPLE_RESIDENT), "e");
    const out = await opensslWithStderr(
      "ocsp",
      "-issuer",
      files.signCa,
      "-cert",
      files.sign,
      "-url",
      `${baseUrl}/ocsp`,
    );
    expect(out).toMatch(/401|Error/i);
  });
});
