/**
 * @module サービス申込 (参考２－２): the first time a viewer opens a service, they agree that the PF tells its
 * provider an ID made only for that provider (never the cable ID, name or address); then the service opens.
 */
import type { ServiceSummary } from "../../lib/pf/pf-client.ts";
import type { AppContext } from "../app-context.ts";

/** Version of the enrolment consent text; the PF records it with the time. */
export const ENROLMENT_CONSENT_VERSION = "enrolment-2026-11";

export class EnrolmentFlow {
  readonly #app: AppContext;

  constructor(app: AppContext) {
    this.#app = app;
  }

  /** Asks for consent; on agreement enrols and calls `enter` to open the service. */
  ask(service: ServiceSummary, enter: () => Promise<void>): void {
    const { t, nav, format } = this.#app;
    nav.go(() => {
      const name = format.language === "en" ? service.nameEn : service.name;
      return {
        kind: "message",
        name: "enrolment",
        title: t("enrol.title", { service: name }),
        tone: "info",
        paragraphs: [{ text: t("enrol.body", { service: name }) }],
        choices: [
          { label: t("enrol.agree"), onSelect: () => void this.#enrol(service, enter) },
          { label: t("common.cancel"), onSelect: () => this.#app.home() },
        ],
      };
    });
  }

  async #enrol(service: ServiceSummary, enter: () => Promise<void>): Promise<void> {
    try {
      await this.#app.pf.enrol(service.serviceId, {
        textVersion: ENROLMENT_CONSENT_VERSION,
        acceptedAt: this.#app.now().toISOString(),
      });
      this.#app.nav.pop();
      await enter();
    } catch (error) {
      this.#app.showError(error);
    }
  }
}
