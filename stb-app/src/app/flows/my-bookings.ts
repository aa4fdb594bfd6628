/**
 * @module わたしの予約: the viewer's open bookings with their 予約番号, fee and cancellation terms; cancelling asks
 * first and says whether the fee is refunded (a paid cancellation needs the PIN, like booking).
 */
import { jstDate } from "@catv/contracts/calendar";
import type { ServiceSummary } from "../../lib/pf/pf-client.ts";
import { type Booking, FacilityClient } from "../../lib/providers/facility-client.ts";
import type { AppContext } from "../app-context.ts";

/** What the card step of a cancellation leaves undone when the card is pulled at the PIN pad. */
const CANCELLATION_NOT_MADE = {
  notDoneKey: "facility.notCancelled",
  declinedKey: "facility.notCancelledDeclined",
};

export class MyBookingsFlow {
  readonly #app: AppContext;

  constructor(app: AppContext) {
    this.#app = app;
  }

  async open(service: ServiceSummary): Promise<void> {
    this.#app.setRetry(() => void this.open(service));
    if (!this.#app.pf.session && !(await this.#app.logIn(service))) return;
    const client = new FacilityClient(this.#app.pf, service.serviceId);
    const bookings = await this.#app.load(() => client.myBookings());
    if (!bookings) return;
    const { t, nav, format } = this.#app;
    nav.go(() => ({
      kind: "list",
      name: "my-bookings",
      title: t("facility.mine.title"),
      empty: t("facility.mine.none"),
      onBack: () => this.#app.home(),
      choices: bookings.map((b) => ({
        label: `${b.facilityName}　${format.day(b.date)} ${format.slotName(b.slot)}`,
        sub: [
          t("facility.mine.number", { id: b.bookingId }),
          format.slotTimes(b.slot),
          b.feeYen > 0 ? format.yen(b.feeYen) : t("facility.fee.free"),
          this.#cancelTerms(b),
          // The facility closed this slot after it was booked: the booking stands, with the staff's word on it.
          ...(b.notice ? [t("facility.mine.notice", { message: b.notice.message })] : []),
        ].join("　"),
        disabled: !b.cancellable,
        onSelect: () => this.#askCancel(client, service, b),
      })),
    }));
  }

  /** Until when it can be cancelled, and for a paid booking until when that is free. */
  #cancelTerms(booking: Booking): string {
    const { t, format } = this.#app;
    if (!booking.cancellable) return t("facility.mine.notCancellable");
    const deadline = format.day(booking.cancelDeadline);
    const free = booking.freeCancellationUntil;
    if (free !== null && jstDate(this.#app.now()) <= free) {
      return t("facility.mine.cancelFreeUntil", { freeUntil: format.day(free), deadline });
    }
    return t("facility.mine.cancelUntil", { date: deadline });
  }

  #askCancel(client: FacilityClient, service: ServiceSummary, booking: Booking): void {
    const { t, nav, format } = this.#app;
    const now = jstDate(this.#app.now());
    const refund =
      booking.feeYen === 0
        ? t("facility.fee.free")
        : booking.freeCancellationUntil && now <= booking.freeCancellationUntil
          ? t("facility.mine.refunded")
          : t("facility.mine.kept");
    nav.go(() => ({
      kind: "message",
      name: "cancel-confirm",
      title: t("facility.mine.cancelAsk"),
      tone: "warn",
      paragraphs: [
        { text: t("facility.mine.number", { id: booking.bookingId }) },
        { text: `${booking.facilityName}　${format.day(booking.date)} ${format.slotName(booking.slot)}` },
        { text: format.slotTimes(booking.slot) },
        { text: refund, tone: "warn" },
      ],
      choices: [
        { label: t("facility.mine.cancelYes"), onSelect: () => void this.#cancel(client, service, booking) },
        { label: t("common.back"), onSelect: () => nav.back() },
      ],
    }));
  }

  async #cancel(client: FacilityClient, service: ServiceSummary, booking: Booking): Promise<void> {
    const { t, nav, host } = this.#app;
    try {
      const cancelled = await this.#app.withStepUp(
        () => client.cancel(booking.bookingId),
        CANCELLATION_NOT_MADE,
      );
      if (!cancelled) return;
      host.toast(
        t(cancelled.feeOutcome === "kept" ? "facility.mine.cancelledKept" : "facility.mine.cancelled"),
      );
      nav.pop();
      nav.pop();
      await this.open(service);
    } catch (error) {
      this.#app.showError(error);
    }
  }
}
