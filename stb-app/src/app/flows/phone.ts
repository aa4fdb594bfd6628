/**
 * @module スマートフォンで: the viewer's phone reads the card for this TV (the PF's cross-device request, in the
 * manner of RFC 8628). The TV shows a large QR code and the user code, polls the PF every `interval` seconds, shows
 * when a phone has taken the request and how long the code lives, makes a new code when it expires (or is closed
 * after failed answers), and cancels the request on Back. It ends with the session (login, step-up) or the
 * registration's answer, and the caller continues exactly as after the card in the STB's reader.
 */
import { AppError, toAppError } from "../../lib/errors/app-error.ts";
import type { CrossDevicePoll, CrossDeviceRequest, RegistrationResponse } from "../../lib/pf/pf-client.ts";
import type { AppContext } from "../app-context.ts";
import type { Paragraph } from "../screen-spec.ts";

/** Codes made in a row for one wait before the TV asks the viewer whether to go on (a TV left alone stops asking). */
const MAX_CODES_PER_WAIT = 4;
/** Refusals of the poll that mean "this code is over": a new one is made. */
const CODE_OVER = new Set([
  "cross_device_request_expired",
  "cross_device_request_cancelled",
  "cross_device_request_locked",
  "cross_device_request_used",
]);

type Done = Extract<CrossDevicePoll, { status: "session" | "registered" }>;

export class PhoneFlow {
  readonly #app: AppContext;
  /** The name the household gave this TV, shown on the phone. */
  readonly #terminalLabel: () => string;

  constructor(app: AppContext, terminalLabel?: () => string) {
    this.#app = app;
    this.#terminalLabel = terminalLabel ?? (() => app.t("phone.tvName"));
  }

  /** Login with the phone: true once this TV has the session (`acr` pin-phone). */
  async logIn(leave: () => void): Promise<boolean> {
    const done = await this.#wait(
      "login",
      () => this.#app.pf.requestCrossDevice("login", this.#terminalLabel()),
      leave,
    );
    if (done?.status !== "session") return false;
    this.#app.pf.setSession(done.tokens);
    return true;
  }

  /** The PIN for a paid action, on the phone: true once the session is at PIN level. */
  async stepUp(leave: () => void): Promise<boolean> {
    const done = await this.#wait(
      "step-up",
      () => this.#app.pf.requestCrossDeviceStepUp(this.#terminalLabel()),
      leave,
    );
    if (done?.status !== "session") return false;
    this.#app.pf.setSession(done.tokens);
    return true;
  }

  /** Registration with the phone: the PF's answer, as `POST /v1/registrations` gives it; null when left. */
  async register(leave: () => void): Promise<RegistrationResponse | null> {
    const done = await this.#wait(
      "registration",
      () => this.#app.pf.requestCrossDevice("registration", this.#terminalLabel()),
      leave,
    );
    return done?.status === "registered" ? done.registration : null;
  }

  /** Shows the code and polls until the phone is done (the result), or the viewer leaves or an error is shown (null). */
  #wait(
    purpose: "login" | "step-up" | "registration",
    create: () => Promise<CrossDeviceRequest>,
    leave: () => void,
  ): Promise<Done | null> {
    const { nav, t, pf } = this.#app;
    return new Promise<Done | null>((resolve) => {
      let request: CrossDeviceRequest | null = null;
      let taken = false;
      let notice: Paragraph | null = null;
      let codes = 0;
      let finished = false;
      let ticker: ReturnType<typeof setInterval> | undefined;

      const finish = (value: Done | null) => {
        if (finished) return;
        finished = true;
        clearInterval(ticker);
        resolve(value);
      };
      const cancelAtPf = (current: CrossDeviceRequest | null) => {
        if (current) void pf.cancelCrossDevice(current.requestId).catch(() => {});
      };
      const secondsLeft = () =>
        request
          ? Math.max(0, Math.ceil((Date.parse(request.expiresAt) - this.#app.now().getTime()) / 1000))
          : 0;

      const screen = () =>
        nav.go(() => ({
          kind: "qr",
          name: "phone-qr",
          title: t(`phone.title.${purpose}`),
          qrText: request?.verificationUriComplete ?? "",
          userCode: request?.userCode ?? "",
          steps: [
            t("phone.step.scan"),
            t("phone.step.codeLabel"),
            t("phone.step.compare"),
            t(`phone.step.card.${purpose}`),
          ],
          status:
            notice ??
            (taken
              ? { text: t("phone.status.confirmed"), tone: "success" }
              : { text: t("phone.status.waiting"), tone: "info" }),
          countdown: t("phone.countdown", {
            minutes: Math.floor(secondsLeft() / 60),
            seconds: String(secondsLeft() % 60).padStart(2, "0"),
          }),
          manual: t("phone.manual", { url: request?.verificationUri ?? "" }),
          choices: [{ label: t("phone.stop"), onSelect: () => back() }],
          onBack: () => back(),
        }));

      const back = () => {
        cancelAtPf(request);
        finish(null);
        nav.pop();
        leave();
      };

      const newCode = async (why: string | null): Promise<boolean> => {
        cancelAtPf(request);
        if (codes >= MAX_CODES_PER_WAIT) {
          this.#app.showError(new AppError("cross_device_request_expired", "the codes ran out"));
          finish(null);
          return false;
        }
        try {
          request = await create();
        } catch (error) {
          this.#app.showError(toAppError(error));
          finish(null);
          return false;
        }
        codes++;
        taken = false;
        notice = why ? { text: t(why), tone: "warn" } : null;
        return true;
      };

      void (async () => {
        if (!(await newCode(null))) return;
        const handle = screen();
        ticker = setInterval(() => {
          if (nav.isCurrent(handle)) nav.redraw();
        }, 1000);
        while (!finished) {
          await new Promise((r) => setTimeout(r, (request?.interval ?? 2) * 1000));
          // Read through a cast: `request` is reassigned by newCode, which narrowing cannot see.
          const current = request as CrossDeviceRequest | null;
          if (finished || !current) return;
          if (secondsLeft() === 0) {
            if (!(await newCode("phone.status.renewed"))) return;
            if (nav.isCurrent(handle)) nav.redraw();
            continue;
          }
          try {
            const polled = await pf.pollCrossDevice(current.requestId);
            if (finished) return;
            if (polled.status === "session" || polled.status === "registered") {
              if (nav.isCurrent(handle)) nav.pop();
              finish(polled);
              return;
            }
            taken = polled.status === "confirmed";
            if (notice?.tone === "error") notice = null;
          } catch (error) {
            if (finished) return;
            const e = toAppError(error);
            if (CODE_OVER.has(e.code)) {
              if (
                !(await newCode(
                  e.code === "cross_device_request_locked" ? "phone.status.locked" : "phone.status.renewed",
                ))
              )
                return;
            } else if (e.code === "network_down") {
              notice = { text: t("phone.status.network"), tone: "error" };
            } else {
              if (nav.isCurrent(handle)) nav.pop();
              this.#app.showError(e);
              finish(null);
              return;
            }
          }
          if (nav.isCurrent(handle)) nav.redraw();
        }
      })();
    });
  }
}
