/**
 * @module The facility-booking flow as a state machine: town → facility → date → slot → confirm → done.
 * Back always returns one step with the earlier choices kept, so a viewer never re-enters what they chose.
 */
import type { Booking, Facility, Slot, Town } from "../providers/facility-client.ts";

export type BookingStep = "town" | "facility" | "date" | "slot" | "confirm" | "done";

export interface BookingState {
  step: BookingStep;
  town?: Town;
  facility?: Facility;
  /** YYYY-MM-DD in Japan time. */
  date?: string;
  slot?: Slot;
  booking?: Booking;
}

export const startBooking = (): BookingState => ({ step: "town" });

export const chooseTown = (state: BookingState, town: Town): BookingState => ({
  step: "facility",
  town,
  ...(state.town?.townId === town.townId && state.facility ? { facility: state.facility } : {}),
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

export function chooseSlot(state: BookingState, slot: Slot): BookingState {
  // A taken slot is shown (so the day reads truthfully) but cannot be chosen.
  if (!slot.available) return state;
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

/** One step back; null means leave the flow (from the first step, or after it is done). */
export function stepBack(state: BookingState): BookingState | null {
  const step = previous[state.step];
  return step ? { ...state, step } : null;
}

/** The next `count` days from `today` (the viewer cannot book the past), as Japan-time dates. */
export function bookableDates(today: Date, count = 14): string[] {
  const jst = new Date(today.getTime() + 9 * 3600_000);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate() + i));
    return d.toISOString().slice(0, 10);
  });
}

export interface SlotGrid {
  rooms: string[];
  /** Start times (HH:MM, Japan time) in order. */
  times: string[];
  /** cells[room][time]; null where the room has no slot at that time. */
  cells: (Slot | null)[][];
}

export const jstTime = (iso: string): string =>
  new Date(Date.parse(iso) + 9 * 3600_000).toISOString().slice(11, 16);

/** Rooms down, start times across: the shape a viewer reads at a glance on the TV. */
export function buildSlotGrid(slots: Slot[]): SlotGrid {
  const rooms = [...new Set(slots.map((s) => s.roomName))];
  const times = [...new Set(slots.map((s) => jstTime(s.startsAt)))].sort();
  const cells = rooms.map((room) =>
    times.map((time) => slots.find((s) => s.roomName === room && jstTime(s.startsAt) === time) ?? null),
  );
  return { rooms, times, cells };
}

/** Moves focus on the grid; stops at the edges. */
export function moveGridFocus(
  grid: SlotGrid,
  at: { row: number; col: number },
  direction: "up" | "down" | "left" | "right",
): { row: number; col: number } {
  const rows = grid.rooms.length;
  const cols = grid.times.length;
  let { row, col } = at;
  if (direction === "up") row -= 1;
  if (direction === "down") row += 1;
  if (direction === "left") col -= 1;
  if (direction === "right") col += 1;
  return { row: Math.min(Math.max(row, 0), rows - 1), col: Math.min(Math.max(col, 0), cols - 1) };
}

/** Where focus starts: the first free slot, so OK right away books something sensible. */
export function firstAvailable(grid: SlotGrid): { row: number; col: number } {
  for (let row = 0; row < grid.rooms.length; row++) {
    const col = grid.cells[row]?.findIndex((c) => c?.available) ?? -1;
    if (col >= 0) return { row, col };
  }
  return { row: 0, col: 0 };
}
