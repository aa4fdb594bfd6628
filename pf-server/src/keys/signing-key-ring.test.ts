import { compactVerify, createLocalJWKSet } from "jose";
import { describe, expect, it } from "vitest";
import { openMemoryKeyStore } from "./file-key-store.ts";
import { memoryRingFile } from "./key-ring-file.ts";
import { createSigningKeyRing, signingKeyAt } from "./signing-key-ring.ts";

const policy = { rotateAfterSeconds: 30 * 86400, prepublishSeconds: 3600, maxTokenLifetimeSeconds: 660 };

describe("the signing-key ring", () => {
  it("makes a first key that signs at once", async () => {
    const keys = createSigningKeyRing({ store: openMemoryKeyStore(), ring: memoryRingFile(), policy });
    const now = new Date();
    const report = await keys.maintain(now);
    expect(report.created?.activatesAt).toBe(now.toISOString());
    expect(report.signing).toBe(report.created?.kid);
  });

  it("replaces at once a signing key kept in another store, and keeps it published for what it signed", async () => {
    const ring = memoryRingFile();
    const now = new Date();
    const elsewhere = {
      kid: "pf-file-key",
      store: "file" as const,
      publicJwk: { kty: "EC", crv: "P-256", x: "x", y: "y", kid: "pf-file-key" },
      createdAt: new Date(now.getTime() - 86400_000).toISOString(),
      activatesAt: new Date(now.getTime() - 86400_000).toISOString(),
    };
    await ring.update(async () => [elsewhere]);
    const keys = createSigningKeyRing({ store: openMemoryKeyStore(), ring, policy });
    const report = await keys.maintain(now);
    expect(report.created?.activatesAt).toBe(now.toISOString());
    expect(signingKeyAt(ring.read().keys, now)?.kid).toBe(report.created?.kid);
    expect(report.published).toEqual(["pf-file-key", report.created?.kid]);
    const token = await keys.signJwt({ sub: "x" }, "JWT", now);
    const jwks = createLocalJWKSet({ keys: keys.jwks(now).keys.filter((k) => k.kid !== "pf-file-key") });
    await expect(compactVerify(token, jwks)).resolves.toBeDefined();
  });
});
