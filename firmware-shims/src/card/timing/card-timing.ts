/**
 * @module How long the emulated card takes to answer, so the TV app can be tried with realistic waits. Off in unit
 * tests (`NO_DELAY`); the bridge turns on `REAL_CARD_TIMING` for the demo.
 */

export interface CardTiming {
  /** Fixed cost of any APDU: reader round trip plus the card's command dispatch. */
  perCommandMs: number;
  /** Transfer cost per byte of command and response (T=1 at a few hundred kbit/s on a USB reader). */
  perByteMs: number;
  /** Extra cost of one RSA-2048 private-key operation (COMPUTE DIGITAL SIGNATURE). */
  perSignatureMs: number;
}

export const NO_DELAY: CardTiming = { perCommandMs: 0, perByteMs: 0, perSignatureMs: 0 };

/**
 * Roughly what a My Number card answers through a contact reader: a few tens of ms per APDU and a few hundred ms
 * per RSA-2048 signature (jpki.md, issue 3); a 2 KB certificate then takes about a quarter of a second to read.
 */
export const REAL_CARD_TIMING: CardTiming = { perCommandMs: 25, perByteMs: 0.05, perSignatureMs: 400 };

/** The delay for one exchange; `signed` is true when the command ran the card's RSA private-key operation. */
export function exchangeDelayMs(
  timing: CardTiming,
  commandBytes: number,
  responseBytes: number,
  signed: boolean,
): number {
  return (
    timing.perCommandMs +
    (commandBytes + responseBytes) * timing.perByteMs +
    (signed ? timing.perSignatureMs : 0)
  );
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));

/** Parses `off`, `real`, or `<command ms>,<per byte ms>,<signature ms>` (the CLI and the bridge's environment). */
export function parseTiming(text: string): CardTiming | undefined {
  if (text === "off") return NO_DELAY;
  if (text === "real") return REAL_CARD_TIMING;
  const parts = text.split(",").map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0)) return undefined;
  return { perCommandMs: parts[0]!, perByteMs: parts[1]!, perSignatureMs: parts[2]! };
}
