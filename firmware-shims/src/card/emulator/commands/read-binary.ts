/**
 * @module READ BINARY (`00 B0`): the current EF at a 15-bit offset (P1 bit 8 = 0), or the EF named by a short id
 * (P1 = 80|SFI, P2 = offset), which also makes it current (ISO 7816-4 §11.2.3). Le 00 means 256 bytes and the
 * extended Le up to 65536; the card returns what is left up to the end, and 6B00 at or past it (jpki.md §3).
 */
import { type CardContext, type CommandHandler, findFile } from "../card-context.ts";
import { respond, SW } from "../status-words.ts";

export const readBinary: CommandHandler = (command, card) => {
  if (command.data.length > 0 || command.le === undefined) return respond(SW.WRONG_LENGTH);
  let fid: number | undefined;
  let offset: number;
  if (command.p1 & 0x80) {
    // Bits 7–6 of P1 must be 0 with an SFI, and SFI 0 is not a file.
    const sfi = command.p1 & 0x1f;
    if (command.p1 & 0x60 || sfi === 0) return respond(SW.WRONG_P1_P2);
    fid = sfi;
    offset = command.p2;
  } else {
    fid = card.session.currentEf;
    offset = (command.p1 << 8) | command.p2;
    if (fid === undefined) return respond(card.session.application ? SW.NO_CURRENT_EF : SW.FILE_NOT_FOUND);
  }
  const file = findFile(card, fid);
  if (!file) return respond(SW.FILE_NOT_FOUND);
  if (command.p1 & 0x80) card.session.currentEf = fid;
  if (file.kind === "refused") return respond(SW.SECURITY_STATUS_NOT_SATISFIED);
  // PINs and private keys are not transparent files: nothing reads them out.
  if (file.kind !== "binary") return respond(SW.INCOMPATIBLE_FILE_STRUCTURE);
  if (file.readableAfter !== undefined && !isVerified(card, file.readableAfter)) {
    return respond(SW.SECURITY_STATUS_NOT_SATISFIED);
  }
  if (offset >= file.content.length) return respond(SW.WRONG_OFFSET);
  return respond(SW.OK, file.content.subarray(offset, Math.min(file.content.length, offset + command.le)));
};

export function isVerified(card: CardContext, pinFid: number): boolean {
  return card.session.verified.has(pinFid);
}
