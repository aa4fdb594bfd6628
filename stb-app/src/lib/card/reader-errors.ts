/**
 * @module The firmware driver's reader errors (firmware-shims `readerErrorCatalogue`) in the app's card codes:
 * what matters to the viewer is whether to plug the reader, place the card, place it again, use the right
 * card, or mind the PIN.
 */
import { AppError, type CardErrorCode } from "../errors/app-error.ts";

const byReaderCode: Record<string, CardErrorCode> = {
  reader_not_found: "reader_missing",
  reader_unplugged: "reader_missing",
  bridge_unavailable: "reader_missing",
  bridge_refused: "reader_missing",
  no_card: "card_missing",
  card_removed: "card_removed",
  not_my_number_card: "wrong_card",
  pin_incorrect: "wrong_pin",
  pin_blocked: "pin_locked",
  // Everything else (mute card, protocol errors, time-outs, garbled replies, a busy reader) is helped by
  // placing the card again.
};

/** A thrown driver error as an AppError; anything without a reader code is passed on untouched. */
export function fromReaderError(error: unknown): unknown {
  // The port's own errors (a blocked PIN found by an empty VERIFY) already say what they mean.
  if (error instanceof AppError) return error;
  if (!error || typeof error !== "object" || typeof (error as { code?: unknown }).code !== "string")
    return error;
  const { code, message, remainingTries } = error as {
    code: string;
    message?: string;
    remainingTries?: number;
  };
  if (code === "pin_format") return new AppError("wrong_pin", message ?? code);
  const mapped = byReaderCode[code] ?? "card_unreadable";
  return new AppError(
    mapped,
    message ?? code,
    typeof remainingTries === "number" ? { triesLeft: remainingTries } : {},
  );
}
