/**
 * An installation from before the key ring: its database holds the signing key as a plaintext JWK. After the
 * PF starts on it, the key is in the key store under the same kid, tokens it signed still verify, and the
 * database file no longer contains the private key.
 */
import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "@catv/service-kit";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildContext } from "../build-context.ts";
import { createJlisClient } from "../jlis-client/jlis-client.ts";
import { createSqliteStore } from "../storage/sqlite/sqlite-store.ts";
import { LEGACY_SIGNING_KEY } from "./move-legacy-signing-key.ts";
import { openSigningKeys, signingKeyEnvSchema } from "./open-signing-keys.ts";

let dataDir: string;
let legacy: { kid: string; d: string; token: string };
let ctx: Awaited<ReturnType<typeof buildContext>>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "pf-legacy-key-"));
  const dbPath = join(dataDir, "pf.sqlite");
  // What the PF wrote before: { kid, jwk } with the private `d`, in key_values.
  const before = createSqliteStore(dbPath);
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = "pf-0123456789ab";
  await before.keyValues.putIfAbsent(LEGACY_SIGNING_KEY, JSON.stringify({ kid, jwk }));
  const iat = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ sid: "ses-1", acr: "urn:catv:acr:pin", op: "op-a", tid: "stb-1" })
    .setProtectedHeader({ alg: "ES256", kid, typ: "at+jwt" })
    .setIssuer("http://pf.test")
    .setAudience("catv-pf-tv")
    .setSubject("cable-1")
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .sign(privateKey);
  before.close();
  legacy = { kid, d: String(jwk.d), token };

  const settings = signingKeyEnvSchema.parse({ PF_SIGNING_KEY_STORE: "file" });
  ctx = await buildContext({
    store: createSqliteStore(dbPath),
    jlis: createJlisClient({ baseUrl: "http://127.0.0.1:9", verifierId: "v", verifierSecret: "s" }),
    logger: silentLogger,
    issuer: "http://pf.test",
    signingKeys: openSigningKeys(settings, dataDir),
  });
});
afterAll(async () => {
  ctx.signingKeys.close();
  ctx.store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("moving the signing key out of the database", () => {
  it("publishes the moved key under its old kid, goes on signing with it, and pre-publishes its successor", async () => {
    const kids = ctx.tokens.jwks(new Date()).keys.map((k) => k.kid);
    expect(kids).toHaveLength(2);
    expect(kids[0]).toBe(legacy.kid);
    const fresh = await ctx.tokens.signAccessToken(
      { sub: "cable-2", sid: "ses-2", acr: "urn:catv:acr:pin", op: "op-a", tid: "stb-1" },
      new Date(),
    );
    expect(JSON.parse(Buffer.from(fresh.split(".")[0] ?? "", "base64url").toString()).kid).toBe(legacy.kid);
  });

  it("accepts access tokens the key signed while it was in the database", async () => {
    await expect(ctx.tokens.verifyAccessToken(legacy.token, new Date())).resolves.toMatchObject({
      sid: "ses-1",
    });
  });

  it("removes the key from the database and keeps it in a file only its owner can read", async () => {
    expect(await ctx.store.keyValues.get(LEGACY_SIGNING_KEY)).toBeUndefined();
    const keyFile = join(dataDir, "keys", "signing", `${legacy.kid}.jwk.json`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, "utf8")).toContain(legacy.d);
  });

  it("leaves no copy of the private key in the database file", async () => {
    const db = new (await import("better-sqlite3")).default(join(dataDir, "pf.sqlite"));
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.exec("VACUUM");
    db.close();
    expect(readFileSync(join(dataDir, "pf.sqlite")).includes(Buffer.from(legacy.d))).toBe(false);
  });
});
