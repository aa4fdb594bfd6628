import { describe, expect, it } from "vitest";
import { MemoryReplayStore } from "./replay-guard.ts";

/** Calls of `remember(key, expiresAtMs, nowMs)` in order, each with the answer it must get. */
type Script = [key: string, expiresAtMs: number, nowMs: number, firstUse: boolean][];

const scenarios: [string, Script][] = [
  [
    "accepts a key the first time and refuses it again before it expires",
    [
      ["jti-1", 10_000, 1_000, true],
      ["jti-1", 10_000, 9_000, false],
    ],
  ],
  [
    "accepts a key again once its record has expired",
    [
      ["jti-1", 10_000, 1_000, true],
      ["jti-1", 20_000, 10_001, true],
    ],
  ],
  [
    "keeps keys apart",
    [
      ["jti-1", 10_000, 1_000, true],
      ["jti-2", 10_000, 1_000, true],
    ],
  ],
];

describe("in-memory replay store", () => {
  it.each(scenarios)("%s", (_name, script) => {
    const store = new MemoryReplayStore();
    expect(script.map(([key, expiresAt, now]) => store.remember(key, expiresAt, now))).toEqual(
      script.map(([, , , firstUse]) => firstUse),
    );
  });

  it("forgets expired keys at most once a second instead of on every call", () => {
    const store = new MemoryReplayStore();
    const sizes = (
      [
        ["old", 1_500, 1_000],
        ["new", 9_000, 1_900],
        ["later", 9_000, 2_100],
      ] as const
    ).map(([key, expiresAt, now]) => {
      store.remember(key, expiresAt, now);
      return store.size;
    });
    // At 1 900 ms the expired "old" is still held (no sweep yet); at 2 100 ms it is gone.
    expect(sizes).toEqual([1, 2, 2]);
  });
});
