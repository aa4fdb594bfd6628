import { describe, expect, it } from "vitest";
import { MemoryReplayStore } from "./replay-guard.ts";

describe("in-memory replay store", () => {
  it("accepts a key the first time and refuses it again before it expires", () => {
    const store = new MemoryReplayStore();
    expect(store.remember("jti-1", 10_000, 1_000)).toBe(true);
    expect(store.remember("jti-1", 10_000, 9_000)).toBe(false);
  });

  it("accepts a key again once its record has expired", () => {
    const store = new MemoryReplayStore();
    store.remember("jti-1", 10_000, 1_000);
    expect(store.remember("jti-1", 20_000, 10_001)).toBe(true);
  });

  it("keeps keys apart", () => {
    const store = new MemoryReplayStore();
    store.remember("jti-1", 10_000, 1_000);
    expect(store.remember("jti-2", 10_000, 1_000)).toBe(true);
  });

  it("forgets expired keys at most once a second instead of on every call", () => {
    const store = new MemoryReplayStore();
    store.remember("old", 1_500, 1_000);
    store.remember("new", 9_000, 1_900);
    expect(store.size).toBe(2);
    store.remember("later", 9_000, 2_100);
    expect(store.size).toBe(2);
  });
});
