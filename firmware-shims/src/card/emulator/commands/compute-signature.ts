/**
 * @module COMPUTE DIGITAL SIGNATURE (`80 2A P1 P2 Lc <data> 00`).
 * - JPKI AP: the key is the selected EF 0017 / 001A (P2 80) or named by SFI (P2 97 / 9A); it is usable only after
 *   VERIFY of its PIN (0018 / 001B), else 6982; P1 chooses the input form (rsa-sign.ts).
 * - 券面事項確認AP: P1 P2 00 00 signs with the card key, no credential needed; the verifier sends
 *   DigestInfo(SHA-256(challenge)) and gets a 256-byte PKCS#1 v1.5 signature (kenkaku.md §3).
 */
import type { KeyObject } from "node:crypto";
import { type CardContext, type CommandHandler, referencedFile } from "../card-context.ts";
import type { CommandApdu } from "../parse-command.ts";
import { modulusBytes, type SignOutcome, signJpki, signPkcs1Raw } from "../rsa-sign.ts";
import { respond, SW } from "../status-words.ts";

export const computeSignature: CommandHandler = (command, card) => {
  const rule = card.session.application?.signing;
  if (!rule) return respond(SW.CONDITIONS_NOT_SATISFIED);
  if (command.data.length === 0) return respond(SW.WRONG_LENGTH);
  switch (rule.kind) {
    case "jpki":
      return signWithJpkiKey(command, card);
    case "kenkaku":
      if (command.p1 !== 0x00 || command.p2 !== 0x00) return respond(SW.WRONG_P1_P2);
      return finish(rule.defaultKey, command, signPkcs1Raw(rule.defaultKey, command.data));
    case "none":
      return respond(SW.CONDITIONS_NOT_SATISFIED);
  }
};

function signWithJpkiKey(command: CommandApdu, card: CardContext): Uint8Array {
  const file = referencedFile(card, command.p2);
  if (file === "p2") return respond(SW.WRONG_P1_P2);
  if (file?.kind !== "key") return respond(SW.REFERENCE_NOT_FOUND);
  if (command.p1 > 0x05) return respond(SW.WRONG_P1_P2);
  if (file.usableAfter !== undefined && !card.session.verified.has(file.usableAfter)) {
    return respond(SW.SECURITY_STATUS_NOT_SATISFIED);
  }
  return finish(file.key, command, signJpki(file.key, command.p1, command.data));
}

function finish(key: KeyObject, command: CommandApdu, outcome: SignOutcome): Uint8Array {
  if (!outcome.ok) return respond(outcome.reason === "p1" ? SW.WRONG_P1_P2 : SW.WRONG_LENGTH);
  // A short Le smaller than the signature: 6Cxx tells the reader the exact length (00 = 256), ISO 7816-3 §12.2.
  if (command.le !== undefined && command.le < modulusBytes(key)) {
    return respond(SW.WRONG_LE_PREFIX | (modulusBytes(key) & 0xff));
  }
  return respond(SW.OK, outcome.signature);
}
