/**
 * @module The app's conductor: which screen comes next in each flow of system.md (registration, enrolment,
 * login with/without PIN, step-up, facility booking, healthcare, settings) and what every error leads to.
 * Pure TypeScript over the ports (PF client, card, screen host), so flows are testable without a browser.
 */
import { jstDate } from "@catv/contracts/calendar";
import {
  type BookingState,
  bookableDates,
  buildSlotGrid,
  type ChosenSlot,
  chooseDate,
  chooseFacility,
  chooseSlot,
  chooseTown,
  confirmBooking,
  startBooking,
} from "../lib/booking/booking-flow.ts";
import type { CardPort } from "../lib/card/card-port.ts";
import { AppError, toAppError } from "../lib/errors/app-error.ts";
import { guideFor } from "../lib/errors/error-guide.ts";
import { logInPinless, logInWithPin, stepUpSession } from "../lib/flows/log-in-viewer.ts";
import { registerViewer } from "../lib/flows/register-viewer.ts";
import type { MeResponse, PfClient, PortalResponse, ServiceSummary } from "../lib/pf/pf-client.ts";
import { type Booking, FacilityClient } from "../lib/providers/facility-client.ts";
import { HealthcareClient } from "../lib/providers/healthcare-client.ts";
import { nextLanguage, nextTextSize, type Preferences } from "../lib/settings/preferences.ts";
import type { Choice, ScreenHost, ScreenSpec } from "./screen-spec.ts";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface ControllerDeps {
  pf: PfClient;
  card: CardPort;
  host: ScreenHost;
  t: Translate;
  preferences: {
    get(): Preferences;
    set(p: Preferences): Promise<void>;
  };
  now?: () => Date;
}

/** Which provider kind a service is, from the provider ID the PF gives (facility-booking, healthcare). */
export function serviceKind(service: ServiceSummary): "facility" | "healthcare" | "other" {
  const id = `${service.providerId} ${service.serviceId}`.toLowerCase();
  if (id.includes("facility")) return "facility";
  if (id.includes("health")) return "healthcare";
  return "other";
}

const ENROLMENT_CONSENT_VERSION = "enrolment-2026-11";
/** How long the first screen waits for the portal request index.ts started before Lightning booted. */
export const BOOT_GRACE_MS = 500;

/** Whether `promise` settles (either way) within `ms`. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = () => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(done, done);
  });
}

export class AppController {
  #d: ControllerDeps;
  #history: ScreenSpec[] = [];
  #portal: PortalResponse | null = null;
  #me: MeResponse | null = null;
  /** The menu entry the viewer last chose: "try again" on an error starts it over. */
  #lastEntry: (() => void) | null = null;
  /** Set while a flow needs the card on the reader; pulling it aborts that flow. */
  #cardFlow: AbortController | null = null;

  constructor(deps: ControllerDeps) {
    this.#d = deps;
    deps.card.onCardRemoved(() => this.#cardRemoved());
    deps.pf.onSessionChange(() => this.#updateStatus());
  }

  get current(): ScreenSpec | undefined {
    return this.#history.at(-1);
  }

  // ── navigation ──────────────────────────────────────────────────────────────────────────────
  #go(spec: ScreenSpec): void {
    this.#history.push(spec);
    this.#d.host.show(spec);
  }
  #replace(spec: ScreenSpec): void {
    this.#history.pop();
    this.#go(spec);
  }
  /** Back to the portal, forgetting the path there. */
  home(): void {
    this.#cancelCardFlow();
    this.#history = [];
    this.#go(this.#portalSpec());
  }

  back(): void {
    const current = this.current;
    if (current?.onBack) {
      current.onBack();
      return;
    }
    if (this.#history.length <= 1) {
      this.#d.host.askExit();
      return;
    }
    this.#history.pop();
    const previous = this.current;
    // Progress screens are never returned to: step over them.
    if (previous?.kind === "progress") this.back();
    else if (previous) this.#d.host.show(previous);
  }

  /** Re-draw the current screen (after a language or text-size change). */
  refresh(): void {
    const current = this.current;
    if (current?.kind === "portal") this.#replace(this.#portalSpec());
    else if (current?.name === "settings")
      this.#replace(this.#settingsSpec(current.kind === "settings" ? current.focus : 0));
    else if (current) this.#d.host.show(current);
    this.#updateStatus();
  }

  // ── portal ──────────────────────────────────────────────────────────────────────────────────
  /** Shows the portal; `prefetched` is the portal request index.ts started before Lightning booted. */
  async start(prefetched?: Promise<PortalResponse>): Promise<void> {
    // At boot the request is already on its way: a PF that answers within the grace period goes straight to
    // the portal, since drawing a loading screen only to replace it cost ~1 s of frames at 6× throttling.
    if (prefetched && (await settlesWithin(prefetched, BOOT_GRACE_MS))) return this.#showPortal(prefetched);
    // A light progress screen until the PF answers: drawing the menu twice (empty, then full) costs a slow
    // STB more than the wait itself.
    this.#history = [];
    this.#go({
      kind: "progress",
      name: "loading",
      title: this.#d.t("portal.loading"),
      step: "",
      onBack: () => {},
    });
    await this.#showPortal(prefetched ?? this.#d.pf.portal());
  }

  async #showPortal(request: Promise<PortalResponse>): Promise<void> {
    try {
      this.#portal = await request;
      this.#updateStatus();
      this.#history = [];
      this.#go(this.#portalSpec());
    } catch (error) {
      const firmwareMissing = toAppError(error).code === "firmware_missing";
      this.#showError(error, {
        retry: () => (firmwareMissing && this.#d.host.reload ? this.#d.host.reload() : void this.start()),
      });
    }
  }

  #portalSpec(): ScreenSpec {
    const { t } = this.#d;
    const services = this.#portal?.services ?? [];
    const tiles: Choice[] = services.map((s) => ({
      label: this.#serviceName(s),
      sub: t(s.requiresPin ? "portal.service.pin" : "portal.service.pinless"),
      onSelect: () => void this.openService(s),
    }));
    tiles.push({
      label: t("portal.menu.register"),
      sub: t("portal.menu.register.sub"),
      onSelect: () => this.startRegistration(),
    });
    const facility = services.find((s) => serviceKind(s) === "facility");
    if (facility) {
      tiles.push({
        label: t("portal.menu.bookings"),
        sub: t("portal.menu.bookings.sub"),
        onSelect: () => void this.openMyBookings(facility),
      });
    }
    tiles.push({
      label: t("portal.menu.settings"),
      sub: t("portal.menu.settings.sub"),
      onSelect: () => this.openSettings(),
    });
    return {
      kind: "portal",
      name: "portal",
      title: this.#portal?.branding.portalTitle ?? t("app.title"),
      subtitle: t("portal.subtitle"),
      tiles,
      loading: this.#portal === null,
    };
  }

  #updateStatus(): void {
    const { t, pf } = this.#d;
    const session = pf.session;
    const branding = this.#portal?.branding;
    const primary = branding ? 0xff000000 + Number.parseInt(branding.primaryColor.slice(1), 16) : 0xff15304f;
    this.#d.host.setStatus({
      operatorName: branding?.operatorName ?? "",
      login: session
        ? t(session.acr === "urn:catv:acr:pin" ? "portal.loggedIn" : "portal.loggedInPinless", {
            cableId: session.cableId,
          })
        : t("portal.loggedOut"),
      household: session && this.#me ? t(`portal.household.${this.#me.householdLink}`) : "",
      primaryColor: primary,
    });
  }

  // ── registration (参考２－１) ───────────────────────────────────────────────────────────────
  startRegistration(): void {
    this.#lastEntry = () => this.startRegistration();
    const { t } = this.#d;
    this.#go({
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
        { label: t("consent.agree"), onSelect: () => void this.#registrationCard(new Date()) },
        { label: t("consent.disagree"), onSelect: () => this.home() },
      ],
    });
  }

  async #registrationCard(consentAt: Date): Promise<void> {
    if (!(await this.#waitForCard())) return;
    let tries: number | null = null;
    try {
      tries = await this.#d.card.remainingTries("signature-password");
    } catch (error) {
      return this.#showError(error, { signaturePassword: true });
    }
    this.#passwordScreen(consentAt, tries, null, false);
  }

  #passwordScreen(consentAt: Date, triesLeft: number | null, problem: string | null, replace: boolean): void {
    const spec: ScreenSpec = {
      kind: "password",
      name: "password",
      triesLeft,
      problem,
      onSubmit: (password) => void this.#register(consentAt, password),
      onBack: () => this.home(),
    };
    if (replace) this.#replace(spec);
    else this.#go(spec);
  }

  async #register(consentAt: Date, password: string): Promise<void> {
    const { t } = this.#d;
    const progress = (step: string) =>
      this.#replaceProgress("registration-progress", t("progress.title"), t(`progress.${step}`));
    progress("challenge");
    try {
      const result = await registerViewer(
        { card: this.#d.card, pf: this.#d.pf },
        { password, consentAcceptedAt: consentAt, onProgress: progress },
      );
      this.#endCardFlow();
      this.#history.pop();
      this.#go({
        kind: "message",
        name: "registration-result",
        title: t(`result.title.${result.outcome}`),
        tone: "success",
        paragraphs: [
          { text: t("result.cableId", { cableId: result.cableId }), size: 48 },
          { text: t(result.householdLink === "linked" ? "result.linked" : "result.pending") },
        ],
        choices: [{ label: t("common.toPortal"), onSelect: () => this.home() }],
        onBack: () => this.home(),
      });
    } catch (error) {
      const e = toAppError(error);
      if (e.code === "wrong_pin") {
        this.#history.pop();
        const text = t("error.wrong_password.body", { tries: e.triesLeft ?? "?" });
        return this.#passwordScreen(consentAt, e.triesLeft ?? null, text, false);
      }
      this.#showError(e, { signaturePassword: true });
    }
  }

  // ── login (参考２－３) and enrolment (参考２－２) ─────────────────────────────────────────────
  async openService(service: ServiceSummary): Promise<void> {
    this.#lastEntry = () => void this.openService(service);
    if (!this.#d.pf.session) {
      if (!(await this.#logIn(service))) return;
    }
    try {
      this.#me = await this.#d.pf.me();
      this.#updateStatus();
    } catch (error) {
      return this.#showError(error);
    }
    const mine = this.#me.services.find((s) => s.serviceId === service.serviceId);
    if (mine && !mine.enrolled) return this.#askEnrolment(service);
    await this.#enterService(service);
  }

  /** Card → PIN-less when the service allows it, else the PIN. Resolves true once a session exists. */
  async #logIn(service: ServiceSummary): Promise<boolean> {
    if (!(await this.#waitForCard())) return false;
    const { t } = this.#d;
    const flow = this.#cardFlow;
    if (!service.requiresPin) {
      this.#replaceProgress("login-progress", t("progress.title"), t("progress.login"));
      try {
        await logInPinless({ card: this.#d.card, pf: this.#d.pf });
        if (await this.#abandonedDuring(flow)) return false;
        this.#endCardFlow();
        this.#history.pop();
        return true;
      } catch (error) {
        if (await this.#abandonedDuring(flow)) return false;
        const e = toAppError(error);
        // Where the error guide says so (no card bound yet, a renewed card, a failed 券面 check), the PIN is the
        // way on: the pad says why, and that login binds this card so the next one needs no PIN.
        const guide = guideFor(e);
        if (guide.next !== "login") {
          this.#showError(e);
          return false;
        }
        this.#history.pop();
        return this.#pinLogin(t(`error.${guide.kind}.action`), { bindCard: true });
      }
    }
    return this.#pinLogin(null);
  }

  #pinLogin(problem: string | null, options: { bindCard?: boolean } = {}): Promise<boolean> {
    const { t } = this.#d;
    return this.#askPin({
      name: "pin",
      title: t("pin.title"),
      body: t("pin.body"),
      progressName: "login-progress",
      problem,
      onBack: () => {
        this.#cancelCardFlow();
        this.home();
      },
      withPin: (pin) => logInWithPin({ card: this.#d.card, pf: this.#d.pf }, pin, options),
    });
  }

  /**
   * The PIN pad of login and step-up: shows the tries left, runs `withPin` behind a progress screen, and after a
   * wrong PIN asks again with the new count. Resolves true once `withPin` succeeded, false on Back or an error shown.
   */
  async #askPin(pad: {
    name: "pin" | "step-up";
    title: string;
    body: string;
    progressName: string;
    problem: string | null;
    onBack: () => void;
    withPin: (pin: string) => Promise<unknown>;
  }): Promise<boolean> {
    const { t } = this.#d;
    const flow = this.#cardFlow;
    let tries: number | null;
    try {
      tries = await this.#d.card.remainingTries("pin");
    } catch (error) {
      this.#showError(error);
      return false;
    }
    return new Promise<boolean>((resolve) => {
      this.#go({
        kind: "pin",
        name: pad.name,
        title: pad.title,
        body: pad.body,
        triesLeft: tries,
        problem: pad.problem,
        onBack: () => {
          pad.onBack();
          resolve(false);
        },
        onSubmit: async (pin) => {
          this.#replaceProgress(pad.progressName, t("progress.title"), t("progress.login"));
          try {
            await pad.withPin(pin);
            if (await this.#abandonedDuring(flow)) return resolve(false);
            this.#endCardFlow();
            this.#history.pop();
            resolve(true);
          } catch (error) {
            if (await this.#abandonedDuring(flow)) return resolve(false);
            const e = toAppError(error);
            this.#history.pop();
            if (e.code === "wrong_pin") {
              const problem = t("error.wrong_pin.body", { tries: e.triesLeft ?? "?" });
              resolve(await this.#askPin({ ...pad, problem }));
            } else {
              this.#showError(e);
              resolve(false);
            }
          }
        },
      });
    });
  }

  #askEnrolment(service: ServiceSummary): void {
    const { t } = this.#d;
    const name = this.#serviceName(service);
    this.#go({
      kind: "message",
      name: "enrolment",
      title: t("enrol.title", { service: name }),
      tone: "info",
      paragraphs: [{ text: t("enrol.body", { service: name }) }],
      choices: [
        {
          label: t("enrol.agree"),
          onSelect: async () => {
            try {
              await this.#d.pf.enrol(service.serviceId, {
                textVersion: ENROLMENT_CONSENT_VERSION,
                acceptedAt: (this.#d.now?.() ?? new Date()).toISOString(),
              });
              this.#history.pop();
              await this.#enterService(service);
            } catch (error) {
              this.#showError(error);
            }
          },
        },
        { label: t("common.cancel"), onSelect: () => this.home() },
      ],
    });
  }

  async #enterService(service: ServiceSummary): Promise<void> {
    const kind = serviceKind(service);
    if (kind === "facility") return this.#bookingTowns(service);
    if (kind === "healthcare") return this.#openHealth(service);
    this.#showError(new AppError("service_unknown", service.serviceId));
  }

  /** Runs a provider call; on step_up_required asks for the PIN, steps the session up, and tries again once. */
  async #withStepUp<T>(call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      const e = toAppError(error);
      if (e.code !== "step_up_required") throw e;
    }
    const ok = await this.#stepUp(null);
    return ok ? call() : null;
  }

  async #stepUp(problem: string | null): Promise<boolean> {
    const { t } = this.#d;
    if (!(await this.#waitForCard())) return false;
    return this.#askPin({
      name: "step-up",
      title: t("pin.stepUp.title"),
      body: t("pin.stepUp.body"),
      progressName: "step-up-progress",
      problem,
      onBack: () => {
        this.#cancelCardFlow();
        this.#history.pop();
        // Declining abandons the call that asked: under a loading screen (which ignores Back) that means the
        // screen below it; under a confirmation it means going back from there.
        if (this.current?.kind !== "progress") return this.back();
        while (this.current?.kind === "progress") this.#history.pop();
        if (this.current) this.#d.host.show(this.current);
      },
      withPin: (pin) => stepUpSession({ card: this.#d.card, pf: this.#d.pf }, pin),
    });
  }

  // ── facility booking ────────────────────────────────────────────────────────────────────────
  async #bookingTowns(service: ServiceSummary): Promise<void> {
    const { t } = this.#d;
    const client = new FacilityClient(this.#d.pf, service.serviceId);
    const towns = await this.#load(() => client.towns());
    if (!towns) return;
    const state: BookingState = startBooking();
    this.#go({
      kind: "list",
      name: "facility-towns",
      title: t("facility.towns.title"),
      empty: t("facility.list.none"),
      cols: 3,
      choices: towns.map((town) => ({
        label: town.name,
        sub: `${town.prefecture}　${t("facility.towns.count", { count: town.facilityCount })}`,
        onSelect: () => void this.#bookingFacilities(client, chooseTown(state, town)),
      })),
    });
  }

  async #bookingFacilities(client: FacilityClient, state: BookingState): Promise<void> {
    const { t } = this.#d;
    const town = state.town!;
    const facilities = await this.#load(() => client.facilities(town.code));
    if (!facilities) return;
    this.#go({
      kind: "list",
      name: "facility-list",
      title: t("facility.list.title", { town: town.name }),
      empty: t("facility.list.none"),
      choices: facilities.map((f) => ({
        label: f.name,
        sub: [
          f.kindLabel,
          f.fee.free
            ? t("facility.fee.free")
            : t("facility.fee.range", { min: this.#amount(f.fee.minYen), max: this.#amount(f.fee.maxYen) }),
          f.closedWeekdays.length ? t("facility.closedDays", { days: f.closedWeekdays.join("・") }) : "",
        ]
          .filter(Boolean)
          .join("　"),
        onSelect: () => this.#bookingDates(client, chooseFacility(state, f)),
      })),
    });
  }

  #bookingDates(client: FacilityClient, state: BookingState): void {
    const { t } = this.#d;
    const weekday = new Intl.DateTimeFormat(this.#locale(), { weekday: "short", timeZone: "UTC" });
    this.#go({
      kind: "dates",
      name: "facility-dates",
      title: t("facility.date.title", { facility: state.facility!.name }),
      choices: bookableDates(this.#d.now?.() ?? new Date()).map((date) => {
        const d = new Date(`${date}T00:00:00Z`);
        return {
          label: `${d.getUTCMonth() + 1}/${d.getUTCDate()}`,
          sub: weekday.format(d),
          onSelect: () => void this.#bookingSlots(client, chooseDate(state, date)),
        };
      }),
    });
  }

  async #bookingSlots(client: FacilityClient, state: BookingState): Promise<void> {
    const { t } = this.#d;
    const days = await this.#load(() => client.availability(state.facility!.facilityId, state.date!, 7));
    if (!days) return;
    const grid = buildSlotGrid(days);
    if (grid.cols.length === 0) {
      this.#go(this.#notice("facility-no-slots", t("facility.slots.none"), []));
      return;
    }
    this.#go({
      kind: "slots",
      name: "facility-slots",
      title: t("facility.slots.title", { facility: state.facility!.name }),
      grid,
      dateLabel: (date) => this.#dateLabel(date),
      onPick: (row, col) => {
        const slot = grid.cells[row]?.[col];
        const next = slot ? chooseSlot(state, slot) : state;
        if (!slot || next === state) {
          this.#d.host.toast(t("facility.slots.takenNotice"));
          return;
        }
        this.#bookingConfirm(client, next, slot);
      },
    });
  }

  #bookingConfirm(client: FacilityClient, state: BookingState, slot: ChosenSlot): void {
    const { t } = this.#d;
    this.#go({
      kind: "message",
      name: "facility-confirm",
      title: t("facility.confirm.title"),
      tone: "info",
      paragraphs: [
        { text: t("facility.confirm.place", { facility: state.facility!.name, town: state.town!.name }) },
        {
          text: t("facility.confirm.time", {
            date: this.#dateLabel(slot.date),
            slot: slot.label,
            start: slot.startsAt,
            end: slot.endsAt,
          }),
        },
        {
          text:
            slot.feeYen > 0
              ? t("facility.confirm.fee", { fee: this.#yen(slot.feeYen) })
              : t("facility.fee.free"),
          size: 48,
        },
        ...(slot.feeYen > 0 ? [{ text: t("facility.confirm.billing"), tone: "warn" as const }] : []),
      ],
      choices: [
        { label: t("facility.confirm.book"), onSelect: () => void this.#book(client, state, slot) },
        { label: t("common.back"), onSelect: () => this.back() },
      ],
    });
  }

  async #book(client: FacilityClient, state: BookingState, slot: ChosenSlot): Promise<void> {
    const { t } = this.#d;
    const input = { facilityId: state.facility!.facilityId, date: slot.date, slotCode: slot.code };
    let booking: Booking | null;
    try {
      booking = await this.#withStepUp(async () => {
        this.#go({
          kind: "progress",
          name: "booking-progress",
          title: t("progress.title"),
          step: t("progress.booking"),
        });
        try {
          return await client.book(input);
        } finally {
          if (this.current?.name === "booking-progress") this.#history.pop();
        }
      });
    } catch (error) {
      this.#showError(error);
      return;
    }
    if (!booking) return;
    confirmBooking(state, booking);
    this.#go({
      kind: "message",
      name: "facility-done",
      title: t("facility.done.title"),
      tone: "success",
      paragraphs: [
        { text: t("facility.confirm.place", { facility: booking.facilityName, town: booking.townName }) },
        {
          text: t("facility.confirm.time", {
            date: this.#dateLabel(booking.date),
            slot: booking.slot.label,
            start: booking.slot.startsAt,
            end: booking.slot.endsAt,
          }),
        },
        {
          text:
            booking.feeYen > 0
              ? t("facility.confirm.fee", { fee: this.#yen(booking.feeYen) })
              : t("facility.fee.free"),
        },
        ...(booking.billing ? [{ text: booking.billing, tone: "warn" as const }] : []),
        { text: t("facility.done.body", { id: booking.bookingId }) },
      ],
      choices: [{ label: t("common.toPortal"), onSelect: () => this.home() }],
      onBack: () => this.home(),
    });
  }

  async openMyBookings(service: ServiceSummary): Promise<void> {
    this.#lastEntry = () => void this.openMyBookings(service);
    if (!this.#d.pf.session && !(await this.#logIn(service))) return;
    const { t } = this.#d;
    const client = new FacilityClient(this.#d.pf, service.serviceId);
    const bookings = await this.#load(() => client.myBookings());
    if (!bookings) return;
    this.#go({
      kind: "list",
      name: "my-bookings",
      title: t("facility.mine.title"),
      empty: t("facility.mine.none"),
      onBack: () => this.home(),
      choices: bookings.map((b) => ({
        label: `${b.facilityName}　${this.#dateLabel(b.date)} ${b.slot.label}`,
        sub: `${b.slot.startsAt}〜${b.slot.endsAt}　${b.feeYen > 0 ? this.#yen(b.feeYen) : t("facility.fee.free")}　${
          b.cancellable
            ? t("facility.mine.cancelUntil", { date: this.#dateLabel(b.cancelDeadline) })
            : t("facility.mine.notCancellable")
        }`,
        disabled: !b.cancellable,
        onSelect: () => this.#askCancel(client, service, b),
      })),
    });
  }

  #askCancel(client: FacilityClient, service: ServiceSummary, booking: Booking): void {
    const { t } = this.#d;
    const now = jstDate(this.#d.now?.() ?? new Date());
    const refund =
      booking.feeYen === 0
        ? t("facility.fee.free")
        : booking.freeCancellationUntil && now <= booking.freeCancellationUntil
          ? t("facility.mine.refunded")
          : t("facility.mine.kept");
    this.#go({
      kind: "message",
      name: "cancel-confirm",
      title: t("facility.mine.cancelAsk"),
      tone: "warn",
      paragraphs: [
        { text: `${booking.facilityName}　${this.#dateLabel(booking.date)} ${booking.slot.label}` },
        { text: `${booking.slot.startsAt}〜${booking.slot.endsAt}` },
        { text: refund, tone: "warn" },
      ],
      choices: [
        {
          label: t("facility.mine.cancelYes"),
          onSelect: async () => {
            try {
              const cancelled = await this.#withStepUp(() => client.cancel(booking.bookingId));
              if (!cancelled) return;
              this.#d.host.toast(
                t(
                  cancelled.feeOutcome === "kept" ? "facility.mine.cancelledKept" : "facility.mine.cancelled",
                ),
              );
              this.#history.pop();
              this.#history.pop();
              await this.openMyBookings(service);
            } catch (error) {
              this.#showError(error);
            }
          },
        },
        { label: t("common.back"), onSelect: () => this.back() },
      ],
    });
  }

  // ── healthcare ──────────────────────────────────────────────────────────────────────────────
  async #openHealth(service: ServiceSummary): Promise<void> {
    const client = new HealthcareClient(this.#d.pf, service.serviceId);
    const data = await this.#load(() => Promise.all([client.summary(), client.steps(), client.notices()]));
    if (!data) return;
    const [summary, steps, notices] = data;
    this.#go({
      kind: "health",
      name: "health",
      summary,
      steps,
      notices,
      loadTrend: (item) => client.trend(item),
    });
  }

  // ── settings ────────────────────────────────────────────────────────────────────────────────
  openSettings(): void {
    this.#go(this.#settingsSpec());
  }

  #settingsSpec(focus = 0): ScreenSpec {
    const { t, preferences, pf } = this.#d;
    const prefs = preferences.get();
    const update = async (next: Preferences, row: number) => {
      await preferences.set(next);
      this.#replace(this.#settingsSpec(row));
      this.#updateStatus();
    };
    return {
      kind: "settings",
      name: "settings",
      focus,
      title: t("settings.title"),
      choices: [
        {
          label: t("settings.language"),
          value: prefs.language === "ja" ? "日本語" : "English",
          onSelect: () => void update({ ...prefs, language: nextLanguage(prefs.language) }, 0),
        },
        {
          label: t("settings.textSize"),
          value: t(`settings.textSize.${prefs.textSize}`),
          onSelect: () => void update({ ...prefs, textSize: nextTextSize(prefs.textSize) }, 1),
        },
        {
          label: t("settings.logout"),
          ...(pf.session ? {} : { sub: t("settings.notLoggedIn"), disabled: true }),
          onSelect: () => void this.logOut(),
        },
      ],
    };
  }

  async logOut(): Promise<void> {
    if (!this.#d.pf.session) return;
    try {
      await this.#d.pf.logout();
    } catch {
      // The tokens are forgotten locally either way; the PF expires them on its own.
    }
    this.#me = null;
    this.#d.host.toast(this.#d.t("settings.loggedOut"));
    this.home();
  }

  // ── card handling ───────────────────────────────────────────────────────────────────────────
  /** Shows "place your card" until a card is present. Resolves false when the viewer backs out. */
  async #waitForCard(): Promise<boolean> {
    const { t } = this.#d;
    this.#cancelCardFlow();
    const flow = new AbortController();
    this.#cardFlow = flow;
    this.#go({
      kind: "message",
      name: "insert-card",
      title: t("card.insert.title"),
      tone: "info",
      paragraphs: [{ text: t("card.insert.body") }, { text: t("card.insert.waiting"), tone: "warn" }],
      choices: [{ label: t("common.cancel"), onSelect: () => this.#abandonCard() }],
      onBack: () => this.#abandonCard(),
    });
    try {
      await this.#d.card.waitForCard(flow.signal);
    } catch (error) {
      if (flow.signal.aborted) return false;
      this.#showError(error);
      return false;
    }
    if (flow.signal.aborted) return false;
    this.#history.pop();
    return true;
  }

  #abandonCard(): void {
    this.#cancelCardFlow();
    this.home();
  }

  /**
   * After a card step's PF call: true when the card was pulled meanwhile. The removal has shown its screen
   * already; a session the step made after that is closed again, since the card (and so the viewer) has gone.
   */
  async #abandonedDuring(flow: AbortController | null): Promise<boolean> {
    if (!flow?.signal.aborted) return false;
    if (this.#d.pf.session) await this.#d.pf.logout().catch(() => {});
    return true;
  }

  #cancelCardFlow(): void {
    this.#cardFlow?.abort();
    this.#cardFlow = null;
  }

  #endCardFlow(): void {
    this.#cardFlow = null;
  }

  #cardRemoved(): void {
    // A logged-in viewer who takes the card leaves the room with it — also halfway through a step-up: close the
    // session so the next person on the sofa does not see their bookings or health data.
    const loggedIn = this.#d.pf.session !== null;
    if (this.#cardFlow) {
      this.#cancelCardFlow();
      if (!loggedIn) {
        this.#showError(new AppError("card_removed", "card removed during a card step"));
        return;
      }
    }
    if (loggedIn) void this.logOut();
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────
  #replaceProgress(name: string, title: string, step: string): void {
    const spec: ScreenSpec = { kind: "progress", name, title, step, onBack: () => {} };
    if (this.current?.kind === "progress") this.#replace(spec);
    else this.#go(spec);
  }

  async #load<T>(call: () => Promise<T>): Promise<T | null> {
    const { t } = this.#d;
    this.#go({ kind: "progress", name: "loading", title: t("progress.loading"), step: "", onBack: () => {} });
    try {
      const result = await this.#withStepUp(call);
      if (this.current?.name === "loading") this.#history.pop();
      return result;
    } catch (error) {
      if (this.current?.name === "loading") this.#history.pop();
      this.#showError(error);
      return null;
    }
  }

  #notice(name: string, title: string, paragraphs: string[]): ScreenSpec {
    return {
      kind: "message",
      name,
      title,
      tone: "info",
      paragraphs: paragraphs.map((text) => ({ text })),
      choices: [{ label: this.#d.t("common.back"), onSelect: () => this.back() }],
    };
  }

  #showError(error: unknown, options: { signaturePassword?: boolean; retry?: () => void } = {}): void {
    const { t } = this.#d;
    const e = toAppError(error);
    this.#cancelCardFlow();
    const guide = guideFor(e, options);
    if (guide.next === "login" || e.code === "session_expired") this.#d.pf.setSession(null);
    const tries = guide.triesLeft ?? "?";
    const entry = this.#lastEntry;
    const retry = options.retry ?? (entry ? () => this.#restartAt(entry) : undefined);
    const next: Choice =
      guide.next === "registration"
        ? {
            label: t("portal.menu.register"),
            onSelect: () => this.#restartAt(() => this.startRegistration()),
          }
        : guide.next === "retry" && retry
          ? { label: t("common.retry"), onSelect: retry }
          : { label: t("common.toPortal"), onSelect: () => this.home() };
    while (this.current?.kind === "progress") this.#history.pop();
    this.#go({
      kind: "message",
      name: `error-${guide.kind}`,
      title: t(`error.${guide.kind}.title`),
      tone: "error",
      paragraphs: [
        { text: t(`error.${guide.kind}.body`, { tries }) },
        { text: t(`error.${guide.kind}.action`), tone: "warn" },
      ],
      choices:
        next.label === t("common.toPortal")
          ? [next]
          : [next, { label: t("common.toPortal"), onSelect: () => this.home() }],
      footnote: t("error.code", { code: e.requestId ? `${e.code} / ${e.requestId}` : e.code }),
      onBack: () => (options.retry ? options.retry() : this.home()),
    });
  }

  #restartAt(open: () => void): void {
    this.home();
    open();
  }

  #serviceName(service: ServiceSummary): string {
    return this.#d.preferences.get().language === "en" ? service.nameEn : service.name;
  }

  #locale(): string {
    return this.#d.preferences.get().language === "en" ? "en-GB" : "ja-JP";
  }

  #amount(yen: number): string {
    return yen.toLocaleString("ja-JP");
  }

  #dateLabel(date: string): string {
    const d = new Date(`${date}T00:00:00Z`);
    return new Intl.DateTimeFormat(this.#locale(), {
      month: "long",
      day: "numeric",
      weekday: "short",
      timeZone: "UTC",
    }).format(d);
  }

  #yen(amount: number): string {
    return this.#d.t("common.yen", { amount: this.#amount(amount) });
  }
}
