/**
 * @module The PF's signing keys over time, and rotation. A new key is published in the JWKS `prepublishSeconds`
 * before it signs, so every provider's cached JWKS has it by then (RFC 7517 §5: a verifier picks the key by
 * `kid`); the key it replaces signs until then and stays published until every token it signed has expired
 * (`maxTokenLifetimeSeconds` after its successor took over), then its private half is destroyed. The key that
 * signs at an instant is the one with the latest `activatesAt` not after it, so a pre-published key starts
 * signing on time in every process without a message between them.
 */
import { randomBytes } from "node:crypto";
import { compactVerify, createLocalJWKSet, importJWK, type JWK, type JWTVerifyGetKey } from "jose";
import type { RingFile, RingKey } from "./key-ring-file.ts";
import { type PrivateKeyStore, publicJwkOf } from "./key-store.ts";

export interface RotationPolicy {
  /** A key signs this long before its successor is made (PF_KEY_ROTATION_DAYS). */
  rotateAfterSeconds: number;
  /** A new key is in the JWKS this long before it signs (PF_KEY_PREPUBLISH_SECONDS). */
  prepublishSeconds: number;
  /** The longest life of anything the PF signs, plus the verifiers' clock tolerance. */
  maxTokenLifetimeSeconds: number;
}

export interface MaintenanceReport {
  created?: { kid: string; activatesAt: string };
  removed: string[];
  signing: string;
  published: string[];
}

export interface SigningKeyRing {
  readonly storeKind: PrivateKeyStore["kind"];
  /** Signs `claims` as a compact JWS with the key that signs at `now`. */
  signJwt(claims: Record<string, unknown>, typ: string, now: Date): Promise<string>;
  /** The keys a verifier must know at `now`: the signing one, a pre-published one, and retired ones still needed. */
  jwks(now: Date): { keys: JWK[] };
  /** The published keys as a jose key source (the PF verifies its own access tokens and receipts with it). */
  verificationKeys(now: Date): JWTVerifyGetKey;
  /**
   * Makes the first key, rotates when the signing key is due (or at once with `forceRotation`, unless a successor
   * is already waiting), and removes keys no token still needs.
   */
  maintain(now: Date, options?: { forceRotation?: boolean }): Promise<MaintenanceReport>;
  /** Takes in a plaintext private JWK that signed until now (the key once kept in the database). */
  adopt(kid: string, privateJwk: JWK, now: Date): Promise<void>;
  /**
   * Signs a probe with the key that signs at `now` and verifies it with that key's published JWK: proves the
   * store still holds the private half (after a restore, a token move, a PIN change). Answers the kid.
   */
  checkSigningKey(now: Date): Promise<string>;
  /** Re-reads the ring when another process (npm run rotate-keys) changed it. */
  reload(): void;
  close(): void;
}

const byActivation = (a: RingKey, b: RingKey) =>
  a.activatesAt === b.activatesAt
    ? a.createdAt.localeCompare(b.createdAt)
    : a.activatesAt.localeCompare(b.activatesAt);

/** The key that signs at `now`. */
export function signingKeyAt(keys: readonly RingKey[], now: Date): RingKey | undefined {
  const iso = now.toISOString();
  return [...keys]
    .sort(byActivation)
    .filter((k) => k.activatesAt <= iso)
    .at(-1);
}

/** When `key` may leave the JWKS: its successor's activation plus the longest token life; never while it signs. */
export function unpublishAt(
  key: RingKey,
  keys: readonly RingKey[],
  policy: RotationPolicy,
): Date | undefined {
  const successor = [...keys].sort(byActivation).find((k) => byActivation(k, key) > 0);
  if (!successor) return undefined;
  return new Date(Date.parse(successor.activatesAt) + policy.maxTokenLifetimeSeconds * 1000);
}

export function publishedKeysAt(keys: readonly RingKey[], now: Date, policy: RotationPolicy): RingKey[] {
  return keys.filter((key) => {
    const until = unpublishAt(key, keys, policy);
    return until === undefined || until > now;
  });
}

export const newKid = (now: Date) =>
  `pf-${now.toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(4).toString("hex")}`;

export function createSigningKeyRing(options: {
  store: PrivateKeyStore;
  ring: RingFile;
  policy: RotationPolicy;
}): SigningKeyRing {
  const { store, ring, policy } = options;
  let current = ring.read();
  let verifier: { version: string; at: number; keys: JWTVerifyGetKey } | undefined;

  const published = (now: Date) => publishedKeysAt(current.keys, now, policy);
  const reload = () => {
    const latest = ring.read();
    if (latest.version !== current.version) current = latest;
  };

  return {
    storeKind: store.kind,
    async signJwt(claims, typ, now) {
      const key = signingKeyAt(current.keys, now);
      if (!key) throw new Error("the PF has no signing key yet (maintain() makes the first)");
      const payload = Buffer.from(JSON.stringify(claims), "utf8");
      return store.signJws(key.kid, { alg: "ES256", kid: key.kid, typ }, payload);
    },
    jwks: (now) => ({ keys: published(now).map((k) => k.publicJwk) }),
    verificationKeys(now) {
      // Rebuilt when the ring changes or a minute passes (a retired key leaves on time).
      const minute = Math.floor(now.getTime() / 60_000);
      if (!verifier || verifier.version !== current.version || verifier.at !== minute) {
        verifier = {
          version: current.version,
          at: minute,
          keys: createLocalJWKSet({ keys: published(now).map((k) => k.publicJwk) }),
        };
      }
      return verifier.keys;
    },
    async maintain(now, maintainOptions = {}) {
      const report: MaintenanceReport = { removed: [], signing: "", published: [] };
      const keys = await ring.update(async (keys) => {
        let next = [...keys];
        const iso = now.toISOString();
        const signing = signingKeyAt(next, now);
        const waiting = next.find((k) => k.activatesAt > iso);
        const due =
          signing !== undefined &&
          now.getTime() - Date.parse(signing.activatesAt) >= policy.rotateAfterSeconds * 1000;
        // A key of another store (the configuration moved from files to a token) cannot sign here any more.
        const unusable = signing !== undefined && signing.store !== store.kind;
        if (!signing || unusable || (!waiting && (due || maintainOptions.forceRotation))) {
          // The very first key signs at once: nothing signed by the PF exists that a verifier must keep trusting;
          // so does the successor of an unusable key, which stays published for what it signed.
          const activatesAt =
            signing && !unusable ? new Date(now.getTime() + policy.prepublishSeconds * 1000) : now;
          const kid = newKid(now);
          const publicJwk = await store.generate(kid);
          next.push({
            kid,
            store: store.kind,
            publicJwk,
            createdAt: iso,
            activatesAt: activatesAt.toISOString(),
          });
          report.created = { kid, activatesAt: activatesAt.toISOString() };
        }
        const keep = publishedKeysAt(next, now, policy);
        for (const key of next.filter((k) => !keep.includes(k))) {
          if (key.store === store.kind) await store.destroy(key.kid);
          report.removed.push(key.kid);
        }
        next = keep;
        return next;
      });
      current = ring.read();
      report.signing = signingKeyAt(keys, now)?.kid ?? "";
      report.published = publishedKeysAt(keys, now, policy).map((k) => k.kid);
      return report;
    },
    async adopt(kid, privateJwk, now) {
      await ring.update(async (keys) => {
        if (keys.some((k) => k.kid === kid)) return keys;
        if (!(await store.has(kid))) await store.importPrivateJwk(kid, privateJwk);
        const iso = now.toISOString();
        const publicJwk = publicJwkOf(privateJwk, kid);
        // It was signing until now: it goes on signing, so tokens and providers' caches carry over unchanged.
        return [...keys, { kid, store: store.kind, publicJwk, createdAt: iso, activatesAt: iso }];
      });
      current = ring.read();
    },
    async checkSigningKey(now) {
      const key = signingKeyAt(current.keys, now);
      if (!key) throw new Error("the PF has no signing key");
      const probe = await store.signJws(key.kid, { alg: "ES256", kid: key.kid }, Buffer.from("probe"));
      await compactVerify(probe, await importJWK(key.publicJwk, "ES256"));
      return key.kid;
    },
    reload,
    close: () => store.close(),
  };
}
