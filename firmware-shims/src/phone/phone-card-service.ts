/**
 * @module The phone app's card side, standing in for the native app's NFC code: one simulated phone per browser
 * (its `phoneId`), each with its own contactless reader over the demo residents' emulated cards. It reads the card
 * and signs the PF's `toBeSigned` with the same JPKI steps as the STB (`sign-login-challenge.ts`,
 * `sign-registration-challenge.ts`), over the phone's NFC channel instead of CCID. PINs pass through to the card's
 * VERIFY only: never kept, never logged.
 */
import type { Logger } from "@catv/service-kit";
import type { CardLibrary } from "../bridge/card-library.ts";
import { ReaderError } from "../ccid/errors.ts";
import { JpkiCardClient } from "../jpki/jpki-card-client.ts";
import { signLoginChallenge } from "../jpki/sign-login-challenge.ts";
import { signRegistrationChallenge } from "../jpki/sign-registration-challenge.ts";
import { VirtualContactlessReader } from "../reader/virtual-contactless-reader.ts";

/** Phones remembered at once (a demo has a few; a runaway client cannot grow the map without bound). */
const MAX_PHONES = 200;

interface Phone {
  nfc: VirtualContactlessReader;
  cardId: string | undefined;
  busy: boolean;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

export class PhoneCardService {
  readonly #phones = new Map<string, Phone>();
  readonly #library: CardLibrary;
  readonly #logger: Logger;

  constructor(library: CardLibrary, logger: Logger) {
    this.#library = library;
    this.#logger = logger;
  }

  #phone(phoneId: string): Phone {
    let phone = this.#phones.get(phoneId);
    if (!phone) {
      if (this.#phones.size >= MAX_PHONES) {
        const oldest = this.#phones.keys().next().value;
        if (oldest !== undefined) this.#phones.delete(oldest);
      }
      phone = { nfc: new VirtualContactlessReader(), cardId: undefined, busy: false };
      this.#phones.set(phoneId, phone);
    }
    return phone;
  }

  cards() {
    return this.#library.list();
  }

  state(phoneId: string) {
    const phone = this.#phone(phoneId);
    return { cardId: phone.nfc.hasCard ? (phone.cardId ?? null) : null };
  }

  /** The card comes to the phone's back. */
  async touch(phoneId: string, cardId: string): Promise<void> {
    const card = await this.#library.take(cardId);
    if (!card) throw new ReaderError("not_my_number_card", "no such demo card");
    const phone = this.#phone(phoneId);
    phone.nfc.touch(card);
    phone.cardId = cardId;
  }

  pull(phoneId: string): void {
    const phone = this.#phone(phoneId);
    phone.nfc.pull();
    phone.cardId = undefined;
  }

  /** The hand moves away while the next command is at the card (the demo's and the tests' "card pulled"). */
  pullOnNextCommand(phoneId: string): void {
    this.#phone(phoneId).nfc.pullOnNextCommand = true;
  }

  async signLogin(phoneId: string, toBeSigned: Uint8Array, pin: string) {
    return this.#withCard(phoneId, async (client) => {
      const signed = await signLoginChallenge(client, { toBeSigned, pin });
      return {
        authenticationCertificate: b64(signed.authenticationCertificate),
        signature: b64(signed.signature),
      };
    });
  }

  async signRegistration(phoneId: string, toBeSigned: Uint8Array, signPassword: string) {
    return this.#withCard(phoneId, async (client) => {
      const signed = await signRegistrationChallenge(client, { toBeSigned, signPassword });
      return {
        signatureCertificate: b64(signed.signatureCertificate),
        authenticationCertificate: b64(signed.authenticationCertificate),
        signature: b64(signed.signature),
        cardKeyProof: {
          cardVerifiableCertificate: b64(signed.cardVerifiableCertificate),
          signature: b64(signed.cardSignature),
        },
      };
    });
  }

  async #withCard<T>(phoneId: string, work: (client: JpkiCardClient) => Promise<T>): Promise<T> {
    const phone = this.#phone(phoneId);
    if (phone.busy) throw new ReaderError("reader_busy", "the phone is already reading the card");
    phone.busy = true;
    try {
      return await work(await JpkiCardClient.connect(phone.nfc));
    } catch (error) {
      if (error instanceof ReaderError) {
        this.#logger.info("phone card read refused", { code: error.code });
        if (error.code === "card_removed") phone.cardId = undefined;
      }
      throw error;
    } finally {
      phone.busy = false;
    }
  }
}
