/**
 * @module CHANGE REFERENCE DATA (`00 24 01 P2 Lc <new>`): after VERIFY in the same session, P1 01 carries only the
 * new value (jpki.md §3). The new value must follow the PIN's own format (4 digits; 6–16 of A–Z 0–9).
 */
import { type CommandHandler, referencedFile } from "../card-context.ts";
import { respond, SW } from "../status-words.ts";

const NEW_VALUE_ONLY = 0x01;

export const changeReferenceData: CommandHandler = async (command, card) => {
  if (command.p1 !== NEW_VALUE_ONLY) return respond(SW.WRONG_P1_P2);
  if (command.le !== undefined) return respond(SW.WRONG_LENGTH);
  const file = referencedFile(card, command.p2);
  if (file === "p2") return respond(SW.WRONG_P1_P2);
  if (!file) return respond(card.session.application ? SW.REFERENCE_NOT_FOUND : SW.FILE_NOT_FOUND);
  if (file.kind === "refused") return respond(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (file.kind !== "pin") return respond(SW.REFERENCE_NOT_FOUND);
  if (file.remaining(card.image) === 0) return respond(SW.AUTHENTICATION_METHOD_BLOCKED);
  if (!card.session.verified.has(file.fid)) return respond(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (!file.changeable) return respond(SW.CONDITIONS_NOT_SATISFIED);
  if (command.data.length < file.minLength || command.data.length > file.maxLength) {
    return respond(SW.WRONG_LENGTH);
  }
  const value = new TextDecoder("latin1").decode(command.data);
  if (!file.alphabet.test(value)) return respond(SW.WRONG_DATA);
  const previous = file.value(card.image);
  file.setValue(card.image, value);
  if (await card.persist()) return respond(SW.OK);
  // The old value stays in force when the new one could not be stored.
  file.setValue(card.image, previous);
  return respond(SW.NO_PRECISE_DIAGNOSIS);
};
