/**
 * @module SELECT (`00 A4`): an application by AID (P1 04) or an EF of the selected application by id (P1 02),
 * always with P2 0C (no FCI) as every JPKI and 券面 client sends it (jpki.md §3, kenkaku.md §3).
 */
import { type CommandHandler, emptySession } from "../card-context.ts";
import { respond, SW } from "../status-words.ts";

const BY_AID = 0x04;
const BY_EF_ID = 0x02;
const NO_RESPONSE_DATA = 0x0c;

export const select: CommandHandler = (command, card) => {
  if ((command.p1 !== BY_AID && command.p1 !== BY_EF_ID) || command.p2 !== NO_RESPONSE_DATA) {
    return respond(SW.WRONG_P1_P2);
  }
  // P2 0C asks for no response data; an Le some clients add anyway is ignored, as cards do.
  return command.p1 === BY_AID ? selectApplication(command.data, card) : selectEf(command.data, card);
};

function selectApplication(aid: Uint8Array, card: Parameters<CommandHandler>[1]): Uint8Array {
  // ISO 7816-4 §8.2.1.2: an AID is 5 to 16 bytes.
  if (aid.length < 5 || aid.length > 16) return respond(SW.WRONG_LENGTH);
  const application = card.applications.find((app) => equal(app.aid, aid));
  // A failed SELECT leaves the current selection as it was.
  if (!application) return respond(SW.FILE_NOT_FOUND);
  const session = card.session;
  const keepVerification = session.application === application && !application.reselectClearsVerification;
  const verified = keepVerification ? session.verified : emptySession().verified;
  session.application = application;
  session.currentEf = undefined;
  session.verified = verified;
  return respond(SW.OK);
}

function selectEf(fid: Uint8Array, card: Parameters<CommandHandler>[1]): Uint8Array {
  if (fid.length !== 2) return respond(SW.WRONG_LENGTH);
  const application = card.session.application;
  const id = (fid[0]! << 8) | fid[1]!;
  // After a reset the MF is current and none of the applications' EFs is visible.
  if (!application?.files.has(id)) return respond(SW.FILE_NOT_FOUND);
  card.session.currentEf = id;
  return respond(SW.OK);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
