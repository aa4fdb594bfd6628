import { signedEvent } from "@catv/provider-kit/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, START, viewer, WEBHOOK_SECRET } from "../test-support.ts";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const json = async <T>(res: Response) => (await res.json()) as T;

describe("healthcare reads", () => {
  it("shows the latest checkup with flags and reference ranges, marked as sample data", async () => {
    await h.enrol(viewer(1));
    const res = await h.call(viewer(1), "GET", "/summary");
    expect(res.status).toBe(200);
    const body = await json<{
      sample: string;
      latestCheckup: { fiscalYear: number; items: { item: string; flag: string; reference: string }[] };
      flagged: { caution: string[]; seeDoctor: string[] };
    }>(res);
    expect(body.sample).toContain("サンプルデータ");
    expect(body.latestCheckup.fiscalYear).toBe(2025);
    expect(body.latestCheckup.items.map((i) => i.item)).toEqual([
      "heightCm",
      "weightKg",
      "bmi",
      "waistCm",
      "systolicBp",
      "diastolicBp",
      "hba1c",
      "ldl",
      "hdl",
      "triglycerides",
    ]);
    const flaggedItems = body.latestCheckup.items.filter((i) => i.flag !== "normal").map((i) => i.item);
    expect([...body.flagged.caution, ...body.flagged.seeDoctor].sort()).toEqual(flaggedItems.sort());
  });

  it("gives one item's trend over five years", async () => {
    await h.enrol(viewer(1));
    const body = await json<{ label: string; points: { fiscalYear: number; value: number; flag: string }[] }>(
      await h.call(viewer(1), "GET", "/trends/hba1c"),
    );
    expect(body.label).toBe("HbA1c");
    expect(body.points.map((p) => p.fiscalYear)).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it("answers not_found for an unknown trend item", async () => {
    await h.enrol(viewer(1));
    const res = await h.call(viewer(1), "GET", "/trends/cholesterol");
    expect(res.status).toBe(404);
  });

  it("gives the last 12 months of steps by default and up to 24 on request", async () => {
    await h.enrol(viewer(1));
    expect((await json<{ months: unknown[] }>(await h.call(viewer(1), "GET", "/steps"))).months).toHaveLength(
      12,
    );
    expect(
      (await json<{ months: unknown[] }>(await h.call(viewer(1), "GET", "/steps?months=24"))).months,
    ).toHaveLength(24);
    expect((await h.call(viewer(1), "GET", "/steps?months=99")).status).toBe(400);
  });

  it("lists notices and vaccinations", async () => {
    await h.enrol(viewer(1));
    const notices = await json<{ notices: { title: string }[] }>(await h.call(viewer(1), "GET", "/notices"));
    expect(notices.notices.length).toBeGreaterThan(0);
    expect((await h.call(viewer(1), "GET", "/vaccinations")).status).toBe(200);
  });

  it("shows each viewer their own data only", async () => {
    await h.enrol(viewer(1));
    await h.enrol(viewer(2));
    const a = await json<unknown>(await h.call(viewer(1), "GET", "/checkups"));
    const b = await json<unknown>(await h.call(viewer(2), "GET", "/checkups"));
    expect(a).not.toEqual(b);
  });

  it("answers not_enrolled before enrolment", async () => {
    const res = await h.call(viewer(1), "GET", "/summary");
    expect(res.status).toBe(409);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe("not_enrolled");
  });

  it("refuses an assertion made for the facility provider", async () => {
    await h.enrol(viewer(1));
    const res = await h.call(viewer(1), "GET", "/summary", undefined, { aud: "prov-facility" });
    expect(res.status).toBe(401);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe("assertion_wrong_audience");
  });
});

describe("healthcare enrolment", () => {
  it("records the consent and returns the same user ID when repeated", async () => {
    const first = await h.enrol(viewer(1));
    expect(await h.enrol(viewer(1))).toBe(first);
    expect(await h.deps.store.users.findByPairwiseId(viewer(1))).toMatchObject({
      consentScope: ["health-records"],
      consentGrantedAt: START.toISOString(),
    });
  });

  it("deletes every health record on unenrolment", async () => {
    const id = await h.enrol(viewer(1));
    expect(await h.deps.store.records.rowCounts(id)).toBeGreaterThan(30);
    expect((await h.call(viewer(1), "DELETE", `/pf/enrolments/${viewer(1)}`)).status).toBe(204);
    expect(await h.deps.store.users.findByPairwiseId(viewer(1))).toBeUndefined();
    expect(await h.deps.store.records.rowCounts(id)).toBe(0);
  });

  it("refuses to unenrol another viewer", async () => {
    await h.enrol(viewer(2));
    expect((await h.call(viewer(1), "DELETE", `/pf/enrolments/${viewer(2)}`)).status).toBe(403);
    expect(await h.deps.store.users.findByPairwiseId(viewer(2))).toBeDefined();
  });
});

describe("healthcare events", () => {
  const event = {
    id: "evt_h1",
    type: "enrolment.created",
    timestamp: START.toISOString(),
    data: {
      pairwiseId: viewer(1),
      serviceId: "healthcare",
      operatorId: "op-inabe",
      enrolledAt: START.toISOString(),
    },
  };

  it("stores a signed enrolment.created once and learns the operator", async () => {
    await h.enrol(viewer(1));
    const ts = Math.floor(START.getTime() / 1000);
    expect(await json(await h.app.request("/pf/events", signedEvent(WEBHOOK_SECRET, event, ts)))).toEqual({
      status: "stored",
    });
    expect(await json(await h.app.request("/pf/events", signedEvent(WEBHOOK_SECRET, event, ts)))).toEqual({
      status: "duplicate",
    });
    expect((await h.deps.store.users.findByPairwiseId(viewer(1)))?.operatorId).toBe("op-inabe");
  });

  it("takes the operator from an enrolment.created event that arrived before the enrolment", async () => {
    const ts = Math.floor(START.getTime() / 1000);
    expect(await json(await h.app.request("/pf/events", signedEvent(WEBHOOK_SECRET, event, ts)))).toEqual({
      status: "stored",
    });
    await h.enrol(viewer(1));
    expect((await h.deps.store.users.findByPairwiseId(viewer(1)))?.operatorId).toBe("op-inabe");
  });

  it("refuses an unsigned event", async () => {
    const res = await h.app.request("/pf/events", { method: "POST", body: JSON.stringify(event) });
    expect(res.status).toBe(400);
  });
});
