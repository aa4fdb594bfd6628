/**
 * @module The phone's NFC reader, simulated: a contactless (ISO/IEC 14443-4, NFC IsoDep) channel to the same
 * emulated My Number cards the STB's virtual CCID reader holds. A phone app reaches the card through the OS's
 * `transceive(apdu)` and no CCID framing, so this channel carries the APDUs straight to the card, as the card
 * answers them. The card is "touched" while it lies on the phone and can be pulled at any time — also on purpose
 * while a command is at the card (`pullOnNextCommand`), as a hand moving away does (Android's TagLostException).
 *
 * @example
 * const nfc = new VirtualContactlessReader();
 * nfc.touch(card);
 * const client = await JpkiCardClient.connect(nfc);
 */
import type { CommandApdu } from "../apdu/command-apdu.ts";
import type { ResponseApdu } from "../apdu/response-apdu.ts";
import { transmitApdu } from "../apdu/transmit-apdu.ts";
import type { SmartCard } from "../card/smart-card.ts";
import { ReaderError } from "../ccid/errors.ts";
import type { ApduChannel } from "../jpki/jpki-card-client.ts";

export class VirtualContactlessReader implements ApduChannel {
  /** The My Number card's contactless interface takes extended APDUs (a certificate is read in one READ BINARY). */
  readonly supportsExtendedApdu = true;
  #card: SmartCard | undefined;
  #generation = 0;
  /** Pull the card away while the next command is at it. */
  pullOnNextCommand = false;

  get hasCard(): boolean {
    return this.#card !== undefined;
  }

  /** The card comes into the field: a new activation, as every tap is. */
  touch(card: SmartCard): void {
    this.#card?.powerOff();
    this.#card = card;
    this.#generation++;
  }

  /** The card leaves the field. */
  pull(): void {
    this.#card?.powerOff();
    this.#card = undefined;
    this.#generation++;
  }

  async powerOn(): Promise<Uint8Array> {
    if (!this.#card) throw new ReaderError("no_card", "no card in the phone's NFC field");
    return this.#card.powerOn();
  }

  async transmitApdu(command: CommandApdu): Promise<ResponseApdu> {
    return transmitApdu((bytes) => this.#transceive(bytes), command);
  }

  async #transceive(bytes: Uint8Array): Promise<Uint8Array> {
    const card = this.#card;
    if (!card) throw new ReaderError("card_removed", "the card left the phone's NFC field");
    const generation = this.#generation;
    const answer = card.transmit(bytes);
    if (this.pullOnNextCommand) {
      this.pullOnNextCommand = false;
      this.pull();
    }
    const response = await answer;
    // The answer of a card that has left the field never reaches the phone.
    if (generation !== this.#generation)
      throw new ReaderError("card_removed", "the card left the phone's NFC field during a command");
    return response;
  }
}
