/**
 * @module VERIFY (`00 20 00 P2`): the empty form reports the tries left (`63Cx`) without spending one; with data
 * it compares the reference data. JPKI rules (jpki.md §3–§4): a wrong value answers `63Cx` with the tries left,
 * `63C0` on the attempt that blocks, `6984` on every attempt after that; a correct one restores the counter.
 */
import { type CardContext, type CommandHandler, referencedFile } from "../card-context.ts";
import type { PinFile } from "../card-files.ts";
import { respond, SW, triesLeft } from "../status-words.ts";

export const verify: CommandHandler = async (command, card) => {
  if (command.p1 !== 0x00) return respond(SW.WRONG_P1_P2);
  if (command.le !== undefined) return respond(SW.WRONG_LENGTH);
  const file = referencedFile(card, command.p2);
  if (file === "p2") return respond(SW.WRONG_P1_P2);
  if (!file) return respond(card.session.application ? SW.REFERENCE_NOT_FOUND : SW.FILE_NOT_FOUND);
  // 照合番号A is the 個人番号: the emulator does not even say how many tries it has.
  if (file.kind === "refused") return respond(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (file.kind !== "pin") return respond(SW.REFERENCE_NOT_FOUND);

  const remaining = file.remaining(card.image);
  if (command.data.length === 0) return respond(triesLeft(remaining));
  if (remaining === 0) return respond(SW.AUTHENTICATION_METHOD_BLOCKED);
  // A value of impossible length is rejected before the comparison, so it spends no try (jpki.md §11 leaves
  // the real card's answer open; 6700 is the ISO answer).
  if (command.data.length < file.minLength || command.data.length > file.maxLength) {
    return respond(SW.WRONG_LENGTH);
  }
  return compare(file, command.data, card);
};

async function compare(file: PinFile, presented: Uint8Array, card: CardContext): Promise<Uint8Array> {
  const remaining = file.remaining(card.image);
  if (sameBytes(presented, file.value(card.image))) {
    card.session.verified.add(file.fid);
    if (remaining === file.maxTries) return respond(SW.OK);
    file.setRemaining(card.image, file.maxTries);
    return (await card.persist()) ? respond(SW.OK) : respond(SW.NO_PRECISE_DIAGNOSIS);
  }
  card.session.verified.delete(file.fid);
  file.setRemaining(card.image, remaining - 1);
  // The spent try is stored before the card answers, so pulling the card cannot undo it.
  if (!(await card.persist())) return respond(SW.NO_PRECISE_DIAGNOSIS);
  return respond(triesLeft(remaining - 1));
}

/** PINs travel as plain ASCII without padding (jpki.md §4); the card compares bytes, so case matters. */
function sameBytes(presented: Uint8Array, expected: string): boolean {
  const bytes = new TextEncoder().encode(expected);
  if (bytes.length !== presented.length) return false;
  let difference = 0;
  for (let i = 0; i < bytes.length; i++) difference |= bytes[i]! ^ presented[i]!;
  return difference === 0;
}
