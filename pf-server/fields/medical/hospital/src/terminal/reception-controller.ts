/**
 * @module What the reception terminal does, screen by screen (参考１－３ from the patient's side): the patient
 * touches the card and is recognised without a PIN (or with it, when the terminal or the PF asks), answers the
 * 限度額 consent question, and is checked in; a card registered nowhere is offered registration at the desk with the
 * 署名用パスワード. Every failure ends on a screen named by its code (`reception-messages.ts` says what it says).
 * No DOM here: `screens.ts` draws `screen`, and tests drive the controller with a fake card and backend.
 */
import type { ReceptionBackend, RecognitionAnswer } from "./backend-client.ts";
import type { CardPort } from "./card-port.ts";

export type ReaderPresence = "no-reader" | "no-card" | "card-present";

export type PinReason = "method" | "pinless_card_not_bound" | "pinless_card_mismatch";

export type Screen =
  | { name: "starting" }
  | { name: "no_reader"; code: string }
  | { name: "idle" }
  | { name: "reading" }
  | { name: "pin"; reason: PinReason; triesLeft?: number; wrong?: boolean }
  | { name: "consent"; patientNumber: string; newPatient: boolean }
  | { name: "checking" }
  | { name: "done"; outcome: string; patientNumber: string; newPatient: boolean }
  | { name: "problem"; code: string; patientNumber?: string }
  | { name: "not_registered" }
  | { name: "register_insurer"; verifiers: { verifierId: string; name: string }[] }
  | { name: "register_consent"; verifier: { verifierId: string; name: string } }
  | {
      name: "register_password";
      verifier: { verifierId: string; name: string };
      triesLeft?: number;
      wrong?: boolean;
    }
  | { name: "registering" }
  | { name: "registered"; verifierName: string; linkStatus: "linked" | "pending"; existing: boolean };

/** Version of the registration consent text the terminal shows; the PF records it with the time. */
export const REGISTRATION_CONSENT_VERSION = "reception-registration-2026-12";

export interface ControllerOptions {
  card: CardPort;
  backend: Pick<
    ReceptionBackend,
    | "site"
    | "createChallenge"
    | "startPinless"
    | "recognise"
    | "checkEligibility"
    | "register"
    | "reportEvent"
  >;
  method: "pinless" | "pin";
  now?: () => Date;
  /** How long an outcome stays on screen after the card is taken (default 4 s). */
  settleMs?: number;
}

const b64 = (bytes: Uint8Array) => {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
};
const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : "internal_error";
};

/** Screens that wait for a card: a card put on the reader starts a recognition from these. */
const WAITING_FOR_CARD = new Set<Screen["name"]>(["idle"]);
/** Screens that end a patient's turn: taking the card away returns to the idle screen. */
const TURN_OVER = new Set<Screen["name"]>(["done", "problem", "registered", "not_registered"]);
/** Reader codes after which the same card may simply be placed again. */
const PLACE_AGAIN = new Set([
  "card_removed",
  "card_mute",
  "card_protocol_error",
  "timeout",
  "malformed_reply",
  "reader_busy",
  "no_card",
]);

export class ReceptionController {
  #screen: Screen = { name: "starting" };
  #presence: ReaderPresence = "no-reader";
  #recognition: RecognitionAnswer | undefined;
  #busy = false;
  #settleTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #listeners = new Set<(screen: Screen) => void>();
  readonly #options: ControllerOptions;

  constructor(options: ControllerOptions) {
    this.#options = options;
  }

  get screen(): Screen {
    return this.#screen;
  }

  subscribe(listener: (screen: Screen) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#screen);
    return () => this.#listeners.delete(listener);
  }

  /** The reader's presence changed (from the firmware bridge's reader monitor). */
  presenceChanged(presence: ReaderPresence): void {
    const before = this.#presence;
    this.#presence = presence;
    if (presence === "no-reader") {
      this.#report("reader", "reader_unplugged");
      this.#show({ name: "no_reader", code: "reader_unplugged" });
      return;
    }
    if (before === "no-reader") {
      this.#report("reader", "ok");
      this.#show({ name: "idle" });
    }
    if (presence === "card-present" && WAITING_FOR_CARD.has(this.#screen.name)) {
      void this.#recognise();
    } else if (
      presence === "card-present" &&
      this.#screen.name === "problem" &&
      PLACE_AGAIN.has(this.#screen.code)
    ) {
      void this.#recognise();
    } else if (presence === "no-card" && before === "card-present") {
      this.#cardTaken();
    }
  }

  /** The bridge could not be reached at all (no boot file, refused, gone). */
  bridgeUnavailable(code: "bridge_unavailable" | "bridge_refused"): void {
    this.#show({ name: "no_reader", code });
  }

  /** The 4-digit PIN typed on the pad. */
  async submitPin(pin: string): Promise<void> {
    const screen = this.#screen;
    if (screen.name !== "pin" || this.#busy) return;
    await this.#run(async () => {
      this.#show({ name: "reading" });
      const challenge = await this.#options.backend.createChallenge("login");
      let signed: Awaited<ReturnType<CardPort["signLogin"]>>;
      try {
        // A card the PF does not know for PIN-less use (new, renewed) is bound by this PIN recognition.
        signed = await this.#options.card.signLogin(
          pin,
          fromB64(challenge.toBeSigned),
          screen.reason !== "method",
        );
      } catch (error) {
        if (codeOf(error) === "pin_incorrect") {
          const triesLeft = (error as { remainingTries?: number }).remainingTries;
          this.#show({ ...screen, wrong: true, ...(triesLeft === undefined ? {} : { triesLeft }) });
          return;
        }
        throw error;
      }
      const recognition = await this.#options.backend.recognise({
        method: "pin",
        challengeId: challenge.challengeId,
        authenticationCertificate: b64(signed.authenticationCertificate),
        signature: b64(signed.signature),
        ...(signed.cardVerifiableCertificate && signed.cardSignature
          ? {
              cardKeyProof: {
                cardVerifiableCertificate: b64(signed.cardVerifiableCertificate),
                signature: b64(signed.cardSignature),
              },
            }
          : {}),
      });
      this.#recognised(recognition);
    });
  }

  /** The patient's answer to the 限度額 consent question. */
  async answerConsent(consent: boolean): Promise<void> {
    const recognition = this.#recognition;
    if (this.#screen.name !== "consent" || !recognition || this.#busy) return;
    await this.#run(async () => {
      this.#show({ name: "checking" });
      try {
        const result = await this.#options.backend.checkEligibility(recognition.recognitionId, consent);
        this.#show({
          name: "done",
          outcome: result.outcome,
          patientNumber: result.patientNumber,
          newPatient: recognition.newPatient,
        });
      } catch (error) {
        this.#show({ name: "problem", code: codeOf(error), patientNumber: recognition.patientNumber });
      }
    });
  }

  /** "利用登録する" on the not-registered screen: the insurers this reception registers patients with. */
  async startRegistration(): Promise<void> {
    if (this.#screen.name !== "not_registered" || this.#busy) return;
    await this.#run(async () => {
      const site = await this.#options.backend.site();
      this.#show({ name: "register_insurer", verifiers: site.verifiers });
    });
  }

  chooseInsurer(verifierId: string): void {
    const screen = this.#screen;
    if (screen.name !== "register_insurer") return;
    const verifier = screen.verifiers.find((v) => v.verifierId === verifierId);
    if (verifier) this.#show({ name: "register_consent", verifier });
  }

  acceptRegistrationConsent(): void {
    const screen = this.#screen;
    if (screen.name === "register_consent")
      this.#show({ name: "register_password", verifier: screen.verifier });
  }

  /** The 署名用パスワード typed on the terminal's keyboard. */
  async submitSignaturePassword(password: string): Promise<void> {
    const screen = this.#screen;
    if (screen.name !== "register_password" || this.#busy) return;
    await this.#run(async () => {
      this.#show({ name: "registering" });
      const challenge = await this.#options.backend.createChallenge("registration");
      let signed: Awaited<ReturnType<CardPort["signRegistration"]>>;
      try {
        signed = await this.#options.card.signRegistration(password, fromB64(challenge.toBeSigned));
      } catch (error) {
        const code = codeOf(error);
        if (code === "pin_incorrect") {
          const triesLeft = (error as { remainingTries?: number }).remainingTries;
          this.#show({ ...screen, wrong: true, ...(triesLeft === undefined ? {} : { triesLeft }) });
          return;
        }
        if (code === "pin_blocked") {
          this.#fail("signature_password_blocked");
          return;
        }
        throw error;
      }
      const registration = await this.#options.backend.register({
        challengeId: challenge.challengeId,
        signatureCertificate: b64(signed.signatureCertificate),
        authenticationCertificate: b64(signed.authenticationCertificate),
        signature: b64(signed.signature),
        cardKeyProof: {
          cardVerifiableCertificate: b64(signed.cardVerifiableCertificate),
          signature: b64(signed.cardSignature),
        },
        consent: {
          textVersion: REGISTRATION_CONSENT_VERSION,
          acceptedAt: (this.#options.now?.() ?? new Date()).toISOString(),
        },
        verifierId: screen.verifier.verifierId,
      });
      this.#show({
        name: "registered",
        verifierName: registration.verifierName,
        linkStatus: registration.linkStatus,
        existing: registration.outcome !== "new",
      });
    });
  }

  /** "続けて受付する" after a registration the insurer linked at once: recognise again with the card in place. */
  async continueAfterRegistration(): Promise<void> {
    if (this.#screen.name !== "registered") return;
    await this.#recognise();
  }

  /** "やめる" / "最初に戻る": back to the start (the card stays where it is). */
  cancel(): void {
    if (this.#busy) return;
    this.#recognition = undefined;
    this.#show(
      this.#presence === "no-reader" ? { name: "no_reader", code: "reader_unplugged" } : { name: "idle" },
    );
  }

  async #recognise(): Promise<void> {
    if (this.#busy) return;
    this.#recognition = undefined;
    if (this.#options.method === "pin") {
      this.#show({ name: "pin", reason: "method" });
      return;
    }
    await this.#run(async () => {
      this.#show({ name: "reading" });
      const card = await this.#options.card.readPinlessStart();
      const cardVerifiableCertificate = b64(card.cardVerifiableCertificate);
      let start: Awaited<ReturnType<ReceptionBackend["startPinless"]>>;
      try {
        start = await this.#options.backend.startPinless({
          authenticationCertificate: b64(card.authenticationCertificate),
          cardVerifiableCertificate,
        });
      } catch (error) {
        const code = codeOf(error);
        if (code === "pinless_card_not_bound" || code === "pinless_card_mismatch") {
          this.#show({ name: "pin", reason: code });
          return;
        }
        if (code === "card_not_registered") {
          this.#show({ name: "not_registered" });
          return;
        }
        throw error;
      }
      const proof = await this.#options.card.provePinless(start.birthDateKey, fromB64(start.challenge));
      const recognition = await this.#options.backend.recognise({
        method: "pinless",
        challengeId: start.challengeId,
        dateOfBirthRecord: b64(proof.dateOfBirthRecord),
        cardVerifiableCertificate,
        signature: b64(proof.signature),
      });
      this.#recognised(recognition);
    });
  }

  #recognised(recognition: RecognitionAnswer): void {
    this.#recognition = recognition;
    this.#show({
      name: "consent",
      patientNumber: recognition.patientNumber,
      newPatient: recognition.newPatient,
    });
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.#busy = true;
    try {
      await work();
    } catch (error) {
      const code = codeOf(error);
      if (code === "card_not_registered") this.#show({ name: "not_registered" });
      else this.#fail(code);
    } finally {
      this.#busy = false;
    }
  }

  #fail(code: string): void {
    // What the reader did is the desk's to know too; what the PF refused, the hospital's backend has logged itself.
    if (isReaderCode(code)) this.#report("card", code);
    this.#show({ name: "problem", code });
  }

  /** After the outcome, taking the card ends the patient's turn (elsewhere the flow goes on, or asks for it). */
  #cardTaken(): void {
    clearTimeout(this.#settleTimer);
    if (!TURN_OVER.has(this.#screen.name)) return;
    const turn = this.#screen;
    this.#settleTimer = setTimeout(() => {
      if (this.#screen === turn && this.#presence !== "card-present") this.#show({ name: "idle" });
    }, this.#options.settleMs ?? 4000);
  }

  #report(kind: "reader" | "card", code: string): void {
    void this.#options.backend.reportEvent(kind, code).catch(() => undefined);
  }

  #show(screen: Screen): void {
    this.#screen = screen;
    for (const listener of this.#listeners) listener(screen);
  }
}

const READER_CODES = new Set([
  "reader_not_found",
  "reader_unplugged",
  "reader_busy",
  "reader_hardware_error",
  "no_card",
  "card_removed",
  "card_mute",
  "card_protocol_error",
  "timeout",
  "malformed_reply",
  "card_status",
  "not_my_number_card",
  "pin_blocked",
  "signature_password_blocked",
  "bridge_unavailable",
  "bridge_refused",
]);
const isReaderCode = (code: string) => READER_CODES.has(code);
