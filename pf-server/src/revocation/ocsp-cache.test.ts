import { describe, expect, it } from "vitest";
import { createMemoryOcspCache } from "./ocsp-cache.ts";

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
