/**
 * @module The state a command handler works on: the card's persistent data (the card image) and its volatile
 * session (selected application and EF, verified PINs), which a reset clears (ISO 7816-3 §6.2).
 */

import type { CardImage } from "@catv/jpki/card-image";
import type { Application } from "../applets/application.ts";
import type { CardFile } from "./card-files.ts";
import type { CommandApdu } from "./parse-command.ts";

export interface CardSession {
  application: Application | undefined;
  /** The current EF of the selected application (SELECT by EF id, or READ BINARY by SFI). */
  currentEf: number | undefined;
  /** PIN EFs verified since the application was selected; cleared by a reset or as the application decides. */
  verified: Set<number>;
}

export interface CardContext {
  /** The card's working copy of its image: counters and PIN values change here, then `persist` saves them. */
  readonly image: CardImage;
  readonly session: CardSession;
  readonly applications: readonly Application[];
  readonly atr: Uint8Array;
  /** Saves the image (counters, changed PINs); false when the store failed, so the card answers 6F00. */
  persist(): Promise<boolean>;
  randomBytes(length: number): Uint8Array;
}

export type CommandHandler = (command: CommandApdu, card: CardContext) => Uint8Array | Promise<Uint8Array>;

export function emptySession(): CardSession {
  return { application: undefined, currentEf: undefined, verified: new Set() };
}

/** A file of the selected application, or undefined (no application selected or no such EF). */
export function findFile(card: CardContext, fid: number): CardFile | undefined {
  return card.session.application?.files.get(fid);
}

/**
 * The object a VERIFY / CHANGE REFERENCE DATA / COMPUTE SIGNATURE P2 names: `80` = the current EF,
 * `80|SFI` (81–9E) = the EF with that short id (jpki.md §3: `98` = EF 0018, `9A` = EF 001A). Anything
 * else is not a reference this card knows: `"p2"` (→ 6A86).
 */
export function referencedFile(card: CardContext, p2: number): CardFile | undefined | "p2" {
  if ((p2 & 0xe0) !== 0x80 || p2 === 0x9f) return "p2";
  const sfi = p2 & 0x1f;
  const fid = sfi === 0 ? card.session.currentEf : sfi;
  return fid === undefined ? undefined : findFile(card, fid);
}
