/**
 * @module The card on the reader during a flow: waiting for it, and what pulling it means. A flow that needs the
 * card (registration, login, step-up) runs as a card flow; pulling the card aborts it. A viewer who takes the card
 * while logged in leaves with it, so the session is closed — and when that card step was about to do something
 * (book a slot), the TV says it was not done rather than only "logged out".
 */
import { AppError } from "../lib/errors/app-error.ts";
import type { AppContext, PendingAction } from "./app-context.ts";

/**
 * How long a card flow waits for the reader to report the card before it draws "place your card": a card
 * already on the reader answers within this, so the viewer never sees that screen flash before the PIN pad.
 */
export const CARD_PROMPT_GRACE_MS = 300;

interface CardFlow {
  controller: AbortController;
  pending: PendingAction | undefined;
}

export class CardSession {
  readonly #app: AppContext;
  #flow: CardFlow | null = null;
  /** While the phone reads the card for a step-up: what it would leave undone, and whether the card left the reader. */
  #lent: { pending: PendingAction | undefined; removed: boolean } | null = null;

  constructor(app: AppContext) {
    this.#app = app;
    app.card.onCardRemoved(() => this.#removed());
  }

  /** The running card flow's signal (aborted when the card is pulled or the flow is abandoned), if any. */
  get signal(): AbortSignal | null {
    return this.#flow?.controller.signal ?? null;
  }

  /**
   * Starts a card flow and resolves true once a card sits on the reader. "Place your card" is drawn only when
   * none is there within the grace period. False when the viewer backs out or an error was shown — or chose
   * `withPhone` (スマートフォンで, offered on that screen), which then runs; an STB without a reader goes there at once.
   */
  async waitForCard(pending?: PendingAction, withPhone?: () => void): Promise<boolean> {
    const { t, nav } = this.#app;
    this.cancel();
    const flow: CardFlow = { controller: new AbortController(), pending };
    this.#flow = flow;
    const { signal } = flow.controller;
    const waiting = this.#app.card.waitForCard(signal).then(
      () => "present" as const,
      (error: unknown) => ({ error }),
    );
    let prompt: ReturnType<typeof nav.go> | null = null;
    const phone = withPhone
      ? () => {
          this.cancel();
          if (prompt && nav.isCurrent(prompt)) nav.pop();
          withPhone();
        }
      : undefined;
    const early = await Promise.race([waiting, delay(CARD_PROMPT_GRACE_MS).then(() => "waiting" as const)]);
    if (early === "waiting") {
      prompt = nav.go(() => ({
        kind: "message",
        name: "insert-card",
        title: t("card.insert.title"),
        tone: "info",
        paragraphs: [{ text: t("card.insert.body") }, { text: t("card.insert.waiting"), tone: "warn" }],
        choices: [
          ...(phone ? [{ label: t("phone.choice"), onSelect: phone }] : []),
          { label: t("common.cancel"), onSelect: () => this.abandon() },
        ],
        onBack: () => this.abandon(),
      }));
    }
    const outcome = early === "waiting" ? await waiting : early;
    if (signal.aborted) return false;
    if (outcome !== "present") {
      // No reader on this STB (most homes): the phone is the reader.
      const code = (outcome.error as { code?: unknown } | null)?.code;
      if (phone && (code === "reader_missing" || code === "firmware_missing")) {
        phone();
        return false;
      }
      this.#app.showError(outcome.error);
      return false;
    }
    if (prompt && nav.isCurrent(prompt)) nav.pop();
    return true;
  }

  /** Marks what the running card flow would leave undone if the card were pulled now. */
  setPending(pending: PendingAction | undefined): void {
    if (this.#flow) this.#flow.pending = pending;
  }

  /** The viewer backs out of a card flow: stop it and go to the portal. */
  abandon(): void {
    this.cancel();
    this.#app.home();
  }

  /**
   * The phone reads the card for a step-up (スマートフォンで): the card may leave the STB's reader to be touched
   * to the phone without closing the session, since the phone proves the card and its PIN again.
   */
  lendToPhone(pending: PendingAction | undefined): void {
    this.cancel();
    this.#lent = { pending, removed: false };
  }

  /**
   * The phone is done. Had the card left the reader meanwhile and the phone did not step the session up, the
   * viewer has gone as with any pulled card: the session closes (saying what was not done).
   */
  async backFromPhone(steppedUp: boolean): Promise<void> {
    const lent = this.#lent;
    this.#lent = null;
    if (!lent?.removed || steppedUp || this.#app.pf.session === null) return;
    if (lent.pending) await this.#notDone(lent.pending);
    else await this.#app.logOut();
  }

  /** Stops the running card flow (its signal aborts). */
  cancel(): void {
    this.#flow?.controller.abort();
    this.#flow = null;
  }

  /** The card flow finished: the card may now be taken without stopping anything. */
  end(): void {
    this.#flow = null;
  }

  /**
   * After a card step's PF call: true when the card was pulled meanwhile. The removal has shown its screen
   * already; a session the step made after that is closed again, since the card (and so the viewer) has gone.
   */
  async abandonedDuring(signal: AbortSignal | null): Promise<boolean> {
    if (!signal?.aborted) return false;
    if (this.#app.pf.session) await this.#app.pf.logout().catch(() => {});
    return true;
  }

  #removed(): void {
    // A logged-in viewer who takes the card leaves the room with it — also halfway through a step-up: close the
    // session so the next person on the sofa does not see their bookings or health data.
    if (this.#lent) {
      this.#lent.removed = true;
      return;
    }
    const loggedIn = this.#app.pf.session !== null;
    const flow = this.#flow;
    if (flow) {
      this.cancel();
      if (!loggedIn) {
        this.#app.showError(new AppError("card_removed", "card removed during a card step"));
        return;
      }
    }
    if (!loggedIn) return;
    if (flow?.pending) void this.#notDone(flow.pending);
    else void this.#app.logOut();
  }

  /** The card left during a step that was about to act (a booking): say it was not done, and that we logged out. */
  async #notDone(pending: PendingAction): Promise<void> {
    const { t, nav, pf } = this.#app;
    await pf.logout().catch(() => {});
    nav.reset(() => ({
      kind: "message",
      name: "error-card_removed",
      title: t("error.card_removed.title"),
      tone: "error",
      paragraphs: [{ text: t(pending.notDoneKey), tone: "warn" }, { text: t("card.removed.loggedOut") }],
      choices: [{ label: t("common.toPortal"), onSelect: () => this.#app.home() }],
      onBack: () => this.#app.home(),
    }));
    this.#app.updateStatus();
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
