/**
 * Attack: one STB after another, each with its own burst of PIN-less starts for the same certificate. Starts are
 * limited per certificate across all terminals (here 3 in a burst, then one a minute).
 */
import { describe, expect, it } from "vitest";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { errorCode, startPinless } from "../testing/pf-harness.ts";

const h = harnessForFile({ pinlessStartLimit: { capacity: 3, refillPerSecond: 1 / 60 } });

describe("PIN-less starts per certificate", () => {
  it("refuses the fourth start of a certificate from a third STB after bursts on two others (rate_limited)", async () => {
    const { card } = await registeredCard(h);
    const b2 = await h.addTerminal("stb-a-3", "op-a");
    expect((await startPinless(h, h.terminals.a1, card)).status).toBe(200);
    expect((await startPinless(h, h.terminals.a1, card)).status).toBe(200);
    expect((await startPinless(h, h.terminals.a2, card)).status).toBe(200);
    const res = await startPinless(h, b2, card);
    expect(await errorCode(res)).toBe("rate_limited");
  });

  it("counts refused starts too (another card's CVC)", async () => {
    const { card } = await registeredCard(h);
    const { card: other } = await h.issue();
    for (let i = 0; i < 3; i++)
      expect(await errorCode(await startPinless(h, h.terminals.a1, card, other))).toBe(
        "pinless_card_mismatch",
      );
    expect(await errorCode(await startPinless(h, h.terminals.a2, card))).toBe("rate_limited");
  });

  it("leaves other certificates alone", async () => {
    const first = await registeredCard(h);
    for (let i = 0; i < 4; i++) await startPinless(h, h.terminals.a1, first.card);
    const second = await registeredCard(h);
    expect((await startPinless(h, h.terminals.a1, second.card)).status).toBe(200);
  });

  it("lets the certificate start again once the bucket refilled", async () => {
    const { card } = await registeredCard(h);
    for (let i = 0; i < 3; i++) await startPinless(h, h.terminals.a1, card);
    expect(await errorCode(await startPinless(h, h.terminals.a1, card))).toBe("rate_limited");
    h.clock.offsetMs = 61_000;
    try {
      expect((await startPinless(h, h.terminals.a1, card)).status).toBe(200);
    } finally {
      h.clock.offsetMs = 0;
    }
  });
});
