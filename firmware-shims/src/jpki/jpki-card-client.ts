/**
 * @module The JPKI card client: the APDUs of jpki.md §3 and kenkaku.md §3, each as one small method, over any
 * APDU channel (the CCID driver, in the browser or in Node). Every command passes the personal-number guard
 * first, so no method — and no caller — can reach a file or key that exposes the 個人番号.
 *
 * @example
 * const card = await JpkiCardClient.connect(reader); // powers on
 * await card.selectJpki();
 * const certificate = await card.readCertificate("auth");
 */

import { concatBytes } from "@catv/jpki/bytes";
import { type CommandApdu, encodeCommandApdu } from "../apdu/command-apdu.ts";
import { type ResponseApdu, SW_OK, swHex } from "../apdu/response-apdu.ts";
import { PinIncorrectError, ReaderError } from "../ccid/errors.ts";
import {
  type CertificateKind,
  certificateFile,
  JPKI_AID,
  JpkiFile,
  KENKAKU_AID,
  KenkakuFile,
  type PinKind,
  pinReference,
} from "./card-files.ts";
import { CERTIFICATE_HEADER_LENGTH, certificateLength, certificateSerialHex } from "./der-certificate.ts";
import { sha256DigestInfo } from "./digest-info.ts";
import { PersonalNumberGuard } from "./personal-number-guard.ts";

/** What the client needs of a reader: the CCID driver satisfies it. */
export interface ApduChannel {
  readonly supportsExtendedApdu: boolean;
  powerOn(): Promise<Uint8Array>;
  transmitApdu(command: CommandApdu): Promise<ResponseApdu>;
}

/** Counts what went over the wire, for the benchmark and for logs (never the contents). */
export interface ApduStats {
  apdus: number;
  bytesOut: number;
  bytesIn: number;
}

export interface PinStatus {
  verified: boolean;
  blocked: boolean;
  /** Undefined when the card does not say (it answered 9000). */
  triesLeft: number | undefined;
}

const BIRTH_DATE_KEY_FORMAT = /^[0-9]{6}$/;
/** Short READ BINARY can ask for at most 256 bytes; extended up to 65536 (ISO 7816-4 §5.1). */
const SHORT_READ_MAX = 256;
const EXTENDED_READ_MAX = 65536;

export class JpkiCardClient {
  readonly #channel: ApduChannel;
  readonly #guard = new PersonalNumberGuard();
  readonly stats: ApduStats = { apdus: 0, bytesOut: 0, bytesIn: 0 };

  constructor(channel: ApduChannel) {
    this.#channel = channel;
  }

  /** Powers the card on (a reset clears its PIN state) and returns a client for it. */
  static async connect(channel: ApduChannel): Promise<JpkiCardClient> {
    const client = new JpkiCardClient(channel);
    await client.reset();
    return client;
  }

  async reset(): Promise<Uint8Array> {
    this.#guard.reset();
    return this.#channel.powerOn();
  }

  // ——— JPKI-AP ———

  async selectJpki(): Promise<void> {
    await this.#selectApplication(JPKI_AID);
  }

  /** EF 0006's token label; `JPKIAPICCTOKEN2` marks a My Number card (jpki.md §2). */
  async readTokenLabel(): Promise<string> {
    const data = await this.#readBySfi(JpkiFile.tokenInfo, 32);
    return new TextDecoder().decode(data).replace(/[ \0]+$/, "");
  }

  /** The serial of a certificate from its first bytes only (one READ): enough to find it in a cache. */
  async readCertificateSerial(kind: CertificateKind): Promise<{ serialHex: string; header: Uint8Array }> {
    const header = await this.#readBySfi(certificateFile[kind], CERTIFICATE_HEADER_LENGTH);
    return { serialHex: certificateSerialHex(header), header };
  }

  /**
   * Reads a whole certificate: the header first (its length), then the rest in as few READs as the reader
   * allows — one extended READ at extended level, 256-byte READs otherwise. The signature certificate needs
   * the 署名用パスワード verified first.
   */
  async readCertificate(kind: CertificateKind, header?: Uint8Array): Promise<Uint8Array> {
    const head = header ?? (await this.#readBySfi(certificateFile[kind], CERTIFICATE_HEADER_LENGTH));
    const total = certificateLength(head);
    return this.#readRest(head.subarray(0, Math.min(head.length, total)), total);
  }

  /**
   * A PIN's state from an empty VERIFY, which spends no attempt: `63Cx` = x tries left, `9000` = already
   * verified in this session (some cards answer so, kenkaku.md §3), `63C0`/`6984` = blocked.
   */
  async pinStatus(kind: PinKind): Promise<PinStatus> {
    const { pinFile } = pinReference[kind];
    const response = await this.#send({ cla: 0, ins: 0x20, p1: 0, p2: 0x80 | pinFile });
    if (response.sw === SW_OK) return { verified: true, blocked: false, triesLeft: undefined };
    const triesLeft = triesFromStatus(response.sw);
    return { verified: false, blocked: triesLeft === 0, triesLeft };
  }

  /** VERIFY the 利用者証明用暗証番号 (4 digits) or the 署名用パスワード (6–16 of A–Z 0–9, upper-cased here). */
  async verifyPin(kind: PinKind, pin: string): Promise<void> {
    const { pinFile, format, label } = pinReference[kind];
    const value = kind === "sign" ? pin.toUpperCase() : pin;
    if (!format.test(value)) throw new ReaderError("pin_format", `the ${label} has the wrong format`);
    await this.#verify(0x80 | pinFile, value);
  }

  /** Signs a DigestInfo with the user-authentication or the signature key (`80 2A 00 80|SFI`, PKCS#1 v1.5). */
  async signDigestInfo(kind: PinKind, digestInfo: Uint8Array): Promise<Uint8Array> {
    const { keyFile } = pinReference[kind];
    return this.#sign(0x80 | keyFile, digestInfo);
  }

  /** Hashes `message` with SHA-256 and signs its DigestInfo with the chosen key. */
  async signMessage(kind: PinKind, message: Uint8Array): Promise<Uint8Array> {
    return this.signDigestInfo(kind, await sha256DigestInfo(message));
  }

  // ——— 券面事項確認AP: the PIN-less steps (kenkaku.md §3) and nothing else ———

  async selectKenkaku(): Promise<void> {
    await this.#selectApplication(KENKAKU_AID);
  }

  /** VERIFY of EF 0011 with the 生年月日 key (和暦 YYMMDD). */
  async verifyBirthDateKey(birthDateKey: string): Promise<void> {
    if (!BIRTH_DATE_KEY_FORMAT.test(birthDateKey))
      throw new ReaderError("pin_format", "the 生年月日 key is 6 digits");
    await this.#verify(0x80 | KenkakuFile.birthDateKey, birthDateKey);
  }

  /** EF 0001: FF10 { DF11 birth date, DF12 card public key, DF13 signature }; needs the 生年月日 key. */
  async readDateOfBirthRecord(): Promise<Uint8Array> {
    return this.#readTlvFile(KenkakuFile.dateOfBirthRecord);
  }

  /** EF 0004: the card-verifiable certificate 7F21 { 5F4E, 5F37 }. */
  async readCardVerifiableCertificate(): Promise<Uint8Array> {
    return this.#readTlvFile(KenkakuFile.cardVerifiableCertificate);
  }

  /** The card's own key signs DigestInfo(SHA-256(challenge)) with `80 2A 00 00` (kenkaku.md §3). */
  async signChallengeWithCardKey(challenge: Uint8Array): Promise<Uint8Array> {
    return this.signDigestInfoWithCardKey(await sha256DigestInfo(challenge));
  }

  /** The same with a DigestInfo the caller built. */
  async signDigestInfoWithCardKey(digestInfo: Uint8Array): Promise<Uint8Array> {
    return this.#sign(0x00, digestInfo);
  }

  // ——— Steps ———

  async #selectApplication(aid: Uint8Array): Promise<void> {
    const response = await this.#send({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x0c, data: aid });
    // 6A82 (no such application), or 6D00 from a card that does not even know SELECT by AID: not our card.
    if (response.sw !== SW_OK) {
      throw new ReaderError("not_my_number_card", "the card refused the application", {
        sw: swHex(response.sw),
      });
    }
  }

  async #verify(p2: number, value: string): Promise<void> {
    const response = await this.#send({
      cla: 0,
      ins: 0x20,
      p1: 0,
      p2,
      data: new TextEncoder().encode(value),
    });
    if (response.sw === SW_OK) return;
    const tries = triesFromStatus(response.sw);
    if (tries === 0) throw new ReaderError("pin_blocked", "the PIN is blocked", { sw: swHex(response.sw) });
    throw new PinIncorrectError(tries);
  }

  async #sign(p2: number, digestInfo: Uint8Array): Promise<Uint8Array> {
    const response = await this.#send({ cla: 0x80, ins: 0x2a, p1: 0x00, p2, data: digestInfo, le: 256 });
    expectOk(response, "COMPUTE SIGNATURE");
    return response.data;
  }

  async #readBySfi(sfi: number, le: number): Promise<Uint8Array> {
    const response = await this.#send({ cla: 0, ins: 0xb0, p1: 0x80 | sfi, p2: 0, le });
    expectOk(response, "READ BINARY");
    return response.data;
  }

  /** Reads a TLV file by SFI: the first bytes give the length of the whole object; filler after it is ignored. */
  async #readTlvFile(sfi: number): Promise<Uint8Array> {
    const head = await this.#readBySfi(
      sfi,
      this.#channel.supportsExtendedApdu ? EXTENDED_READ_MAX : SHORT_READ_MAX,
    );
    const total = tlvLength(head);
    return this.#readRest(head.subarray(0, Math.min(head.length, total)), total);
  }

  /** Reads the current EF from `have.length` up to `total` in the fewest READs the reader allows. */
  async #readRest(have: Uint8Array, total: number): Promise<Uint8Array> {
    const parts = [have];
    let offset = have.length;
    const max = this.#channel.supportsExtendedApdu ? EXTENDED_READ_MAX : SHORT_READ_MAX;
    while (offset < total) {
      if (offset > 0x7fff)
        throw new ReaderError("malformed_reply", "a file longer than READ BINARY can address");
      const le = Math.min(max, total - offset);
      const response = await this.#send({ cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le });
      expectOk(response, "READ BINARY");
      if (response.data.length === 0) throw new ReaderError("malformed_reply", "the card returned no data");
      parts.push(response.data);
      offset += response.data.length;
    }
    return concatBytes(...parts).subarray(0, total);
  }

  async #send(command: CommandApdu): Promise<ResponseApdu> {
    this.#guard.check(command);
    const response = await this.#channel.transmitApdu(command);
    this.stats.apdus++;
    this.stats.bytesOut += encodeCommandApdu(command).length;
    this.stats.bytesIn += response.data.length + 2;
    if (response.sw === SW_OK) this.#guard.accepted(command);
    return response;
  }
}

function expectOk(response: ResponseApdu, step: string): void {
  if (response.sw === SW_OK) return;
  throw new ReaderError("card_status", `${step} answered ${swHex(response.sw)}`, { sw: swHex(response.sw) });
}

/** `63Cx` = x tries left; `63C0`, `6983` and `6984` = blocked (jpki.md §3). */
function triesFromStatus(sw: number): number {
  if ((sw & 0xfff0) === 0x63c0) return sw & 0x0f;
  if (sw === 0x6983 || sw === 0x6984) return 0;
  throw new ReaderError("card_status", `VERIFY answered ${swHex(sw)}`, { sw: swHex(sw) });
}

/** Total length of the BER-TLV at the start of `bytes` (one- or two-byte tag, definite length). */
export function tlvLength(bytes: Uint8Array): number {
  let offset = 1;
  if (((bytes[0] ?? 0) & 0x1f) === 0x1f) offset = 2;
  const first = bytes[offset];
  if (first === undefined) throw new ReaderError("malformed_reply", "truncated TLV");
  if (first < 0x80) return offset + 1 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 3 || offset + 1 + count > bytes.length)
    throw new ReaderError("malformed_reply", "bad TLV length");
  let length = 0;
  for (let i = 0; i < count; i++) length = (length << 8) | bytes[offset + 1 + i]!;
  return offset + 1 + count + length;
}
