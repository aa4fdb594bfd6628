import {
  checkupsResponseSchema,
  healthSummarySchema,
  noticesResponseSchema,
  providerEnrolmentResponseSchema,
  stepsSchema,
  trendSchema,
  vaccinationsResponseSchema,
} from "@catv/contracts";
import { checkContract } from "@catv/provider-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, START } from "../test-support.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.call("pw-contract-0123456789", "POST", "/pf/enrolments", {
    serviceId: "healthcare",
    consent: { scope: ["health-records"], grantedAt: START.toISOString(), textVersion: "2026-01" },
  });
});
afterAll(() => h.close());

describe("the healthcare API answers the bodies of its contract", () => {
  it("enrolment, again for the same viewer", async () => {
    const res = await h.call("pw-contract-0123456789", "POST", "/pf/enrolments", {
      serviceId: "healthcare",
      consent: { scope: ["health-records"], grantedAt: START.toISOString(), textVersion: "2026-01" },
    });
    expect(await checkContract(res, providerEnrolmentResponseSchema)).toEqual({ ok: true, issues: [] });
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
    const res = await h.call("pw-contract-0123456789", "GET", path);
    expect(await checkContract(res, schema)).toEqual({ ok: true, issues: [] });
  });
});
