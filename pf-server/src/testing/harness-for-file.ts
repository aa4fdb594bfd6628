/**
 * @module The set-up the PF's HTTP-level tests share: one harness per test file (creating one takes seconds:
 * J-LIS, CA keys, terminals, the app), and a viewer whose card is already registered.
 */
import { afterAll, beforeAll } from "vitest";
import { createHarness, type Harness, type HarnessOptions, register } from "./pf-harness.ts";

/**
 * Registers `beforeAll`/`afterAll` hooks that make the harness before the file's first test and close it after the
 * last, and answers it. It is filled in by `beforeAll`: read it inside tests and hooks only.
 * @example const h = harnessForFile(); it("…", async () => { const { card } = await h.issue(); });
 */
export function harnessForFile(options: HarnessOptions = {}): Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await createHarness(options);
  }, 60_000);
  afterAll(() => harness?.close());
  return new Proxy({} as Harness, {
    get(_target, key) {
      if (!harness) throw new Error("the harness is made in beforeAll: read it inside a test or hook");
      return Reflect.get(harness, key);
    },
  });
}

/** A newly issued card registered through `terminal` (A1 unless given), with the cable ID the PF answered. */
export async function registeredCard(h: Harness, terminal = h.terminals.a1) {
  const issued = await h.issue();
  const { cableId } = (await (await register(h, terminal, issued.card)).json()) as { cableId: string };
  return { ...issued, cableId };
}
