/**
 * A rotation as providers see it: the PF's JWKS served by its real route, assertions verified by provider-kit's
 * verifier with a remote JWKS that refetches on an unknown `kid` (as every provider's does), keys in 0600 files
 * and the ring file of a data directory. The PF's clock is moved; the verifier runs on real time, which the
 * assertions' expiry (a minute) does not reach.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eligibilityAssertionClaimsSchema } from "@catv/contracts";
import { createAssertionVerifier } from "@catv/provider-kit";
import { silentLogger } from "@catv/service-kit";
import { type ServerType, serve } from "@hono/node-server";
import { createRemoteJWKSet, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildContext } from "../build-context.ts";
import { createApp } from "../http/app.ts";
import { createJlisClient } from "../jlis-client/jlis-client.ts";
import { createSqliteStore } from "../storage/sqlite/sqlite-store.ts";
import { TestClock } from "../testing/pf-harness.ts";
import { openFileKeyStore } from "./file-key-store.ts";
import { openRingFile } from "./key-ring-file.ts";
import { createSigningKeyRing, type RotationPolicy, type SigningKeyRing } from "./signing-key-ring.ts";

const HOUR = 3600_000;
const policy: RotationPolicy = {
  rotateAfterSeconds: 30 * 86400,
  prepublishSeconds: 3600,
  maxTokenLifetimeSeconds: 660,
};

let dataDir: string;
let server: ServerType;
let jwksUrl: URL;
let keys: SigningKeyRing;
const clock = new TestClock();
let ctx: Awaited<ReturnType<typeof buildContext>>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "pf-rotation-"));
  keys = createSigningKeyRing({
    store: openFileKeyStore(join(dataDir, "keys", "signing")),
    ring: openRingFile(join(dataDir, "keys", "signing-keys.json")),
    policy,
  });
  ctx = await buildContext({
    store: createSqliteStore(":memory:"),
    // Never called here: only tokens and the JWKS route are exercised.
    jlis: createJlisClient({ baseUrl: "http://127.0.0.1:9", verifierId: "v", verifierSecret: "s" }),
    logger: silentLogger,
    issuer: "http://pf.test",
    clock,
    signingKeys: keys,
  });
  const app = createApp(ctx, { adminToken: "admin-token-for-rotation-test", tvOrigins: ["http://tv.test"] });
  const url = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
  jwksUrl = new URL(`${url}/.well-known/jwks.json`);
});
afterAll(async () => {
  server.close();
  keys.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A provider as provider-kit builds one; its JWKS cache refetches at once on an unknown kid. */
const provider = () =>
  createAssertionVerifier({
    pfUrl: "http://pf.test",
    providerId: "prov-rotation",
    // jose waits 30 s between refetches by default; a test cannot wait, and in service the pre-publication
    // period (an hour by default) is far longer than both that pause and the 10-minute cache.
    keys: createRemoteJWKSet(jwksUrl, { cooldownDuration: 0 }),
  });
const assertion = () =>
  ctx.tokens.signProviderAssertion(
    {
      providerId: "prov-rotation",
      pairwiseId: ctx.tokens.pairwiseId("prov-rotation", "cable-1"),
      acr: "urn:catv:acr:pin",
      serviceId: "svc-1",
      siteKind: "remote",
    },
    clock.now(),
  );
const kidOf = (jws: string) => decodeProtectedHeader(jws).kid;
const publishedKids = async () =>
  ((await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);

describe("signing-key rotation seen by providers", () => {
  it("verifies at a provider assertions signed before and after a rotation, the new key fetched by its kid", async () => {
    clock.offsetMs = 0;
    const verify = provider();
    const before = await assertion();
    await expect(verify(before)).resolves.toMatchObject({ svc: "svc-1" });

    const report = await keys.maintain(clock.now(), { forceRotation: true });
    expect(report.created).toBeDefined();
    // Published at once, not yet signing.
    expect(await publishedKids()).toEqual([kidOf(before), report.created?.kid]);
    expect(kidOf(await assertion())).toBe(kidOf(before));

    clock.offsetMs = HOUR + 1000;
    const after = await assertion();
    expect(kidOf(after)).toBe(report.created?.kid);
    await expect(verify(after)).resolves.toMatchObject({ svc: "svc-1" });
    // A provider started after the switch still verifies what the old key signed shortly before.
    clock.offsetMs = HOUR - 1000;
    const lastOfOld = await assertion();
    expect(kidOf(lastOfOld)).toBe(kidOf(before));
    clock.offsetMs = HOUR + 1000;
    await expect(provider()(lastOfOld)).resolves.toMatchObject({ svc: "svc-1" });
  });

  it("signs an insurer's eligibility assertion with the ring's signing key, verified by the insurer with the JWKS", async () => {
    const [signingKid] = await publishedKids();
    clock.offsetMs = 0;
    const signing = kidOf(await assertion());
    const eligibility = await ctx.tokens.signEligibilityAssertion(
      {
        aud: "ins-rotation",
        sub: "K7QX-2M4P-9T3B-8N5W",
        acr: "urn:catv:acr:pinless",
        requestId: "req-rotation-0001",
        qualificationConfirmationDate: "2026-12-02",
        medicalInstitutionCode: "1312345678",
        limitApplicationCertificateConsent: false,
        siteKind: "in-person",
      },
      clock.now(),
    );
    expect(kidOf(eligibility)).toBe(signing);
    expect(signingKid).toBe(signing);
    const insurer = createAssertionVerifier({
      pfUrl: "http://pf.test",
      providerId: "ins-rotation",
      keys: createRemoteJWKSet(jwksUrl, { cooldownDuration: 0 }),
      claimsSchema: eligibilityAssertionClaimsSchema,
    });
    await expect(insurer(eligibility)).resolves.toMatchObject({
      svc: "medical-eligibility",
      aud: "ins-rotation",
    });
    // The key is the ring's: nothing of it is in the database.
    expect(await ctx.store.keyValues.get("pf.signing-key.v1")).toBeUndefined();
  });

  it("accepts the PF's own access tokens signed by the replaced key until they expire", async () => {
    clock.offsetMs = HOUR - 1000;
    const token = await ctx.tokens.signAccessToken(
      { sub: "cable-1", sid: "ses-1", acr: "urn:catv:acr:pin", op: "op-a", tid: "stb-1" },
      clock.now(),
    );
    clock.offsetMs = HOUR + 60_000;
    await expect(ctx.tokens.verifyAccessToken(token, clock.now())).resolves.toMatchObject({ sid: "ses-1" });
  });

  it("unpublishes the replaced key once nothing it signed can be accepted, and destroys its private half", async () => {
    const [oldKid, newKid] = await publishedKids();
    clock.offsetMs = HOUR + (policy.maxTokenLifetimeSeconds - 60) * 1000;
    expect((await keys.maintain(clock.now())).removed).toEqual([]);
    clock.offsetMs = HOUR + (policy.maxTokenLifetimeSeconds + 1) * 1000;
    const report = await keys.maintain(clock.now());
    expect(report.removed).toEqual([oldKid]);
    expect(await publishedKids()).toEqual([newKid]);
    expect(existsSync(join(dataDir, "keys", "signing", `${oldKid}.jwk.json`))).toBe(false);
  });

  it("rotates by itself once the signing key has signed for the rotation period", async () => {
    const [signingKid] = await publishedKids();
    clock.offsetMs = HOUR + (policy.rotateAfterSeconds - 60) * 1000;
    expect((await keys.maintain(clock.now())).created).toBeUndefined();
    clock.offsetMs = HOUR + policy.rotateAfterSeconds * 1000 + 1000;
    const at = clock.now();
    const report = await keys.maintain(at);
    expect(report.created?.activatesAt).toBe(new Date(at.getTime() + HOUR).toISOString());
    expect(report.signing).toBe(signingKid);
  });

  it("keeps private keys in files only their owner can read", async () => {
    const { statSync, readdirSync } = await import("node:fs");
    const dir = join(dataDir, "keys", "signing");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
  });
});
