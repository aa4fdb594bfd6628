/**
 * @module CATVトップ: the operator's branding and service menu from the PF's portal description, the header's
 * login line, and opening a service — log in if needed, enrol on first use, then the screens of the provider API
 * the PF says the service speaks (its `kind`, never a guess from its ID).
 */
import { AppError, toAppError } from "../../lib/errors/app-error.ts";
import type { MeResponse, PortalResponse, ServiceSummary } from "../../lib/pf/pf-client.ts";
import type { AppContext } from "../app-context.ts";
import type { Choice, ScreenSpec } from "../screen-spec.ts";

/** How long the first screen waits for the portal request index.ts started before Lightning booted. */
export const BOOT_GRACE_MS = 500;

/** The flows a portal tile opens. */
export interface PortalTargets {
  enrol(service: ServiceSummary, enter: () => Promise<void>): void;
  openBooking(service: ServiceSummary): Promise<void>;
  openHealth(service: ServiceSummary): Promise<void>;
  openMyBookings(service: ServiceSummary): Promise<void>;
}

/** The header's login line for each way the viewer was recognised. */
const LOGIN_LINE = {
  "urn:catv:acr:pin": "portal.loggedIn",
  "urn:catv:acr:pin-phone": "portal.loggedInPhone",
  "urn:catv:acr:pinless": "portal.loggedInPinless",
} as const;

export class PortalFlow {
  readonly #app: AppContext;
  readonly #targets: PortalTargets;
  #portal: PortalResponse | null = null;
  #me: MeResponse | null = null;

  constructor(app: AppContext, targets: PortalTargets) {
    this.#app = app;
    this.#targets = targets;
  }

  /** The operator's town, as the portal names it. */
  get town(): string | null {
    return this.#portal?.town ?? null;
  }

  /** Shows the portal; `prefetched` is the portal request index.ts started before Lightning booted. */
  async start(prefetched?: Promise<PortalResponse>): Promise<void> {
    // At boot the request is already on its way: a PF that answers within the grace period goes straight to
    // the portal, since drawing a loading screen only to replace it cost ~1 s of frames at 6× throttling.
    if (prefetched && (await settlesWithin(prefetched, BOOT_GRACE_MS))) return this.#show(prefetched);
    // A light progress screen until the PF answers: drawing the menu twice (empty, then full) costs a slow
    // STB more than the wait itself.
    const { t } = this.#app;
    this.#app.nav.reset(() => ({
      kind: "progress",
      name: "loading",
      title: t("portal.loading"),
      step: "",
      onBack: () => {},
    }));
    await this.#show(prefetched ?? this.#app.pf.portal());
  }

  /** The portal, forgetting the way there. */
  home(): void {
    this.#app.cards.cancel();
    this.#app.nav.reset(() => this.#spec());
  }

  /** The viewer logged out: forget what the PF said about them. */
  forgetViewer(): void {
    this.#me = null;
  }

  async #show(request: Promise<PortalResponse>): Promise<void> {
    try {
      this.#portal = await request;
      this.updateStatus();
      this.#app.nav.reset(() => this.#spec());
    } catch (error) {
      const firmwareMissing = toAppError(error).code === "firmware_missing";
      const { host } = this.#app;
      this.#app.showError(error, {
        retry: () => (firmwareMissing && host.reload ? host.reload() : void this.start()),
      });
    }
  }

  #spec(): ScreenSpec {
    const { t, format } = this.#app;
    const services = this.#portal?.services ?? [];
    const tiles: Choice[] = services.map((s) => ({
      label: format.serviceName(s),
      sub: t(s.requiresPin ? "portal.service.pin" : "portal.service.pinless"),
      onSelect: () => void this.openService(s),
    }));
    tiles.push({
      label: t("portal.menu.register"),
      sub: t("portal.menu.register.sub"),
      onSelect: () => this.#app.startRegistration(),
    });
    const facility = services.find((s) => s.kind === "facility-booking");
    if (facility) {
      tiles.push({
        label: t("portal.menu.bookings"),
        sub: t("portal.menu.bookings.sub"),
        onSelect: () => void this.#targets.openMyBookings(facility),
      });
    }
    tiles.push({
      label: t("portal.menu.settings"),
      sub: t("portal.menu.settings.sub"),
      onSelect: () => this.#app.openSettings(),
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

  /** Log in if needed, enrol on first use, then the service's own screens. */
  async openService(service: ServiceSummary): Promise<void> {
    this.#app.setRetry(() => void this.openService(service));
    if (!this.#app.pf.session && !(await this.#app.logIn(service))) return;
    try {
      this.#me = await this.#app.pf.me();
      this.updateStatus();
    } catch (error) {
      return this.#app.showError(error);
    }
    const mine = this.#me.services.find((s) => s.serviceId === service.serviceId);
    const enter = () => this.#enter(service);
    if (mine && !mine.enrolled) return this.#targets.enrol(service, enter);
    await enter();
  }

  async #enter(service: ServiceSummary): Promise<void> {
    if (service.kind === "facility-booking") return this.#targets.openBooking(service);
    if (service.kind === "healthcare") return this.#targets.openHealth(service);
    this.#app.showError(new AppError("service_unknown", service.serviceId));
  }

  /** The header: the operator, who is logged in and how, and the household link once the PF has said. */
  updateStatus(): void {
    const { t, pf } = this.#app;
    const session = pf.session;
    const branding = this.#portal?.branding;
    const primary = branding ? 0xff000000 + Number.parseInt(branding.primaryColor.slice(1), 16) : 0xff15304f;
    this.#app.host.setStatus({
      operatorName: branding?.operatorName ?? "",
      login: session ? t(LOGIN_LINE[session.acr], { cableId: session.cableId }) : t("portal.loggedOut"),
      household: session && this.#me ? t(`portal.household.${this.#me.householdLink}`) : "",
      primaryColor: primary,
    });
  }
}

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
