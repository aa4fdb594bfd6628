/**
 * @module The emulated My Number card (個人番号カード(模擬)): a `SmartCard` that answers the JPKI AP and
 * 券面事項確認AP APDUs of jpki.md §1–§5 and kenkaku.md §2–§4 from a card image, and refuses everything that
 * would expose the 個人番号 (the image holds none).
 */
import { randomBytes } from "node:crypto";
import { type CardImage, cardImageSchema } from "@catv/jpki/card-image";
import type { Application } from "./applets/application.ts";
import { buildInputSupportApplication } from "./applets/input-support-ap.ts";
import { buildJpkiApplication } from "./applets/jpki-ap.ts";
import { buildKenkakuApplication } from "./applets/kenkaku-ap.ts";
import { type CardContext, type CommandHandler, emptySession } from "./emulator/card-context.ts";
import { changeReferenceData } from "./emulator/commands/change-reference-data.ts";
import { computeSignature } from "./emulator/commands/compute-signature.ts";
import { getChallenge } from "./emulator/commands/get-challenge.ts";
import { getData } from "./emulator/commands/get-data.ts";
import { internalAuthenticate } from "./emulator/commands/internal-authenticate.ts";
import { readBinary } from "./emulator/commands/read-binary.ts";
import { select } from "./emulator/commands/select.ts";
import { verify } from "./emulator/commands/verify.ts";
import { parseCommand } from "./emulator/parse-command.ts";
import { respond, SW } from "./emulator/status-words.ts";
import type { SmartCard } from "./smart-card.ts";
import type { CardStateStore } from "./store/card-state-store.ts";
import { type CardTiming, exchangeDelayMs, NO_DELAY, realSleep, type Sleep } from "./timing/card-timing.ts";

/** Contact ATR of the My Number card: T=1, no historical bytes; in OpenSC's `jpki_atrs` (jpki.md §5). */
export const MY_NUMBER_CARD_ATR = Uint8Array.of(0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14);

const CLA_ISO = 0x00;
const CLA_PROPRIETARY = 0x80;
const INS_COMPUTE_SIGNATURE = 0x2a;

/** ISO commands take CLA 00; COMPUTE DIGITAL SIGNATURE is proprietary (CLA 80). Secure messaging is not offered. */
const HANDLERS: ReadonlyMap<number, { cla: number; handle: CommandHandler }> = new Map([
  [0xa4, { cla: CLA_ISO, handle: select }],
  [0xb0, { cla: CLA_ISO, handle: readBinary }],
  [0x20, { cla: CLA_ISO, handle: verify }],
  [0x24, { cla: CLA_ISO, handle: changeReferenceData }],
  [0x84, { cla: CLA_ISO, handle: getChallenge }],
  [0xca, { cla: CLA_ISO, handle: getData }],
  [0x88, { cla: CLA_ISO, handle: internalAuthenticate }],
  [INS_COMPUTE_SIGNATURE, { cla: CLA_PROPRIETARY, handle: computeSignature }],
]);

export interface EmulatedCardOptions {
  /** Receives the image after every change of a counter or PIN; without one, changes live only in memory. */
  store?: CardStateStore;
  /** Answer delays; `NO_DELAY` unless given (see `REAL_CARD_TIMING`). */
  timing?: CardTiming;
  /** Injected in tests that check the timing model without waiting. */
  sleep?: Sleep;
}

/**
 * @example
 * const card = new EmulatedMyNumberCard(image, { store: await CardImageStore.open(path) });
 * card.powerOn();
 * await card.transmit(Uint8Array.from([0x00, 0xa4, 0x04, 0x0c, 0x0a, ...JPKI_AID]));  // → 90 00
 */
export class EmulatedMyNumberCard implements SmartCard {
  readonly cardId: string;
  private readonly context: CardContext;
  private readonly store: CardStateStore | undefined;
  private readonly sleep: Sleep;
  private powered = false;
  /** Commands run one at a time, in arrival order, as on a single-threaded chip. */
  private queue: Promise<unknown> = Promise.resolve();
  timing: CardTiming;

  /** Throws when the image is not a valid card image or holds an unreadable key (a broken issuance). */
  constructor(image: CardImage, options: EmulatedCardOptions = {}) {
    const working = cardImageSchema.parse(structuredClone(image));
    this.cardId = working.cardId;
    this.store = options.store;
    this.timing = options.timing ?? NO_DELAY;
    this.sleep = options.sleep ?? realSleep;
    const applications: Application[] = [
      buildJpkiApplication(working),
      buildKenkakuApplication(working),
      buildInputSupportApplication(),
    ];
    this.context = {
      image: working,
      session: emptySession(),
      applications,
      atr: MY_NUMBER_CARD_ATR,
      persist: () => this.persist(),
      randomBytes: (length) => new Uint8Array(randomBytes(length)),
    };
  }

  powerOn(): Uint8Array {
    this.powered = true;
    this.resetSession();
    return new Uint8Array(MY_NUMBER_CARD_ATR);
  }

  powerOff(): void {
    this.powered = false;
    this.resetSession();
  }

  get isPowered(): boolean {
    return this.powered;
  }

  /** Remaining tries, for the demo control page and tests (what `00 20 00 80` would also tell). */
  get counters(): CardImage["counters"] {
    return { ...this.context.image.counters };
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    const bytes = new Uint8Array(command);
    const run = this.queue.then(() => this.exchange(bytes));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async exchange(command: Uint8Array): Promise<Uint8Array> {
    let response: Uint8Array;
    try {
      response = await this.process(command);
    } catch {
      // A handler bug must not take the card down with it: answer "no precise diagnosis" as a chip would.
      response = respond(SW.NO_PRECISE_DIAGNOSIS);
    }
    const signed = command[1] === INS_COMPUTE_SIGNATURE && response.length > 2;
    await this.sleep(exchangeDelayMs(this.timing, command.length, response.length, signed));
    return response;
  }

  private async process(bytes: Uint8Array): Promise<Uint8Array> {
    // An unpowered card does not answer; the reader reports it as mute. Without a power-on there is no session.
    if (!this.powered) return respond(SW.NO_PRECISE_DIAGNOSIS);
    const command = parseCommand(bytes);
    if (!command) return respond(SW.WRONG_LENGTH);
    const entry = HANDLERS.get(command.ins);
    if (!entry)
      return respond(
        command.cla === CLA_ISO || command.cla === CLA_PROPRIETARY
          ? SW.INS_NOT_SUPPORTED
          : SW.CLA_NOT_SUPPORTED,
      );
    if (command.cla !== entry.cla) return respond(SW.CLA_NOT_SUPPORTED);
    return entry.handle(command, this.context);
  }

  private resetSession(): void {
    Object.assign(this.context.session, emptySession());
  }

  private async persist(): Promise<boolean> {
    if (!this.store) return true;
    try {
      await this.store.save(structuredClone(this.context.image));
      return true;
    } catch {
      return false;
    }
  }
}
