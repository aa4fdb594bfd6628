/**
 * @module An application (DF) of the card as the command handlers see it.
 */
import type { KeyObject } from "node:crypto";
import type { CardFile } from "../emulator/card-files.ts";

/**
 * How COMPUTE DIGITAL SIGNATURE (`80 2A`) picks its key and formats its input in an application.
 * - `jpki`: P2 = 80 (the selected key EF) or 80|SFI; P1 00–05 (jpki.md §3); the key's PIN must be verified.
 * - `kenkaku`: P1 P2 = 00 00, the application's default key (the card key, not an EF), no credential needed (kenkaku.md §3).
 * - `none`: the application has no signing key the emulator holds.
 */
export type SigningRule = { kind: "jpki" } | { kind: "kenkaku"; defaultKey: KeyObject } | { kind: "none" };

export interface Application {
  /** For logs and tests; never shown to a viewer. */
  name: string;
  aid: Uint8Array;
  files: ReadonlyMap<number, CardFile>;
  /**
   * JPKI clients (OpenSC logout, post-reset) re-select the AP to drop PIN state, so the emulator clears it
   * (jpki.md §3 [I]); on the 券面事項確認AP only selecting another AP clears it (kenkaku.md §3, myna-card lib.rs).
   */
  reselectClearsVerification: boolean;
  signing: SigningRule;
  /** INTERNAL AUTHENTICATE (`00 88`): the 券面 keys answer 6985 and sign through `80 2A` instead (kenkaku.md §3). */
  internalAuthenticate: "refuse" | "jpki";
}

export function fileMap(files: CardFile[]): ReadonlyMap<number, CardFile> {
  return new Map(files.map((file) => [file.fid, file]));
}
