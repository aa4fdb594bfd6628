/**
 * @module The facility-booking flow as a state machine: town → facility → date → slot → confirm → done.
 * Back returns one step with the earlier choices kept, so a viewer never re-enters what they chose.
 */
import { jstDate } from "@catv/contracts/calendar";
import type { Booking, DayAvailability, DaySlot, Facility, Town } from "../providers/facility-client.ts";

export type BookingStep = "town" | "facility" | "date" | "slot" | "confirm" | "done";

/** A slot on a given day: what the booking request needs. */
export interface ChosenSlot extends DaySlot {
  date: string;
}

export interface BookingState {
  step: BookingStep;
  town?: Town;
  facility?: Facility;
  /** First day shown on the slot grid, YYYY-MM-DD (JST). */
  date?: string;
  slot?: ChosenSlot;
  booking?: Booking;
}

export const startBooking = (): BookingState => ({ step: "town" });

export const chooseTown = (state: BookingState, town: Town): BookingState => ({
  step: "facility",
  town,
  ...(state.town?.code === town.code && state.facility ? { facility: state.facility } : {}),
});

export const chooseFacility = (state: BookingState, facility: Facility): BookingState => ({
  ...state,
  step: "date",
  facility,
});

export const chooseDate = (state: BookingState, date: string): BookingState => ({
  ...state,
  step: "slot",
  date,
});

export function chooseSlot(state: BookingState, slot: ChosenSlot): BookingState {
  // Booked, closed and out-of-window slots are shown (so the week reads truthfully) but cannot be chosen.
  if (slot.status !== "available") return state;
  return { ...state, step: "confirm", slot };
}

export const confirmBooking = (state: BookingState, booking: Booking): BookingState => ({
  ...state,
  step: "done",
  booking,
});

const previous: Record<BookingStep, BookingStep | null> = {
  town: null,
  facility: "town",
  date: "facility",
  slot: "date",
  confirm: "slot",
  done: null,
};

/** One step back; null means leave the flow (from the first step, or once it is done). */
export function stepBack(state: BookingState): BookingState | null {
  const step = previous[state.step];
  return step ? { ...state, step } : null;
}

/** `count` dates starting `fromDaysAhead` days after today (JST); the provider books from tomorrow. */
export function bookableDates(now: Date, count = 14, fromDaysAhead = 1): string[] {
  const [y, m, d] = jstDate(now).split("-").map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(y, m - 1, d + fromDaysAhead + i)).toISOString().slice(0, 10),
  );
}

export interface SlotGrid {
  /** One row per day. */
  rows: { date: string; weekday: string; closedReason: string | null }[];
  /** One column per slot of the facility's day (午前, 午後, 夜間 …), in the provider's order. */
  cols: { code: string; label: string }[];
  /** cells[row][col]; null where that day has no such slot. */
  cells: (ChosenSlot | null)[][];
}

/** Days down, the facility's slots across: the shape a viewer reads at a glance on the TV. */
export function buildSlotGrid(days: DayAvailability[]): SlotGrid {
  const cols: SlotGrid["cols"] = [];
  for (const day of days) {
    for (const slot of day.slots) {
      if (!cols.some((c) => c.code === slot.code)) cols.push({ code: slot.code, label: slot.label });
    }
  }
  const rows = days.map((d) => ({ date: d.date, weekday: d.weekday, closedReason: d.closedReason }));
  const cells = days.map((day) =>
    cols.map((col) => {
      const slot = day.slots.find((s) => s.code === col.code);
      return slot ? { ...slot, date: day.date } : null;
    }),
  );
  return { rows, cols, cells };
}

/** Moves focus on the grid; stops at the edges. */
export function moveGridFocus(
  grid: SlotGrid,
  at: { row: number; col: number },
  direction: "up" | "down" | "left" | "right",
): { row: number; col: number } {
  let { row, col } = at;
  if (direction === "up") row -= 1;
  if (direction === "down") row += 1;
  if (direction === "left") col -= 1;
  if (direction === "right") col += 1;
  const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), Math.max(n - 1, 0));
  return { row: clamp(row, grid.rows.length), col: clamp(col, grid.cols.length) };
}

/** Where focus starts: the first free slot, so OK right away books something sensible. */
export function firstAvailable(grid: SlotGrid): { row: number; col: number } {
  for (let row = 0; row < grid.rows.length; row++) {
    const col = grid.cells[row]?.findIndex((c) => c?.status === "available") ?? -1;
    if (col >= 0) return { row, col };
  }
  return { row: 0, col: 0 };
}
