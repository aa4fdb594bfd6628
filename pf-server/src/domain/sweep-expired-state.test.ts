import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PfStore } from "../storage/repositories.ts";
import { createSqliteStore } from "../storage/sqlite/sqlite-store.ts";
import { sweepExpiredState } from "./sweep-expired-state.ts";

const NOW = Date.parse("2026-05-01T00:00:00Z");
const good = (expiresAtMs: number) => ({
  status: "good" as const,
  reason: null,
  revokedAt: null,
  expiresAtMs,
});
let store: PfStore;

beforeEach(() => {
  store = createSqliteStore(":memory:");
});
afterEach(async () => {
  await store.close();
});

describe("expiry sweep", { timeout: 60_000 }, () => {
  it("removes what has expired of each kind and trims the OCSP answers to their row cap", async () => {
    await store.replayGuard.rememberIfNew("stb-1:old", new Date(NOW - 1), new Date(NOW - 60_000));
    await store.replayGuard.rememberIfNew("stb-1:live", new Date(NOW + 60_000), new Date(NOW));
    await store.rateLimits.take("refilled", { capacity: 2, refillPerSecond: 1 }, NOW - 10_000);
    await store.rateLimits.recordFailure("ended", 1_000, NOW - 10_000);
    await store.rateLimits.recordFailure("open", 900_000, NOW);
    await store.ocspAnswers.put("expired", good(NOW - 1));
    for (let i = 1; i <= 4; i++) await store.ocspAnswers.put(`live-${i}`, good(NOW + i * 1_000));

    expect(await sweepExpiredState(store, new Date(NOW), { ocspAnswerRows: 3 })).toEqual({
      terminalAssertionIds: 1,
      rateLimitRows: 2,
      ocspAnswersExpired: 1,
      ocspAnswersEvicted: 1,
    });
    expect(await store.replayGuard.rememberIfNew("stb-1:live", new Date(NOW + 60_000), new Date(NOW))).toBe(
      false,
    );
    expect((await store.rateLimits.failureWindow("open", NOW))?.failures).toBe(1);
    expect(await store.ocspAnswers.get("live-1", NOW)).toBeUndefined();
    expect(await store.ocspAnswers.get("live-4", NOW)).toEqual(good(NOW + 4_000));
  });
});
