/**
 * @module The guard on the command path: an allowlist of the APDUs this client may send, so that nothing that
 * exposes the 個人番号 can ever reach the card (system design "マイナンバーは流通しない"; kenkaku.md §6).
 *
 * It follows the card's state the way the card does — which application is selected, which EF is current — and
 * refuses, before sending:
 * - selecting any application but the JPKI-AP and the 券面事項確認AP (the 券面事項入力補助AP holds the
 *   個人番号 in EF 0001 and its hash in 0003; the 住基AP is not ours to touch);
 * - in the 確認AP, anything but the PIN-less steps: SELECT / READ of EF 0001, 0003, 0004, VERIFY of the
 *   生年月日 key 0011, the `80 2A 00 00` signature and GET CHALLENGE — so EF 0005 (個人番号 image) and
 *   照合番号A (0013, which *is* the 個人番号) are unreachable;
 * - SELECT by path, by parent or of the MF, which could land anywhere.
 */
import type { CommandApdu } from "../apdu/command-apdu.ts";
import { ReaderError } from "../ccid/errors.ts";
import { JPKI_AID, KENKAKU_AID, KenkakuFile } from "./card-files.ts";

type Application = "none" | "jpki" | "kenkaku";

const INS = {
  select: 0xa4,
  read: 0xb0,
  verify: 0x20,
  sign: 0x2a,
  getResponse: 0xc0,
  getChallenge: 0x84,
} as const;
const kenkakuFiles = new Set<number>(Object.values(KenkakuFile));
const kenkakuReadable = new Set<number>([
  KenkakuFile.dateOfBirthRecord,
  KenkakuFile.cardInfo,
  KenkakuFile.cardVerifiableCertificate,
]);

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) =>
  a !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);

export class PersonalNumberGuard {
  #application: Application = "none";
  #currentEf: number | undefined;

  /** Forget the card's state: after a reset no application is selected (ISO 7816-3). */
  reset(): void {
    this.#application = "none";
    this.#currentEf = undefined;
  }

  /** Throws `forbidden_personal_number` for any command outside the allowlist; nothing is sent then. */
  check(command: CommandApdu): void {
    const refuse = (why: string) =>
      new ReaderError("forbidden_personal_number", `refused before sending: ${why}`, {
        ins: command.ins,
        p1: command.p1,
        p2: command.p2,
      });
    if (command.cla !== 0x00 && !(command.cla === 0x80 && command.ins === INS.sign))
      throw refuse("unexpected CLA");
    if (command.ins === INS.getResponse) return;
    if (command.ins === INS.select) {
      if (command.p1 === 0x04) {
        if (sameBytes(command.data, JPKI_AID) || sameBytes(command.data, KENKAKU_AID)) return;
        throw refuse("selecting an application other than the JPKI-AP or the 券面事項確認AP");
      }
      if (command.p1 !== 0x02 || command.data?.length !== 2)
        throw refuse("SELECT other than by AID or EF id");
      if (this.#application === "none") throw refuse("SELECT of an EF with no application selected");
      const fid = (command.data[0]! << 8) | command.data[1]!;
      if (this.#application === "kenkaku" && !kenkakuFiles.has(fid))
        throw refuse(`券面事項確認AP EF ${fid.toString(16)}`);
      return;
    }
    if (this.#application === "jpki") {
      if ([INS.read, INS.verify, INS.sign, INS.getChallenge].includes(command.ins as 0xb0)) return;
      throw refuse(`INS ${command.ins.toString(16)} in the JPKI-AP`);
    }
    if (this.#application === "kenkaku") {
      this.#checkKenkaku(command, refuse);
      return;
    }
    throw refuse("a command with no application selected");
  }

  #checkKenkaku(command: CommandApdu, refuse: (why: string) => ReaderError): void {
    if (command.ins === INS.read) {
      const fid = command.p1 & 0x80 ? command.p1 & 0x1f : this.#currentEf;
      if (fid !== undefined && kenkakuReadable.has(fid)) return;
      throw refuse(`reading 券面事項確認AP EF ${fid?.toString(16) ?? "(none)"}`);
    }
    if (command.ins === INS.verify) {
      const fid = command.p2 === 0x80 ? this.#currentEf : command.p2 & 0x80 ? command.p2 & 0x1f : undefined;
      if (fid === KenkakuFile.birthDateKey) return;
      throw refuse("VERIFY of a 券面事項確認AP key other than the 生年月日 key");
    }
    if (command.ins === INS.sign && command.cla === 0x80 && command.p1 === 0 && command.p2 === 0) return;
    if (command.ins === INS.getChallenge) return;
    throw refuse(`INS ${command.ins.toString(16)} in the 券面事項確認AP`);
  }

  /** Follows the card's state once it accepted a command (status 9000). */
  accepted(command: CommandApdu): void {
    if (command.ins === INS.select && command.p1 === 0x04) {
      this.#application = sameBytes(command.data, JPKI_AID) ? "jpki" : "kenkaku";
      this.#currentEf = undefined;
    } else if (command.ins === INS.select && command.data?.length === 2) {
      this.#currentEf = (command.data[0]! << 8) | command.data[1]!;
    } else if (command.ins === INS.read && command.p1 & 0x80) {
      this.#currentEf = command.p1 & 0x1f;
    }
  }
}
