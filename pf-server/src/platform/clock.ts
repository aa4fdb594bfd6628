/**
 * @module Time source, injectable so tests can move past expiries without sleeping.
 */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** "YYYY-MM" in Japan time: operators bill per calendar month in JST. */
export function monthOf(date: Date): string {
  const jst = new Date(date.getTime() + 9 * 3600_000);
  return jst.toISOString().slice(0, 7);
}

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
