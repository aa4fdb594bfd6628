import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  createHarness,
  deliver,
  type Harness,
  loggedIn,
  registeredEvent,
  usageEvent,
  yamadaTaro,
} from "../test-support/harness.ts";

let h: Harness;
let staff: Browser;
const cable = "JJJJ-JJJJ-JJJJ-0001";

beforeAll(async () => {
  h = await createHarness();
  await deliver(h, registeredEvent(cable, yamadaTaro));
  await deliver(h, usageEvent("booking-1", cable, 1_100, "2026-06-03T01:00:00.000Z"));
  await deliver(h, usageEvent("booking-2", cable, 550, "2026-06-04T01:00:00.000Z"));
  await deliver(
    h,
    usageEvent("booking-1-cancel", cable, 1_100, "2026-06-05T01:00:00.000Z", {
      kind: "reversal",
      reverses: "booking-1",
    }),
  );
  await deliver(
    h,
    usageEvent("orphan-cancel", cable, 330, "2026-06-06T01:00:00.000Z", {
      kind: "reversal",
      reverses: "unknown-1",
    }),
  );
  staff = await loggedIn(h, "a-staff");
});
afterAll(() => h.close());

/** The table row of the usage page that shows this usage ID. */
const rowOf = (page: string, usageId: string) =>
  page.split("<tr>").find((row) => row.includes(`>${usageId}<`)) ?? "";

describe("usage page", () => {
  it("shows a cancelled booking's charge as 取消済み, with when it was cancelled", async () => {
    const page = await (await staff.get("/usage")).text();
    const charge = rowOf(page, "booking-1");
    expect(charge).toContain("取消済み");
    expect(charge).toContain("2026/06/05");
    expect(rowOf(page, "booking-2")).not.toContain("取消");
  });

  it("shows the reversal as a negative amount naming the charge it cancels", async () => {
    const page = await (await staff.get("/usage")).text();
    const reversal = rowOf(page, "booking-1-cancel");
    expect(reversal).toContain("取消");
    expect(reversal).toContain("2026/06/03 10:00 の利用（booking-1）を取消");
    expect(reversal).toContain("−¥1,100");
  });

  it("says so when a reversal's charge is not on record", async () => {
    const page = await (await staff.get("/usage")).text();
    expect(rowOf(page, "orphan-cancel")).toContain("取消の対象（unknown-1）が見つかりません");
  });

  it("marks the charge cancelled when the list is narrowed to the charge's month only", async () => {
    await deliver(h, usageEvent("booking-3", cable, 770, "2026-05-20T01:00:00.000Z"));
    await deliver(
      h,
      usageEvent("booking-3-cancel", cable, 770, "2026-06-01T01:00:00.000Z", {
        kind: "reversal",
        reverses: "booking-3",
      }),
    );
    const may = await (await staff.get("/usage?month=2026-05")).text();
    expect(rowOf(may, "booking-3")).toContain("取消済み");
  });
});
