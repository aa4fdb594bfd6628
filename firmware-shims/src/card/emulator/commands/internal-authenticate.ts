/**
 * @module INTERNAL AUTHENTICATE (`00 88 00 P2`). The 券面 keys refuse it with 6985 and sign through `80 2A`
 * instead (kenkaku.md §3, myna-card card.rs). On the JPKI AP a PIN-protected key named by P2 answers 6982 before
 * VERIFY (jpki.md §3, observed with `00 88`); after VERIFY the emulator still sends clients to `80 2A` with 6985,
 * since what a real card does then is not documented.
 */
import { type CommandHandler, referencedFile } from "../card-context.ts";
import { respond, SW } from "../status-words.ts";

export const internalAuthenticate: CommandHandler = (command, card) => {
  const application = card.session.application;
  if (!application) return respond(SW.CONDITIONS_NOT_SATISFIED);
  if (command.p1 !== 0x00) return respond(SW.WRONG_P1_P2);
  if (application.internalAuthenticate === "refuse") return respond(SW.CONDITIONS_NOT_SATISFIED);
  const file = referencedFile(card, command.p2);
  if (file === "p2") return respond(SW.WRONG_P1_P2);
  if (file?.kind !== "key") return respond(SW.REFERENCE_NOT_FOUND);
  if (file.usableAfter !== undefined && !card.session.verified.has(file.usableAfter)) {
    return respond(SW.SECURITY_STATUS_NOT_SATISFIED);
  }
  return respond(SW.CONDITIONS_NOT_SATISFIED);
};
