import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { residentInputSchema } from "../domain/issue-card.ts";
import { startTestService } from "../testing/test-service.ts";
import { DEMO_RESIDENTS, demoResidentIds } from "./residents.ts";
import { seedDemoResidents } from "./seed-demo-residents.ts";

let service: Awaited<ReturnType<typeof startTestService>>;
beforeAll(async () => {
  service = await startTestService();
}, 60_000);
afterAll(() => service.dispose());

describe("demo residents", { timeout: 60_000 }, () => {
  it("are all valid issuance inputs with unique keys", () => {
    for (const {
      key,
      kana: _k,
      note: _n,
      matchesOperatorHousehold: _m,
      nameAlternativeFlags,
      ...rest
    } of DEMO_RESIDENTS) {
      expect(
        residentInputSchema.safeParse({ ...rest, ...(nameAlternativeFlags ? { nameAlternativeFlags } : {}) })
          .success,
        key,
      ).toBe(true);
    }
    expect(new Set(DEMO_RESIDENTS.map((r) => r.key)).size).toBe(DEMO_RESIDENTS.length);
  });

  it("cover the three towns, a full-width address and exactly one household the operator does not know", () => {
    expect(new Set(DEMO_RESIDENTS.map((r) => r.town))).toEqual(new Set(["南砺市", "須坂市", "いなべ市"]));
    expect(DEMO_RESIDENTS.some((r) => /[０-９]/.test(r.address))).toBe(true);
    expect(DEMO_RESIDENTS.some((r) => /丁目/.test(r.address))).toBe(true);
    expect(DEMO_RESIDENTS.filter((r) => !r.matchesOperatorHousehold)).toHaveLength(1);
  });

  it("get card images under stable card IDs", async () => {
    await seedDemoResidents(service.ctx, DEMO_RESIDENTS.slice(0, 2));
    for (const resident of DEMO_RESIDENTS.slice(0, 2)) {
      const { residentId, cardId } = demoResidentIds(resident.key);
      expect((await service.ctx.repo.findResident(residentId))?.cardId).toBe(cardId);
      expect(existsSync(service.ctx.cards.pathOf(cardId))).toBe(true);
    }
  });
});
