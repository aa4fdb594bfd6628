import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { PfStore } from "../storage/repositories.ts";
import { createSqliteStore } from "../storage/sqlite/sqlite-store.ts";
import { createMemoryOcspCache, createSharedOcspCache } from "./ocsp-cache.ts";

const at = (iso: string) => new Date(iso);
const revoked = {
  status: "revoked" as const,
  reason: "keyCompromise",
  revokedAt: "2026-01-01T00:00:00.000Z",
};

describe("OCSP answer cache", { timeout: 60_000 }, () => {
  it("keeps an answer until its nextUpdate, by the caller's clock, and not after", async () => {
    const cache = createMemoryOcspCache();
    await cache.set("auth:ab", revoked, at("2026-05-01T00:10:00Z"), at("2026-05-01T00:00:00Z"));
    expect(await cache.get("auth:ab", at("2026-05-01T00:09:59Z"))).toEqual(revoked);
    expect(await cache.get("auth:ab", at("2026-05-01T00:10:00Z"))).toBeUndefined();
    expect(cache.size()).toBe(0);
  });

  it("does not keep an answer already past its nextUpdate", async () => {
    const cache = createMemoryOcspCache();
    await cache.set("auth:ab", { status: "good" }, at("2026-05-01T00:00:00Z"), at("2026-05-01T00:00:01Z"));
    expect(cache.size()).toBe(0);
  });

  it("stays within its byte budget, dropping the least recently used answers first", async () => {
    const cache = createMemoryOcspCache({ maxBytes: 20_000 });
    const now = at("2026-05-01T00:00:00Z");
    const until = at("2026-05-02T00:00:00Z");
    await cache.set("auth:first", { status: "good" }, until, now);
    let firstKept = true;
    for (let i = 0; i < 10_000; i++) {
      await cache.set(`auth:${i.toString(16).padStart(32, "0")}`, { status: "good" }, until, now);
      // Used all along, so it is never the least recently used.
      firstKept &&= (await cache.get("auth:first", now))?.status === "good";
    }
    expect(firstKept).toBe(true);
    expect(cache.size()).toBeLessThan(200);
    expect(await cache.get(`auth:${(0).toString(16).padStart(32, "0")}`, now)).toBeUndefined();
    expect(await cache.get(`auth:${(9_999).toString(16).padStart(32, "0")}`, now)).toEqual({
      status: "good",
    });
  });
});

describe("OCSP answer cache shared by PF instances", { timeout: 60_000 }, () => {
  const now = at("2026-05-01T00:00:00Z");
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), "pf-ocsp-cache-"));
    const file = join(dir, "pf.sqlite");
    const stores = [createSqliteStore(file), createSqliteStore(file)] as const;
    const secret = randomBytes(32);
    const instance = (store: PfStore) =>
      createSharedOcspCache({ memory: createMemoryOcspCache(), shared: store.ocspAnswers, secret });
    return {
      file,
      caches: [instance(stores[0]), instance(stores[1])] as const,
      close: async () => {
        await Promise.all(stores.map((s) => s.close()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };

  it("gives one instance the answer another fetched, and keeps it in its memory until the same instant", async () => {
    const { caches, close } = open();
    try {
      const [a, b] = caches;
      await a.set("auth:ab", revoked, at("2026-05-01T00:10:00Z"), now);
      expect(b.size()).toBe(0);
      expect(await b.get("auth:ab", now)).toEqual(revoked);
      expect(b.size()).toBe(1);
      expect(await b.get("auth:ab", at("2026-05-01T00:10:00Z"))).toBeUndefined();
    } finally {
      await close();
    }
  });

  it("shares a good answer only as long as it was cached for", async () => {
    const { caches, close } = open();
    try {
      const [a, b] = caches;
      await a.set("sign:cd", { status: "good" }, at("2026-05-01T00:00:05Z"), now);
      expect(await b.get("sign:cd", at("2026-05-01T00:00:04Z"))).toEqual({ status: "good" });
      expect(await a.get("sign:cd", at("2026-05-01T00:00:05Z"))).toBeUndefined();
    } finally {
      await close();
    }
  });

  it("keys the shared table by an HMAC, never by the serial in clear", async () => {
    const { caches, file, close } = open();
    try {
      await caches[0].set("auth:00c0ffee1234", revoked, at("2026-05-01T00:10:00Z"), now);
      const raw = new Database(file, { readonly: true });
      const rows = raw.prepare("SELECT key, status FROM ocsp_answers").all() as { key: string }[];
      raw.close();
      expect(rows).toEqual([{ key: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), status: "revoked" }]);
      expect(rows[0]?.key).not.toContain("c0ffee");
    } finally {
      await close();
    }
  });
});
