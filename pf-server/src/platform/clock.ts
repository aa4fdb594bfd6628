/**
 * @module Time source, injectable so tests can move past expiries without sleeping.
 */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** "YYYY-MM" in Japan time: operators bill, and the PF meters, per calendar month in JST. */
export { jstMonth as monthOf } from "@catv/contracts/calendar";

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
