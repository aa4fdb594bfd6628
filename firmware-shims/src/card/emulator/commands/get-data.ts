/**
 * @module GET DATA (`00 CA 5F 51`): the card answers the contact ATR (jpki.md §3, myna-card).
 */
import type { CommandHandler } from "../card-context.ts";
import { respond, SW } from "../status-words.ts";

const ANSWER_TO_RESET_TAG = 0x5f51;

export const getData: CommandHandler = (command, card) => {
  if (command.data.length > 0 || command.le === undefined) return respond(SW.WRONG_LENGTH);
  if (((command.p1 << 8) | command.p2) !== ANSWER_TO_RESET_TAG) return respond(SW.REFERENCE_NOT_FOUND);
  return respond(SW.OK, card.atr.subarray(0, command.le));
};
