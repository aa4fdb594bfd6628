import { describe, expect, it } from "vitest";
import { ReplayCache } from "./terminal-auth.ts";

describe("replay cache", () => {
  it("refuses a key seen before while it is inside its window", () => {
    const cache = new ReplayCache();
    expect(cache.remember("t:a", 2_000, 1_000)).toBe(true);
    expect(cache.remember("t:a", 2_000, 1_500)).toBe(false);
  });
  it("accepts a key again once its entry has expired", () => {
    const cache = new ReplayCache();
    expect(cache.remember("t:a", 2_000, 1_000)).toBe(true);
    expect(cache.remember("t:a", 5_000, 2_001)).toBe(true);
  });
  it("sweeps expired entries past 10 000, at most once a second, and still refuses live ones", () => {
    const cache = new ReplayCache();
    for (let i = 0; i < 10_001; i++) cache.remember(`old:${i}`, 1_000, 0);
    cache.remember("live", 100_000, 500);
    expect(cache.remember("x1", 100_000, 2_000)).toBe(true);
    expect(cache.size).toBe(2);
    for (let i = 0; i < 10_001; i++) cache.remember(`old2:${i}`, 2_500, 2_100);
    // Within a second of the last sweep: no new sweep, even though these entries have expired.
    cache.remember("x2", 100_000, 2_600);
    expect(cache.size).toBe(10_004);
    cache.remember("x3", 100_000, 3_000);
    expect(cache.size).toBe(4);
    expect(cache.remember("live", 100_000, 3_000)).toBe(false);
  });
});
