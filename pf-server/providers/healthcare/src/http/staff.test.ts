import { signedEvent } from "@catv/provider-kit/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HealthStaffReport } from "../domain/build-staff-report.ts";
import {
  createHarness,
  type Harness,
  STAFF_PASSWORD,
  START,
  viewer,
  WEBHOOK_SECRET,
} from "../test-support.ts";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const auth = { authorization: `Basic ${btoa(`staff:${STAFF_PASSWORD}`)}` };

describe("healthcare staff page", () => {
  it("asks for the staff password", async () => {
    expect((await h.app.request("/staff")).status).toBe(401);
  });

  it("counts enrolments, views and unenrolments per month and operator", async () => {
    await h.enrol(viewer(1));
    const event = {
      id: "evt_s1",
      type: "enrolment.created",
      timestamp: START.toISOString(),
      data: {
        pairwiseId: viewer(1),
        serviceId: "healthcare",
        operatorId: "op-nanto",
        enrolledAt: START.toISOString(),
      },
    };
    await h.app.request("/pf/events", signedEvent(WEBHOOK_SECRET, event, Math.floor(START.getTime() / 1000)));
    await h.call(viewer(1), "GET", "/summary");
    await h.call(viewer(1), "GET", "/trends/bmi");
    await h.call(viewer(1), "GET", "/trends/nothing");
    await h.call(viewer(1), "DELETE", `/pf/enrolments/${viewer(1)}`);
    const report = (await (
      await h.app.request("/staff/report.json", { headers: auth })
    ).json()) as HealthStaffReport;
    expect(report.months).toEqual([
      {
        month: "2026-11",
        operators: [
          {
            operatorId: "op-nanto",
            operatorName: "なんとケーブルテレビ（デモ）",
            enrolment: 1,
            unenrolment: 1,
            view: 2,
          },
        ],
      },
    ]);
    const page = await (await h.app.request("/staff", { headers: auth })).text();
    expect(page).toContain("なんとケーブルテレビ（デモ）");
    expect(page).not.toContain("op-nanto");
    expect(page).not.toContain(viewer(1));
  });

  it("names an operator by the name its settlement gives, and one never named as not yet known", async () => {
    const at = Math.floor(START.getTime() / 1000);
    const enrolled = (id: string, pairwiseId: string, operatorId: string) => ({
      id,
      type: "enrolment.created",
      timestamp: START.toISOString(),
      data: { pairwiseId, serviceId: "healthcare", operatorId, enrolledAt: START.toISOString() },
    });
    await h.app.request(
      "/pf/events",
      signedEvent(WEBHOOK_SECRET, enrolled("evt_a", viewer(1), "op-suzaka"), at),
    );
    await h.app.request(
      "/pf/events",
      signedEvent(WEBHOOK_SECRET, enrolled("evt_b", viewer(2), "op-other"), at),
    );
    const settlement = {
      id: "evt_c",
      type: "settlement.issued",
      timestamp: START.toISOString(),
      data: {
        settlementId: "stl-1",
        operatorId: "op-suzaka",
        operatorName: "すざかケーブルネット（デモ）",
        town: "須坂市",
        month: "2026-10",
        recordsCollected: 0,
        reversals: 0,
        grossYen: 0,
        collectionFeeYen: 0,
        netPayableYen: 0,
        records: [],
      },
    };
    await h.app.request("/pf/events", signedEvent(WEBHOOK_SECRET, settlement, at));
    const report = (await (
      await h.app.request("/staff/report.json", { headers: auth })
    ).json()) as HealthStaffReport;
    expect(report.months[0]!.operators.map((o) => o.operatorName)).toEqual([
      "名称未登録の事業者（op-other）",
      "すざかケーブルネット（デモ）",
    ]);
  });
});
