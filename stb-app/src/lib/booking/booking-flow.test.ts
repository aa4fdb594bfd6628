import { describe, expect, it } from "vitest";
import type { Booking, DayAvailability, DaySlot, Facility } from "../providers/facility-client.ts";
import {
  bookableDates,
  buildSlotGrid,
  type ChosenSlot,
  chooseDate,
  chooseFacility,
  chooseSlot,
  chooseTown,
  confirmBooking,
  firstAvailable,
  moveGridFocus,
  startBooking,
  stepBack,
} from "./booking-flow.ts";

const town = { code: "nanto", name: "南砺市", prefecture: "富山県", facilityCount: 3 };
const facility: Facility = {
  facilityId: "f1",
  townCode: "nanto",
  townName: "南砺市",
  name: "福野体育館",
  kind: "gym",
  kindLabel: "体育館",
  capacity: 200,
  address: "富山県南砺市",
  opensAt: "09:00",
  closesAt: "21:00",
  closedWeekdays: ["月"],
  note: "",
  fee: { minYen: 500, maxYen: 1500, free: false },
  slots: [],
};
const slot = (code: string, status: DaySlot["status"] = "available"): DaySlot => ({
  code,
  label: code === "am" ? "午前" : code === "pm" ? "午後" : "夜間",
  startsAt: "09:00",
  endsAt: "12:00",
  feeYen: 1000,
  status,
});
const chosen = (status: DaySlot["status"] = "available"): ChosenSlot => ({
  ...slot("am", status),
  date: "2026-12-01",
});
const day = (date: string, slots: DaySlot[]): DayAvailability => ({
  date,
  weekday: "火",
  closedReason: null,
  slots,
});
const booking: Booking = {
  bookingId: "b1",
  facilityId: "f1",
  facilityName: "福野体育館",
  townName: "南砺市",
  date: "2026-12-01",
  slot: { code: "am", label: "午前", startsAt: "09:00", endsAt: "12:00" },
  status: "booked",
  feeYen: 1000,
  taxRatePercent: 10,
  billing: "ケーブルテレビ料金と一緒に請求されます",
  feeOutcome: "charged",
  createdAt: "2026-11-20T01:00:00.000Z",
  cancelledAt: null,
  cancelDeadline: "2026-11-30",
  freeCancellationUntil: "2026-11-24",
  cancellable: true,
};

describe("booking flow", () => {
  it("walks town → facility → date → slot → confirm → done", () => {
    let s = chooseTown(startBooking(), town);
    expect(s.step).toBe("facility");
    s = chooseDate(chooseFacility(s, facility), "2026-12-01");
    expect(s.step).toBe("slot");
    s = chooseSlot(s, chosen());
    expect(s.step).toBe("confirm");
    expect(confirmBooking(s, booking).step).toBe("done");
  });

  it("will not choose a slot that is booked, closed or outside the window", () => {
    const s = chooseDate(chooseFacility(chooseTown(startBooking(), town), facility), "2026-12-01");
    for (const status of ["booked", "mine", "closed", "not_bookable"] as const) {
      expect(chooseSlot(s, chosen(status))).toBe(s);
    }
  });

  it("goes back one step keeping earlier choices, and leaves from the first step", () => {
    const s = chooseDate(chooseFacility(chooseTown(startBooking(), town), facility), "2026-12-01");
    expect(stepBack(s)).toMatchObject({ step: "date", facility, date: "2026-12-01" });
    expect(stepBack(startBooking())).toBeNull();
  });

  it("forgets the facility when another town is chosen", () => {
    const s = chooseFacility(chooseTown(startBooking(), town), facility);
    expect(chooseTown(s, { ...town, code: "suzaka" }).facility).toBeUndefined();
  });

  it("offers dates from tomorrow in Japan time, even late in the UTC evening", () => {
    expect(bookableDates(new Date("2026-11-30T16:00:00Z"), 3)).toEqual([
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
    ]);
  });

  it("lays out days down and the facility's slots across, with gaps where a day lacks a slot", () => {
    const grid = buildSlotGrid([
      day("2026-12-01", [slot("am"), slot("pm")]),
      day("2026-12-02", [slot("pm")]),
    ]);
    expect(grid.cols.map((c) => c.label)).toEqual(["午前", "午後"]);
    expect(grid.rows.map((r) => r.date)).toEqual(["2026-12-01", "2026-12-02"]);
    expect(grid.cells[1]?.[0]).toBeNull();
    expect(grid.cells[1]?.[1]?.date).toBe("2026-12-02");
  });

  it("starts focus on the first free slot and clamps moves at the edges", () => {
    const grid = buildSlotGrid([
      day("2026-12-01", [slot("am", "booked"), slot("pm")]),
      day("2026-12-02", [slot("am")]),
    ]);
    expect(firstAvailable(grid)).toEqual({ row: 0, col: 1 });
    expect(moveGridFocus(grid, { row: 0, col: 1 }, "right")).toEqual({ row: 0, col: 1 });
    expect(moveGridFocus(grid, { row: 0, col: 1 }, "down")).toEqual({ row: 1, col: 1 });
  });
});
