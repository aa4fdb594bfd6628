import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, deliver, type Harness, registeredEvent } from "../test-support/harness.ts";
import { deliverHouseholdLinks } from "./deliver-to-pf.ts";
import { createPfClient } from "./pf-client.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ householdsPerTown: 1 });
});
afterAll(() => h.close());

describe("deliverHouseholdLinks", () => {
  it("stops the pass at the first link state when the PF cannot be reached, and sends all once it can", async () => {
    for (const n of [1, 2, 3]) {
      await deliver(
        h,
        registeredEvent(`DDDD-DDDD-DDDD-000${n}`, {
          name: "誰か 別人",
          address: "南砺市1",
          dateOfBirth: "1990-01-01",
        }),
      );
    }
    // Nothing listens on port 1: every request fails before any answer, as when the PF is down.
    const unreachable = { ...h.deps, pf: createPfClient("http://127.0.0.1:1") };
    expect(await deliverHouseholdLinks(unreachable)).toBe(0);
    expect((await h.repos.pfSync.openLinks(100)).map((o) => o.attempts)).toEqual([1, 0, 0]);

    expect(await deliverHouseholdLinks(h.deps)).toBe(3);
    expect(await h.repos.pfSync.openLinkCount("op-a")).toBe(0);
  });
});
