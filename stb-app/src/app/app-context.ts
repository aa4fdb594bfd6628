/**
 * @module What every flow of the TV app is given: the ports (PF client, card, screen host, translations,
 * preferences, clock), the navigation, the card session, the formatter, and the few things flows ask of each
 * other (log in, step up, show an error, go home). The coordinator (controller.ts) builds it once; each flow
 * file reads alone against this interface.
 */
import type { CardPort } from "../lib/card/card-port.ts";
import type { PfClient, ServiceSummary } from "../lib/pf/pf-client.ts";
import type { Preferences } from "../lib/settings/preferences.ts";
import type { CardSession } from "./card-session.ts";
import type { PhoneFlow } from "./flows/phone.ts";
import type { Formatter, Translate } from "./format.ts";
import type { Navigation } from "./navigation.ts";
import type { ScreenHost } from "./screen-spec.ts";

export type { Translate } from "./format.ts";

export interface PreferencesPort {
  get(): Preferences;
  set(p: Preferences): Promise<void>;
}

export interface ControllerDeps {
  pf: PfClient;
  card: CardPort;
  host: ScreenHost;
  t: Translate;
  preferences: PreferencesPort;
  now?: () => Date;
  /**
   * How often and how long the result screen asks the PF whether the operator has linked the household
   * (the registration receipt is valid 10 minutes); tests shorten it.
   */
  householdLinkPolling?: { intervalMs: number; forMs: number };
}

export interface ErrorOptions {
  /** The error came from the signature password (not the PIN): name that one. */
  signaturePassword?: boolean;
  /** What "try again" does; default: the menu entry the viewer last chose. */
  retry?: () => void;
}

/**
 * What a card step would leave undone if the card were pulled now, for the screen that says so (a booking that
 * was not made). Absent: the flow undoes nothing the viewer would wonder about.
 */
export interface PendingAction {
  /** What the screen after the pulled card says was not done ("予約はされていません"). */
  notDoneKey: string;
  /** What is said when the viewer backs out of the step-up on the phone ("予約はされていません"). */
  declinedKey?: string;
}

export interface AppContext {
  readonly pf: PfClient;
  readonly card: CardPort;
  readonly host: ScreenHost;
  readonly t: Translate;
  readonly preferences: PreferencesPort;
  readonly nav: Navigation;
  readonly cards: CardSession;
  /** スマートフォンで: the viewer's phone reads the card for this TV. */
  readonly phone: PhoneFlow;
  readonly format: Formatter;
  /** How often and how long the registration result asks whether the household is linked yet. */
  readonly householdLinkPolling: { intervalMs: number; forMs: number };
  now(): Date;
  /** The portal, forgetting the way there. */
  home(): void;
  showError(error: unknown, options?: ErrorOptions): void;
  /** Remembers what "try again" on an error screen starts over. */
  setRetry(entry: () => void): void;
  /** Re-draws the header's login line (the session or household link changed). */
  updateStatus(): void;
  /** The operator's town as the portal names it (the town list starts there). */
  operatorTown(): string | null;
  /** Card → PIN-less where the service allows it, else the PIN; true once a session exists. */
  logIn(service: ServiceSummary): Promise<boolean>;
  /** A provider call; on `step_up_required` the PIN pad, then the call once more. Null when declined. */
  withStepUp<T>(call: () => Promise<T>, pending?: PendingAction): Promise<T | null>;
  /** A provider call behind a loading screen, with step-up; null when it failed (the error is shown). */
  load<T>(call: () => Promise<T>): Promise<T | null>;
  startRegistration(): void;
  openSettings(): void;
  logOut(): Promise<void>;
}
