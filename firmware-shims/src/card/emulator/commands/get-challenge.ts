/**
 * @module GET CHALLENGE (`00 84 00 00 Le`): Le random bytes, 1–256 (kenkaku.md §3).
 */
import type { CommandHandler } from "../card-context.ts";
import { respond, SW } from "../status-words.ts";

export const getChallenge: CommandHandler = (command, card) => {
  if (command.p1 !== 0x00 || command.p2 !== 0x00) return respond(SW.WRONG_P1_P2);
  if (command.data.length > 0 || command.le === undefined || command.le > 256)
    return respond(SW.WRONG_LENGTH);
  return respond(SW.OK, card.randomBytes(command.le));
};
