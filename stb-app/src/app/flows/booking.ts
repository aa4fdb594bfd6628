/**
 * @module 施設予約 on the TV: town → facility → date → the week's slot grid → confirm (fee, how it is billed, and
 * the cancellation terms the provider quotes, before booking) → step-up with the PIN for a paid slot → done, with
 * the 予約番号 first. The town list starts at the operator's own town; Back keeps every earlier choice.
 */
import { jstDate } from "@catv/contracts/calendar";
import {
  type BookingState,
  bookableDates,
  buildSlotGrid,
  type ChosenSlot,
  chooseDate,
  chooseFacility,
  chooseSlot,
  chooseTown,
  confirmBooking,
  firstAvailable,
  startBooking,
} from "../../lib/booking/booking-flow.ts";
import type { ServiceSummary } from "../../lib/pf/pf-client.ts";
import {
  type Booking,
  type BookingTerms,
  FacilityClient,
  type SlotStatus,
  type Town,
} from "../../lib/providers/facility-client.ts";
import type { AppContext } from "../app-context.ts";
import type { Paragraph } from "../screen-spec.ts";

const SLOT_STATUS_KEY: Record<SlotStatus, string> = {
  available: "facility.slots.free",
  booked: "facility.slots.taken",
  mine: "facility.slots.mine",
  closed: "facility.slots.closed",
  not_bookable: "facility.slots.notBookable",
};

/** What the card step of a booking leaves undone when the card is pulled at the PIN pad. */
const BOOKING_NOT_MADE = { notDoneKey: "facility.notBooked", declinedKey: "facility.notBookedDeclined" };

export class BookingFlow {
  readonly #app: AppContext;

  constructor(app: AppContext) {
    this.#app = app;
  }

  async open(service: ServiceSummary): Promise<void> {
    const client = new FacilityClient(this.#app.pf, service.serviceId);
    const towns = await this.#app.load(() => client.towns());
    if (!towns) return;
    this.#towns(client, towns);
  }

  #towns(client: FacilityClient, towns: Town[]): void {
    const { t, nav } = this.#app;
    const state = startBooking();
    // The viewer's own town first in focus: the operator serves one town, and most bookings are there.
    const home = towns.findIndex((town) => town.name === this.#app.operatorTown());
    nav.go(() => ({
      kind: "list",
      name: "facility-towns",
      title: t("facility.towns.title"),
      empty: t("facility.list.none"),
      cols: 3,
      focus: Math.max(0, home),
      choices: towns.map((town) => ({
        label: town.name,
        sub: `${town.prefecture}　${t("facility.towns.count", { count: town.facilityCount })}`,
        onSelect: () => void this.#facilities(client, chooseTown(state, town)),
      })),
    }));
  }

  async #facilities(client: FacilityClient, state: BookingState): Promise<void> {
    const { t, nav, format } = this.#app;
    const town = state.town!;
    const facilities = await this.#app.load(() => client.facilities(town.code));
    if (!facilities) return;
    nav.go(() => ({
      kind: "list",
      name: "facility-list",
      title: t("facility.list.title", { town: town.name }),
      empty: t("facility.list.none"),
      choices: facilities.map((f) => ({
        label: f.name,
        sub: [
          t(`facility.kind.${f.kind}`),
          f.fee.free
            ? t("facility.fee.free")
            : t("facility.fee.range", { min: format.amount(f.fee.minYen), max: format.amount(f.fee.maxYen) }),
          f.closedWeekdays.length
            ? t("facility.closedDays", { days: format.weekdays(f.closedWeekdays) })
            : "",
        ]
          .filter(Boolean)
          .join("　"),
        onSelect: () => this.#dates(client, chooseFacility(state, f)),
      })),
    }));
  }

  #dates(client: FacilityClient, state: BookingState): void {
    const { t, nav, format } = this.#app;
    const dates = bookableDates(this.#app.now());
    nav.go(() => ({
      kind: "dates",
      name: "facility-dates",
      title: t("facility.date.title", { facility: state.facility!.name }),
      choices: dates.map((date) => ({
        label: format.shortDay(date),
        sub: format.weekday(date),
        onSelect: () => void this.#slots(client, chooseDate(state, date)),
      })),
    }));
  }

  async #slots(client: FacilityClient, state: BookingState): Promise<void> {
    const { t, nav, format, host } = this.#app;
    const days = await this.#app.load(() => client.availability(state.facility!.facilityId, state.date!, 7));
    if (!days) return;
    const grid = buildSlotGrid(days);
    if (grid.cols.length === 0) {
      nav.go(() => ({
        kind: "message",
        name: "facility-no-slots",
        title: t("facility.slots.none"),
        tone: "info",
        paragraphs: [],
        choices: [{ label: t("common.back"), onSelect: () => nav.back() }],
      }));
      return;
    }
    const start = firstAvailable(grid);
    nav.go(() => ({
      kind: "slots",
      name: "facility-slots",
      title: t("facility.slots.title", { facility: state.facility!.name }),
      legend: t("facility.slots.legend"),
      grid,
      focus: start.row * grid.cols.length + start.col,
      rowLabels: grid.rows.map((row) => ({ text: format.day(row.date), dimmed: row.closedReason !== null })),
      colLabels: grid.cols.map((col) => {
        const slot = grid.cells.flat().find((cell) => cell?.code === col.code);
        return slot ? format.slotName(slot) : col.label;
      }),
      cells: grid.cells.flat().map((slot) => ({
        label: slot ? t(SLOT_STATUS_KEY[slot.status]) : "—",
        ...(slot?.status === "available"
          ? { sub: slot.feeYen > 0 ? format.yen(slot.feeYen) : t("facility.fee.free") }
          : slot?.status === "closed" && slot.closedReason
            ? { sub: slot.closedReason }
            : {}),
        disabled: slot?.status !== "available",
      })),
      onPick: (row, col) => {
        const slot = grid.cells[row]?.[col];
        const next = slot ? chooseSlot(state, slot) : state;
        if (!slot || next === state) {
          host.toast(t("facility.slots.takenNotice"));
          return;
        }
        void this.#confirm(client, next, slot);
      },
    }));
  }

  async #confirm(client: FacilityClient, state: BookingState, slot: ChosenSlot): Promise<void> {
    const { t, nav } = this.#app;
    const input = { facilityId: state.facility!.facilityId, date: slot.date, slotCode: slot.code };
    const terms = await this.#app.load(() => client.terms(input));
    if (!terms) return;
    nav.go(() => ({
      kind: "message",
      name: "facility-confirm",
      title: t("facility.confirm.title"),
      tone: "info",
      paragraphs: [
        { text: t("facility.confirm.place", { facility: state.facility!.name, town: state.town!.name }) },
        { text: this.#when(slot.date, slot) },
        ...this.#fee(terms.feeYen),
        { text: this.#terms(terms), tone: "warn" },
      ],
      choices: [
        { label: t("facility.confirm.book"), onSelect: () => void this.#book(client, state, slot) },
        { label: t("common.back"), onSelect: () => nav.back() },
      ],
    }));
  }

  async #book(client: FacilityClient, state: BookingState, slot: ChosenSlot): Promise<void> {
    const { t, nav } = this.#app;
    const input = { facilityId: state.facility!.facilityId, date: slot.date, slotCode: slot.code };
    let booking: Booking | null;
    try {
      booking = await this.#app.withStepUp(async () => {
        const progress = nav.go(() => ({
          kind: "progress",
          name: "booking-progress",
          title: t("progress.title"),
          step: t("progress.booking"),
        }));
        try {
          return await client.book(input);
        } finally {
          if (nav.isCurrent(progress)) nav.pop();
        }
      }, BOOKING_NOT_MADE);
    } catch (error) {
      this.#app.showError(error);
      return;
    }
    if (!booking) return;
    confirmBooking(state, booking);
    this.#done(booking);
  }

  #done(booking: Booking): void {
    const { t, nav } = this.#app;
    nav.go(() => ({
      kind: "message",
      name: "facility-done",
      title: t("facility.done.title"),
      tone: "success",
      paragraphs: [
        { text: t("facility.done.number", { id: booking.bookingId }), size: 48 },
        { text: t("facility.confirm.place", { facility: booking.facilityName, town: booking.townName }) },
        { text: this.#when(booking.date, booking.slot) },
        ...this.#fee(booking.feeYen),
        { text: t("facility.done.body") },
      ],
      choices: [{ label: t("common.toPortal"), onSelect: () => this.#app.home() }],
      onBack: () => this.#app.home(),
    }));
  }

  /** 日時：12月3日(木) 午前（09:00〜12:00） / When: Thu 3 December 09:00–12:00. */
  #when(date: string, slot: { label: string; startsAt: string; endsAt: string }): string {
    const { t, format } = this.#app;
    return t("facility.confirm.time", {
      date: format.day(date),
      slot: format.slotName(slot),
      times: format.slotTimes(slot),
    });
  }

  /** The fee, and for a paid booking that it is billed with the cable TV fee. */
  #fee(feeYen: number): Paragraph[] {
    const { t, format } = this.#app;
    if (feeYen === 0) return [{ text: t("facility.fee.free") }];
    return [
      { text: t("facility.confirm.fee", { fee: format.yen(feeYen) }), size: 48 },
      { text: t("facility.confirm.billing"), tone: "warn" },
    ];
  }

  /** The cancellation terms as quoted: the deadline, and until when a paid booking is refunded. */
  #terms(terms: BookingTerms): string {
    const { t, format } = this.#app;
    const deadline = format.day(terms.cancelDeadline);
    if (terms.freeCancellationUntil === null) return t("facility.confirm.terms.free", { deadline });
    if (jstDate(this.#app.now()) > terms.freeCancellationUntil) {
      return t("facility.confirm.terms.paidLate", {
        deadline,
        fee: format.yen(terms.lateCancellationFeeYen),
      });
    }
    return t("facility.confirm.terms.paid", {
      deadline,
      freeUntil: format.day(terms.freeCancellationUntil),
      fee: format.yen(terms.lateCancellationFeeYen),
    });
  }
}
