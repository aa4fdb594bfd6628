import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  isCalendarDate,
  jstDate,
  jstMonth,
  jstWallClock,
  monthsBefore,
  nextMonth,
  previousMonth,
  startOfJstMonth,
  weekday,
} from "./calendar.ts";

describe("JST calendar", () => {
  it("puts an instant after 15:00 UTC on the next JST date", () => {
    expect(jstDate(new Date("2026-05-31T14:59:59Z"))).toBe("2026-05-31");
    expect(jstDate(new Date("2026-05-31T15:00:00Z"))).toBe("2026-06-01");
  });

  it("bills an event late on the last UTC day of a month in the next JST month", () => {
    expect(jstMonth("2026-05-31T20:00:00Z")).toBe("2026-06");
  });

  it("reads the JST wall clock from the shifted instant's UTC fields", () => {
    expect(jstWallClock("2026-01-01T00:30:00Z").toISOString()).toBe("2026-01-01T09:30:00.000Z");
  });

  it("starts a JST month at 15:00 UTC on the last day of the month before", () => {
    expect(startOfJstMonth("2026-07").toISOString()).toBe("2026-06-30T15:00:00.000Z");
  });

  it("steps months across the year boundary", () => {
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(previousMonth("2027-01")).toBe("2026-12");
  });

  it("lists the months before a month, newest first", () => {
    expect(monthsBefore("2027-02", 3)).toEqual(["2027-01", "2026-12", "2026-11"]);
  });

  it("counts calendar days across a month end and a leap day", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-12-30", "2027-01-02")).toBe(3);
  });

  it("names the weekday of a date, Sunday as 0", () => {
    expect(weekday("2026-11-29")).toBe(0);
  });

  it("refuses a date that is not on the calendar", () => {
    expect(isCalendarDate("2026-02-28")).toBe(true);
    expect(isCalendarDate("2026-02-30")).toBe(false);
    expect(isCalendarDate("2026-2-3")).toBe(false);
  });
});
