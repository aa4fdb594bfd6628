import {
  checkupsResponseSchema,
  healthSummarySchema,
  noticesResponseSchema,
  providerEnrolmentResponseSchema,
  stepsSchema,
  trendSchema,
  vaccinationsResponseSchema,
} from "@catv/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createHarness, type Harness, START } from "../test-support.ts";

let h: Harness;
const viewer = "pw-contract-0123456789";
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function answer(res: Response, schema: z.ZodType) {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return schema.safeParse(await res.json()).error;
}

describe("the healthcare API answers the bodies of its contract", () => {
  it("enrolment", async () => {
    const res = await h.call(viewer, "POST", "/pf/enrolments", {
      serviceId: "healthcare",
      consent: { scope: ["health-records"], grantedAt: START.toISOString(), textVersion: "2026-01" },
    });
    expect(await answer(res, providerEnrolmentResponseSchema)).toBeUndefined();
  });

  it.each([
    ["/summary", healthSummarySchema],
    ["/checkups", checkupsResponseSchema],
    ["/trends/systolicBp", trendSchema],
    ["/trends/heightCm", trendSchema],
    ["/steps?months=6", stepsSchema],
    ["/vaccinations", vaccinationsResponseSchema],
    ["/notices", noticesResponseSchema],
  ] as const)("GET %s", async (path, schema) => {
    expect(await answer(await h.call(viewer, "GET", path), schema)).toBeUndefined();
  });
});
