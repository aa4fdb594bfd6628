/**
 * @module The booking rules of the demo municipalities' 施設予約 (their 公の施設 regulations, simplified),
 * stated once so the API, the domain and the README agree.
 */

export const bookingRules = {
  /** Reservations open this many days ahead (予約受付: 利用日の60日前から). */
  bookableDaysAhead: 60,
  /** The earliest bookable date is tomorrow (当日予約は窓口のみ). */
  earliestDaysAhead: 1,
  /** Open (future, not cancelled) bookings one viewer may hold at once. */
  maxOpenBookings: 5,
  /** Cancellation is accepted until the end of the day before use (前日まで), JST. */
  cancelUntilDaysBefore: 1,
  /** Cancelled at least this many days before use: the fee is refunded (使用料の還付) and a reversal reported. */
  freeCancellationDaysBefore: 7,
  /**
   * Consumption tax included in the fees. Renting a facility is a taxable transaction, so municipalities quote
   * tax-included 使用料; the PF needs the rate to print the bill.
   */
  taxRatePercent: 10,
} as const;
