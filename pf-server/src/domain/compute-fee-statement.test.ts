/**
 * Per-tenant metering by role, as each tenant reads it at `GET /v1/tenant/fee-statements/{month}`: the institution
 * pays for its receptions' recognitions and relayed checks (one line per site), the insurer for its registrations
 * and the J-LIS checks made for its accounts, wherever the card was touched.
 */
import { tenantFeeStatementSchema } from "@catv/contracts";
import { describe, expect, it } from "vitest";
import { monthOf } from "../platform/clock.ts";
import {
  asTenant,
  checkEligibility,
  linkedPatient,
  medicalHarnessForFile,
  recognisePinless,
} from "../testing/medical-fixture.ts";
import { errorCode } from "../testing/pf-harness.ts";

const { h, m } = medicalHarnessForFile();
const statementOf = async (apiKey: string) => {
  const res = await asTenant(h, apiKey, "GET", `/v1/tenant/fee-statements/${monthOf(h.clock.now())}`);
  expect(res.status).toBe(200);
  return tenantFeeStatementSchema.parse(await res.json());
};
const countOf = (s: Awaited<ReturnType<typeof statementOf>>, item: string, siteId?: string) =>
  s.lines.find((l) => l.item === item && l.siteId === siteId)?.count ?? 0;

describe("tenant fee statements by role", { timeout: 15_000 }, () => {
  it("bills the institution per reception site for recognitions and relayed checks", async () => {
    const before = await statementOf(m.institutionKeys.a);
    const { card, accountId } = await linkedPatient(h, m);
    m.insurer.scenarios.set(accountId, { kind: "valid" });
    const recognised = (await (await recognisePinless(h, m.terminals.a1, card)).json()) as {
      recognitionId: string;
    };
    await checkEligibility(h, m.terminals.a1, recognised.recognitionId);
    const after = await statementOf(m.institutionKeys.a);
    expect(countOf(after, "recognition-pinless", m.sites.a)).toBe(
      countOf(before, "recognition-pinless", m.sites.a) + 1,
    );
    expect(countOf(after, "eligibility-check", m.sites.a)).toBe(
      countOf(before, "eligibility-check", m.sites.a) + 1,
    );
    expect(after.lines.find((l) => l.siteId === m.sites.a)).toMatchObject({ siteKind: "in-person" });
    expect(after.lines.map((l) => l.item)).not.toContain("registration");
    expect(after.totalYen).toBe(after.subtotalYen + after.taxYen);
  });

  it("bills the insurer for its registrations and the J-LIS checks of its accounts made at a reception", async () => {
    const before = await statementOf(m.insurerKeys.city);
    const { card } = await linkedPatient(h, m);
    await recognisePinless(h, m.terminals.a1, card);
    const after = await statementOf(m.insurerKeys.city);
    expect(countOf(after, "registration")).toBe(countOf(before, "registration") + 1);
    expect(countOf(after, "jpki-auth")).toBeGreaterThan(countOf(before, "jpki-auth"));
    expect(after.lines.map((l) => l.item)).not.toContain("recognition-pinless");
  });

  it("gives the statement as CSV on request", async () => {
    const res = await asTenant(
      h,
      m.institutionKeys.b,
      "GET",
      `/v1/tenant/fee-statements/${monthOf(h.clock.now())}?format=csv`,
    );
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(await res.text()).toContain("recognition-pinless");
  });

  it("refuses a request without a tenant's key (unauthorized)", async () => {
    const res = await h.app.request(`/v1/tenant/fee-statements/${monthOf(h.clock.now())}`);
    expect(await errorCode(res)).toBe("unauthorized");
  });
});
