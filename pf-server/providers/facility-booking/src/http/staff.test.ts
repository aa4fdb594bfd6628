import { signedEvent } from "@catv/provider-kit/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StaffReport } from "../domain/build-staff-report.ts";
import { createHarness, type Harness, pairwiseId, STAFF_PASSWORD, WEBHOOK_SECRET } from "../test-support.ts";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const auth = { authorization: `Basic ${Buffer.from(`staff:${STAFF_PASSWORD}`).toString("base64")}` };
const ts = () => Math.floor(h.clock.now.getTime() / 1000);

async function bookAndSettle(): Promise<{ kept: string; refunded: string }> {
  await h.enrol(pairwiseId(1));
  await h.app.request(
    "/pf/events",
    signedEvent(
      WEBHOOK_SECRET,
      {
        id: "evt_enrol",
        type: "enrolment.created",
        timestamp: h.clock.now.toISOString(),
        data: {
          pairwiseId: pairwiseId(1),
          serviceId: "facility-booking",
          operatorId: "op-suzaka",
          enrolledAt: h.clock.now.toISOString(),
        },
      },
      ts(),
    ),
  );
  const book = (date: string) =>
    h.bookedId(pairwiseId(1), { facilityId: "suzaka-city-gym", date, slotCode: "am" });
  const kept = await book("2026-11-28");
  const refunded = await book("2026-12-12");
  await h.cancel(pairwiseId(1), refunded);
  await h.flush();
  await h.app.request(
    "/pf/events",
    signedEvent(
      WEBHOOK_SECRET,
      {
        id: "evt_settle",
        type: "settlement.issued",
        timestamp: h.clock.now.toISOString(),
        data: {
          settlementId: "stl-1",
          operatorId: "op-suzaka",
          operatorName: "すざかケーブルネット（デモ）",
          town: "須坂市",
          month: "2026-11",
          recordsCollected: 1,
          reversals: 1,
          grossYen: 1500,
          collectionFeeYen: 75,
          netPayableYen: 1425,
          records: [
            { providerReference: kept, pairwiseId: pairwiseId(1), status: "collected", amountYen: 1500 },
            { providerReference: refunded, pairwiseId: pairwiseId(1), status: "reversed", amountYen: 1500 },
            {
              providerReference: "BK-NOTOURS00",
              pairwiseId: pairwiseId(1),
              status: "collected",
              amountYen: 900,
            },
          ],
        },
      },
      ts(),
    ),
  );
  return { kept, refunded };
}

describe("staff page", () => {
  it("asks for the staff password", async () => {
    expect((await h.app.request("/staff")).status).toBe(401);
    expect(
      (await h.app.request("/staff", { headers: { authorization: `Basic ${btoa("staff:wrong")}` } })).status,
    ).toBe(401);
  });

  it("reconciles a month's TV usage with the operator's settlement record by record", async () => {
    const { kept } = await bookAndSettle();
    const report = (await (
      await h.app.request("/staff/report.json", { headers: auth })
    ).json()) as StaffReport;
    const [month] = report.months;
    expect(month!.month).toBe("2026-11");
    const suzaka = month!.operators.find((o) => o.operatorId === "op-suzaka")!;
    expect(suzaka.usage).toMatchObject({
      charges: 2,
      chargedYen: 3000,
      reversals: 1,
      reversedYen: 1500,
      netYen: 1500,
    });
    expect(suzaka.usage.reports).toEqual({ accepted: 3, pending: 0, rejected: 0 });
    expect(suzaka.settlement?.netPayableYen).toBe(1425);
    expect(
      suzaka.settlement?.records.map((r) => [
        r.providerReference === kept ? "kept" : r.providerReference,
        r.match,
      ]),
    ).toContainEqual(["kept", "ok"]);
    expect(suzaka.settlement?.records.find((r) => r.providerReference === "BK-NOTOURS00")?.match).toBe(
      "unknown",
    );
  });

  it("renders the report in Japanese, marked as sample data", async () => {
    await bookAndSettle();
    const res = await h.app.request("/staff", { headers: auth });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("すざかケーブルネット（デモ）");
    expect(page).toContain("支払予定額");
    expect(page).toContain("1,425円");
    expect(page).toContain("該当予約なし");
    expect(page).toContain("サンプルデータ");
  });

  it("names a month's operator by name before any settlement arrived, never by its ID", async () => {
    await h.enrol(pairwiseId(1));
    await h.app.request(
      "/pf/events",
      signedEvent(
        WEBHOOK_SECRET,
        {
          id: "evt_enrol_nanto",
          type: "enrolment.created",
          timestamp: h.clock.now.toISOString(),
          data: {
            pairwiseId: pairwiseId(1),
            serviceId: "facility-booking",
            operatorId: "op-nanto",
            enrolledAt: h.clock.now.toISOString(),
          },
        },
        ts(),
      ),
    );
    await h.bookedId(pairwiseId(1), { facilityId: "suzaka-city-gym", date: "2026-12-05", slotCode: "am" });
    const page = await (await h.app.request("/staff", { headers: auth })).text();
    expect(page).toContain("なんとケーブルテレビ（デモ）");
    expect(page).not.toContain("op-nanto");
  });
});
