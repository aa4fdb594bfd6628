/**
 * @module Login (参考２－３) and step-up: the card, then PIN-less where the service allows it, else the 4-digit
 * PIN; before anything that costs money, the PIN again (step-up) when the session was made without it. One PIN
 * pad serves both: it shows the tries left, and after a wrong PIN asks again with the new count.
 */
import { toAppError } from "../../lib/errors/app-error.ts";
import { guideFor } from "../../lib/errors/error-guide.ts";
import { logInPinless, logInWithPin, stepUpSession } from "../../lib/flows/log-in-viewer.ts";
import type { ServiceSummary } from "../../lib/pf/pf-client.ts";
import type { AppContext, PendingAction } from "../app-context.ts";

interface PinPad {
  name: "pin" | "step-up";
  titleKey: string;
  bodyKey: string;
  progressName: string;
  problem: string | null;
  onBack: () => void;
  withPin: (pin: string) => Promise<unknown>;
  /** スマートフォンで instead of the pad: the pad closes, the card flow ends, and this decides the outcome. */
  instead?: () => Promise<boolean>;
}

export class LoginFlow {
  readonly #app: AppContext;

  constructor(app: AppContext) {
    this.#app = app;
  }

  /** Card → PIN-less when the service allows it, else the PIN. Resolves true once a session exists. */
  async logIn(service: ServiceSummary): Promise<boolean> {
    const { cards, nav, t } = this.#app;
    let viaPhone: Promise<boolean> | null = null;
    const withPhone = () => {
      viaPhone = this.#app.phone.logIn(() => this.#app.home());
    };
    if (!(await cards.waitForCard(undefined, withPhone))) return viaPhone ?? false;
    if (service.requiresPin) return this.#pinLogin(null);
    const flow = cards.signal;
    this.#progress("login-progress");
    try {
      await logInPinless({ card: this.#app.card, pf: this.#app.pf });
      if (await cards.abandonedDuring(flow)) return false;
      cards.end();
      nav.pop();
      return true;
    } catch (error) {
      if (await cards.abandonedDuring(flow)) return false;
      const e = toAppError(error);
      // Where the error guide says so (no card bound yet, a renewed card, a failed 券面 check), the PIN is the
      // way on: the pad says why, and that login binds this card so the next one needs no PIN.
      const guide = guideFor(e);
      if (guide.next !== "login") {
        this.#app.showError(e);
        return false;
      }
      nav.pop();
      return this.#pinLogin(t(`error.${guide.kind}.action`), { bindCard: true });
    }
  }

  /** Runs a provider call; on step_up_required asks for the PIN, steps the session up, and tries again once. */
  async withStepUp<T>(call: () => Promise<T>, pending?: PendingAction): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      const e = toAppError(error);
      if (e.code !== "step_up_required") throw e;
    }
    const ok = await this.#stepUp(pending);
    return ok ? call() : null;
  }

  #pinLogin(problem: string | null, options: { bindCard?: boolean } = {}): Promise<boolean> {
    return this.#askPin({
      name: "pin",
      titleKey: "pin.title",
      bodyKey: "pin.body",
      progressName: "login-progress",
      problem,
      onBack: () => this.#app.cards.abandon(),
      withPin: (pin) => logInWithPin({ card: this.#app.card, pf: this.#app.pf }, pin, options),
    });
  }

  async #stepUp(pending: PendingAction | undefined): Promise<boolean> {
    const { cards, nav, host, t } = this.#app;
    const leave = () => {
      // As Back on the PIN pad: abandon the call that asked.
      if (nav.current?.kind !== "progress") {
        if (!nav.back()) host.askExit();
        return;
      }
      nav.popProgress();
      nav.redraw();
    };
    // The PIN on the phone, chosen at the card prompt or on the pad. The viewer may take the card out of the STB's
    // reader to touch it to the phone: the card session lets it go until the phone is done.
    const onPhone = async (): Promise<boolean> => {
      cards.lendToPhone(pending);
      const ok = await this.#app.phone.stepUp(() => {
        leave();
        if (pending?.declinedKey) host.toast(t(pending.declinedKey));
      });
      await cards.backFromPhone(ok);
      return ok;
    };
    let viaPhone: Promise<boolean> | null = null;
    if (!(await cards.waitForCard(pending, () => (viaPhone = onPhone())))) return viaPhone ?? false;
    return this.#askPin({
      name: "step-up",
      titleKey: "pin.stepUp.title",
      bodyKey: "pin.stepUp.body",
      progressName: "step-up-progress",
      problem: null,
      onBack: () => {
        cards.cancel();
        nav.pop();
        // Declining abandons the call that asked: under a loading screen (which ignores Back) that means the
        // screen below it; under a confirmation it means going back from there.
        leave();
      },
      withPin: (pin) => stepUpSession({ card: this.#app.card, pf: this.#app.pf }, pin),
      instead: onPhone,
    });
  }

  /**
   * The PIN pad of login and step-up: shows the tries left, runs `withPin` behind a progress screen, and after a
   * wrong PIN asks again with the new count. Resolves true once `withPin` succeeded; false on Back, on an error
   * shown, or when the card is pulled (the card session shows what that means).
   */
  async #askPin(pad: PinPad): Promise<boolean> {
    const { cards, nav, t } = this.#app;
    const flow = cards.signal;
    let tries: number | null;
    try {
      tries = await this.#app.card.remainingTries("pin");
    } catch (error) {
      this.#app.showError(error);
      return false;
    }
    return new Promise<boolean>((resolve) => {
      flow?.addEventListener("abort", () => resolve(false), { once: true });
      nav.go(() => ({
        kind: "pin",
        name: pad.name,
        title: t(pad.titleKey),
        body: t(pad.bodyKey),
        triesLeft: tries,
        problem: pad.problem,
        onBack: () => {
          pad.onBack();
          resolve(false);
        },
        ...(pad.instead && {
          alternative: {
            label: t("phone.choice"),
            onSelect: () => {
              const instead = pad.instead!;
              // Settled first: ending the card flow aborts its signal, which would otherwise answer false.
              resolve(Promise.resolve().then(instead));
              nav.pop();
              cards.cancel();
            },
          },
        }),
        onSubmit: async (pin) => {
          this.#progress(pad.progressName);
          try {
            await pad.withPin(pin);
            if (await cards.abandonedDuring(flow)) return resolve(false);
            cards.end();
            nav.pop();
            resolve(true);
          } catch (error) {
            if (await cards.abandonedDuring(flow)) return resolve(false);
            const e = toAppError(error);
            nav.pop();
            if (e.code === "wrong_pin") {
              // The tries left are on the pad's own line (read again from the card); the problem says only what
              // went wrong, so the count is not shown twice.
              resolve(await this.#askPin({ ...pad, problem: t("pin.wrong") }));
            } else {
              this.#app.showError(e);
              resolve(false);
            }
          }
        },
      }));
    });
  }

  #progress(name: string): void {
    const { t } = this.#app;
    this.#app.nav.progress(() => ({
      kind: "progress",
      name,
      title: t("progress.title"),
      step: t("progress.login"),
      onBack: () => {},
    }));
  }
}
