import { describe, expect, it } from "vitest";
import type { Slot } from "../providers/facility-client.ts";
import {
  bookableDates,
  buildSlotGrid,
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

const town = { townId: "t1", name: "中央町" };
const facility = { facilityId: "f1", townId: "t1", name: "中央体育館" };
const slot = (room: string, hourUtc: number, available = true): Slot => ({
  slotId: `${room}-${hourUtc}`,
  roomName: room,
  startsAt: `2026-12-01T${String(hourUtc).padStart(2, "0")}:00:00Z`,
  endsAt: `2026-12-01T${String(hourUtc + 1).padStart(2, "0")}:00:00Z`,
  available,
  feeYen: 500,
});

describe("booking flow", () => {
  it("walks town → facility → date → slot → confirm → done", () => {
    let s = startBooking();
    s = chooseTown(s, town);
    expect(s.step).toBe("facility");
    s = chooseDate(chooseFacility(s, facility), "2026-12-01");
    expect(s.step).toBe("slot");
    s = chooseSlot(s, slot("A", 0));
    expect(s.step).toBe("confirm");
    s = confirmBooking(s, {
      bookingId: "b1",
      facilityName: "中央体育館",
      roomName: "A",
      startsAt: "",
      endsAt: "",
      feeYen: 500,
      status: "confirmed",
    });
    expect(s.step).toBe("done");
  });

  it("will not choose a slot that is taken", () => {
    const s = chooseDate(chooseFacility(chooseTown(startBooking(), town), facility), "2026-12-01");
    expect(chooseSlot(s, slot("A", 0, false))).toBe(s);
  });

  it("goes back one step keeping earlier choices, and leaves from the first step", () => {
    const s = chooseDate(chooseFacility(chooseTown(startBooking(), town), facility), "2026-12-01");
    const back = stepBack(s);
    expect(back).toMatchObject({ step: "date", facility, date: "2026-12-01" });
    expect(stepBack(startBooking())).toBeNull();
  });

  it("forgets the facility when another town is chosen", () => {
    const s = chooseFacility(chooseTown(startBooking(), town), facility);
    expect(chooseTown(s, { townId: "t2", name: "北町" }).facility).toBeUndefined();
  });

  it("offers dates from today in Japan time, even late in the UTC evening", () => {
    expect(bookableDates(new Date("2026-11-30T16:00:00Z"), 3)).toEqual([
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
    ]);
  });

  it("lays slots out as rooms × Japan-time start times", () => {
    const grid = buildSlotGrid([slot("B", 1), slot("A", 0), slot("A", 1, false)]);
    expect(grid.rooms).toEqual(["B", "A"]);
    expect(grid.times).toEqual(["09:00", "10:00"]);
    expect(grid.cells[0]?.[0]).toBeNull();
    expect(grid.cells[1]?.[1]?.available).toBe(false);
  });

  it("starts focus on the first free slot and clamps moves at the edges", () => {
    const grid = buildSlotGrid([slot("A", 0, false), slot("A", 1), slot("B", 0)]);
    expect(firstAvailable(grid)).toEqual({ row: 0, col: 1 });
    expect(moveGridFocus(grid, { row: 0, col: 1 }, "right")).toEqual({ row: 0, col: 1 });
    expect(moveGridFocus(grid, { row: 0, col: 1 }, "down")).toEqual({ row: 1, col: 1 });
  });
});
