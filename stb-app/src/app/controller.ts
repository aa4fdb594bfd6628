/**
 * @module The app's coordinator: builds the navigation, the card session and one object per flow (portal,
 * registration, login and step-up, enrolment, booking, my bookings, health, settings), and hands each the
 * context it needs to reach the others. Pure TypeScript over the ports (PF client, card, screen host), so the
 * flows are testable without a browser. Which screen comes next is decided in the flow files (flows/).
 */
import type { PortalResponse, ServiceSummary } from "../lib/pf/pf-client.ts";
import type { AppContext, ControllerDeps, ErrorOptions, PendingAction } from "./app-context.ts";
import { CardSession } from "./card-session.ts";
import { showErrorScreen } from "./error-screen.ts";
import { BookingFlow } from "./flows/booking.ts";
import { EnrolmentFlow } from "./flows/enrolment.ts";
import { HealthFlow } from "./flows/health.ts";
import { LoginFlow } from "./flows/login.ts";
import { MyBookingsFlow } from "./flows/my-bookings.ts";
import { PhoneFlow } from "./flows/phone.ts";
import { PortalFlow } from "./flows/portal.ts";
import { RegistrationFlow } from "./flows/registration.ts";
import { SettingsFlow } from "./flows/settings.ts";
import { Formatter } from "./format.ts";
import { Navigation } from "./navigation.ts";
import type { ScreenSpec } from "./screen-spec.ts";

export type { ControllerDeps, Translate } from "./app-context.ts";

/**
 * The operator's console links a matching household seconds after registration; staff may take longer. The result
 * screen asks every 3 s for 2 minutes (the receipt itself is valid 10), then says the operator is on it.
 */
const HOUSEHOLD_LINK_POLLING = { intervalMs: 3_000, forMs: 120_000 };

export { BOOT_GRACE_MS } from "./flows/portal.ts";

export class AppController implements AppContext {
  readonly pf: ControllerDeps["pf"];
  readonly card: ControllerDeps["card"];
  readonly host: ControllerDeps["host"];
  readonly t: ControllerDeps["t"];
  readonly preferences: ControllerDeps["preferences"];
  readonly nav: Navigation;
  readonly cards: CardSession;
  readonly phone: PhoneFlow;
  readonly format: Formatter;
  readonly householdLinkPolling: { intervalMs: number; forMs: number };
  readonly #deps: ControllerDeps;
  readonly #portal: PortalFlow;
  readonly #registration: RegistrationFlow;
  readonly #login: LoginFlow;
  readonly #settings: SettingsFlow;
  /** The menu entry the viewer last chose: "try again" on an error starts it over. */
  #lastEntry: (() => void) | null = null;

  constructor(deps: ControllerDeps) {
    this.#deps = deps;
    this.pf = deps.pf;
    this.card = deps.card;
    this.host = deps.host;
    this.t = deps.t;
    this.preferences = deps.preferences;
    this.nav = new Navigation(deps.host);
    this.householdLinkPolling = deps.householdLinkPolling ?? HOUSEHOLD_LINK_POLLING;
    this.format = new Formatter(() => deps.preferences.get().language, deps.t);
    this.cards = new CardSession(this);
    this.phone = new PhoneFlow(this);
    this.#login = new LoginFlow(this);
    this.#registration = new RegistrationFlow(this);
    this.#settings = new SettingsFlow(this);
    const enrolment = new EnrolmentFlow(this);
    const booking = new BookingFlow(this);
    const health = new HealthFlow(this);
    const myBookings = new MyBookingsFlow(this);
    this.#portal = new PortalFlow(this, {
      enrol: (service, enter) => enrolment.ask(service, enter),
      openBooking: (service) => booking.open(service),
      openHealth: (service) => health.open(service),
      openMyBookings: (service) => myBookings.open(service),
    });
    deps.pf.onSessionChange(() => this.updateStatus());
  }

  get current(): ScreenSpec | undefined {
    return this.nav.current;
  }

  // ── what App.ts and the flows call ─────────────────────────────────────────────────────────────
  start(prefetched?: Promise<PortalResponse>): Promise<void> {
    return this.#portal.start(prefetched);
  }

  home(): void {
    this.#portal.home();
  }

  back(): void {
    if (!this.nav.back()) this.host.askExit();
  }

  /** Re-draws the current screen (after a language or text-size change, or once the kanji font is in). */
  refresh(): void {
    this.nav.redraw();
    this.updateStatus();
  }

  openService(service: ServiceSummary): Promise<void> {
    return this.#portal.openService(service);
  }

  startRegistration(): void {
    this.#registration.start();
  }

  openSettings(): void {
    this.#settings.open();
  }

  async logOut(): Promise<void> {
    if (!this.pf.session) return;
    try {
      await this.pf.logout();
    } catch {
      // The tokens are forgotten locally either way; the PF expires them on its own.
    }
    this.#portal.forgetViewer();
    this.host.toast(this.t("settings.loggedOut"));
    this.home();
  }

  // ── the context flows share ────────────────────────────────────────────────────────────────────
  now(): Date {
    return this.#deps.now?.() ?? new Date();
  }

  operatorTown(): string | null {
    return this.#portal.town;
  }

  updateStatus(): void {
    this.#portal.updateStatus();
  }

  setRetry(entry: () => void): void {
    this.#lastEntry = entry;
  }

  showError(error: unknown, options: ErrorOptions = {}): void {
    showErrorScreen(this, error, options, this.#lastEntry);
  }

  logIn(service: ServiceSummary): Promise<boolean> {
    return this.#login.logIn(service);
  }

  withStepUp<T>(call: () => Promise<T>, pending?: PendingAction): Promise<T | null> {
    return this.#login.withStepUp(call, pending);
  }

  async load<T>(call: () => Promise<T>): Promise<T | null> {
    const { t, nav } = this;
    const loading = nav.go(() => ({
      kind: "progress",
      name: "loading",
      title: t("progress.loading"),
      step: "",
      onBack: () => {},
    }));
    try {
      const result = await this.withStepUp(call);
      if (nav.isCurrent(loading)) nav.pop();
      return result;
    } catch (error) {
      if (nav.isCurrent(loading)) nav.pop();
      this.showError(error);
      return null;
    }
  }
}
