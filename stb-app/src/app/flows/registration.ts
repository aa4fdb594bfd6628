/**
 * @module 利用者登録 (参考２－１) on the TV: consent → the card → the 署名用電子証明書 password on the on-screen
 * keyboard → the card signs, the PF registers → the result with the cable ID and the household link.
 */
import { toAppError } from "../../lib/errors/app-error.ts";
import { registerViewer } from "../../lib/flows/register-viewer.ts";
import type { RegistrationResponse } from "../../lib/pf/pf-client.ts";
import type { AppContext } from "../app-context.ts";
import type { ScreenHandle } from "../navigation.ts";

export class RegistrationFlow {
  readonly #app: AppContext;

  constructor(app: AppContext) {
    this.#app = app;
  }

  start(): void {
    const { t, nav } = this.#app;
    this.#app.setRetry(() => this.start());
    nav.go(() => ({
      kind: "message",
      name: "consent",
      title: t("consent.title"),
      tone: "info",
      paragraphs: [
        { text: t("consent.body") },
        { text: t("consent.sent") },
        { text: t("consent.notSent"), tone: "success" },
      ],
      choices: [
        { label: t("consent.agree"), onSelect: () => void this.#card(new Date()) },
        { label: t("consent.disagree"), onSelect: () => this.#app.home() },
      ],
    }));
  }

  async #card(consentAt: Date): Promise<void> {
    const withPhone = () => void this.#withPhone();
    if (!(await this.#app.cards.waitForCard(undefined, withPhone))) return;
    let tries: number | null = null;
    try {
      tries = await this.#app.card.remainingTries("signature-password");
    } catch (error) {
      return this.#app.showError(error, { signaturePassword: true });
    }
    this.#password(consentAt, tries, null);
  }

  #password(consentAt: Date, triesLeft: number | null, problem: string | null): void {
    this.#app.nav.go(() => ({
      kind: "password",
      name: "password",
      triesLeft,
      problem,
      onSubmit: (password) => void this.#register(consentAt, password),
      onBack: () => this.#app.home(),
    }));
  }

  async #register(consentAt: Date, password: string): Promise<void> {
    const { t, nav, cards } = this.#app;
    const progress = (step: string) =>
      nav.progress(() => ({
        kind: "progress",
        name: "registration-progress",
        title: t("progress.title"),
        step: t(`progress.${step}`),
        onBack: () => {},
      }));
    progress("challenge");
    try {
      const result = await registerViewer(
        { card: this.#app.card, pf: this.#app.pf },
        { password, consentAcceptedAt: consentAt, onProgress: progress },
      );
      cards.end();
      nav.pop();
      this.#result(result);
    } catch (error) {
      const e = toAppError(error);
      if (e.code === "wrong_pin") {
        nav.pop();
        return this.#password(consentAt, e.triesLeft ?? null, t("password.wrong"));
      }
      this.#app.showError(e, { signaturePassword: true });
    }
  }

  /** The phone reads the card and signs (the consent given on the TV is confirmed on the phone); then the result. */
  async #withPhone(): Promise<void> {
    const result = await this.#app.phone.register(() => this.#app.home());
    if (result) this.#result(result);
  }

  /**
   * The cable ID and the household link. When the link is still pending, the screen says it is being checked
   * and asks the PF with the registration's receipt until the operator has linked it (usually seconds) or the
   * polling time is up, then shows the final state.
   */
  #result(result: RegistrationResponse): void {
    const { t, nav } = this.#app;
    let link: "linked" | "pending" | "checking" = result.householdLink === "linked" ? "linked" : "checking";
    const screen = nav.go(() => ({
      kind: "message",
      name: "registration-result",
      title: t(`result.title.${result.outcome}`),
      tone: "success",
      paragraphs: [
        { text: t("result.cableId", { cableId: result.cableId }), size: 48 },
        link === "checking"
          ? { text: t("result.checking"), tone: "warn" }
          : { text: t(link === "linked" ? "result.linked" : "result.pending") },
      ],
      choices: [{ label: t("common.toPortal"), onSelect: () => this.#app.home() }],
      onBack: () => this.#app.home(),
    }));
    if (link !== "checking") return;
    void this.#watchLink(result.receipt, screen).then((final) => {
      link = final;
      if (nav.isCurrent(screen)) nav.redraw();
    });
  }

  /** Asks for the household link until it is linked or the time is up; stops when the viewer leaves the screen. */
  async #watchLink(receipt: string, screen: ScreenHandle): Promise<"linked" | "pending"> {
    const { intervalMs, forMs } = this.#app.householdLinkPolling;
    const until = Date.now() + forMs;
    while (Date.now() < until && this.#app.nav.isCurrent(screen)) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      try {
        const status = await this.#app.pf.registrationStatus(receipt);
        if (status.householdLink === "linked") return "linked";
      } catch (error) {
        // A refused receipt will not be accepted later; a network blip might pass.
        if (toAppError(error).code.startsWith("registration_receipt_")) break;
      }
    }
    return "pending";
  }
}
