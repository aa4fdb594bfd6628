/**
 * @module Typed client for the PF's TV API (`packages/contracts/src/tv-api.ts`). Every request carries the
 * firmware's terminal assertion (bound to method and path, so it is made per request); viewer calls also
 * carry the bearer token, refreshed once when the PF says it expired. Types only are imported, so zod stays
 * out of the bundle.
 */
import type {
  challengeResponseSchema,
  createChallengeRequestSchema,
  crossDevicePollResponseSchema,
  crossDeviceRequestResponseSchema,
  enrolmentResponseSchema,
  meResponseSchema,
  pinLoginRequestSchema,
  pinlessLoginRequestSchema,
  pinlessStartRequestSchema,
  pinlessStartResponseSchema,
  portalResponseSchema,
  registrationRequestSchema,
  registrationResponseSchema,
  registrationStatusResponseSchema,
  stepUpRequestSchema,
  tokenResponseSchema,
} from "@catv/contracts";
import { AppError, type AppErrorCode } from "../errors/app-error.ts";

type Infer<T> = T extends { _zod: { output: infer O } } ? O : never;
export type ChallengeResponse = Infer<typeof challengeResponseSchema>;
export type ChallengePurpose = Infer<typeof createChallengeRequestSchema>["purpose"];
export type RegistrationRequest = Infer<typeof registrationRequestSchema>;
export type RegistrationResponse = Infer<typeof registrationResponseSchema>;
export type RegistrationStatus = Infer<typeof registrationStatusResponseSchema>;
export type TokenResponse = Infer<typeof tokenResponseSchema>;
export type PinLoginRequest = Infer<typeof pinLoginRequestSchema>;
export type StepUpRequest = Infer<typeof stepUpRequestSchema>;
export type PinlessStartRequest = Infer<typeof pinlessStartRequestSchema>;
export type PinlessStartResponse = Infer<typeof pinlessStartResponseSchema>;
export type PinlessLoginRequest = Infer<typeof pinlessLoginRequestSchema>;
export type PortalResponse = Infer<typeof portalResponseSchema>;
export type MeResponse = Infer<typeof meResponseSchema>;
export type EnrolmentResponse = Infer<typeof enrolmentResponseSchema>;
export type ServiceSummary = PortalResponse["services"][number];
export type CrossDeviceRequest = Infer<typeof crossDeviceRequestResponseSchema>;
export type CrossDevicePoll = Infer<typeof crossDevicePollResponseSchema>;

/** Made by the STB firmware with the terminal key: `createTerminalAssertion(htm, htu)`. */
export type TerminalAssertionSigner = (method: string, pathAndQuery: string) => Promise<string>;

export interface Session {
  accessToken: string;
  refreshToken: string;
  acr: TokenResponse["acr"];
  cableId: string;
}

export interface PfClientOptions {
  baseUrl: string;
  assert: TerminalAssertionSigner;
  fetch?: typeof fetch;
}

export class PfClient {
  #baseUrl: string;
  #assert: TerminalAssertionSigner;
  #fetch: typeof fetch;
  #session: Session | null = null;
  /** The refresh under way: calls that expire together wait for it, since the PF's refresh token is single use. */
  #refreshing: Promise<boolean> | null = null;
  #sessionListeners = new Set<(session: Session | null) => void>();

  constructor(options: PfClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/$/, "");
    this.#assert = options.assert;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  get session(): Session | null {
    return this.#session;
  }

  onSessionChange(listener: (session: Session | null) => void): () => void {
    this.#sessionListeners.add(listener);
    return () => this.#sessionListeners.delete(listener);
  }

  setSession(tokens: TokenResponse | null): void {
    this.#session = tokens
      ? {
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          acr: tokens.acr,
          cableId: tokens.cableId,
        }
      : null;
    for (const listener of this.#sessionListeners) listener(this.#session);
  }

  portal = () => this.#request<PortalResponse>("GET", "/v1/portal");
  createChallenge = (purpose: ChallengePurpose) =>
    this.#request<ChallengeResponse>("POST", "/v1/challenges", { purpose });
  register = (body: RegistrationRequest) =>
    this.#request<RegistrationResponse>("POST", "/v1/registrations", body);
  /** The household link of the registration this STB just made, with the receipt its answer carried. */
  registrationStatus = (receipt: string) =>
    this.#request<RegistrationStatus>("POST", "/v1/registrations/status", { receipt });
  loginWithPin = (body: PinLoginRequest) => this.#request<TokenResponse>("POST", "/v1/sessions", body);
  startPinless = (body: PinlessStartRequest) =>
    this.#request<PinlessStartResponse>("POST", "/v1/pinless/start", body);
  finishPinless = (body: PinlessLoginRequest) =>
    this.#request<TokenResponse>("POST", "/v1/pinless/sessions", body);
  stepUp = (body: StepUpRequest) =>
    this.#request<TokenResponse>("POST", "/v1/sessions/step-up", body, { viewer: true });
  me = () => this.#request<MeResponse>("GET", "/v1/me", undefined, { viewer: true });
  /** スマートフォンで: a request the viewer's phone answers with the card (registration or login). */
  requestCrossDevice = (purpose: "registration" | "login", terminalLabel: string) =>
    this.#request<CrossDeviceRequest>("POST", "/v1/cross-device-requests", { purpose, terminalLabel });
  /** The PIN for a paid action, entered on the phone: steps the current session up. */
  requestCrossDeviceStepUp = (terminalLabel: string) =>
    this.#request<CrossDeviceRequest>(
      "POST",
      "/v1/sessions/current/cross-device-step-up",
      { terminalLabel },
      { viewer: true },
    );
  pollCrossDevice = (requestId: string) =>
    this.#request<CrossDevicePoll>("POST", `/v1/cross-device-requests/${encodeURIComponent(requestId)}/poll`);
  cancelCrossDevice = (requestId: string) =>
    this.#request<void>("DELETE", `/v1/cross-device-requests/${encodeURIComponent(requestId)}`);
  enrol = (serviceId: string, consent: { textVersion: string; acceptedAt: string }) =>
    this.#request<EnrolmentResponse>(
      "POST",
      `/v1/services/${encodeURIComponent(serviceId)}/enrolment`,
      { consent },
      { viewer: true },
    );

  /** A provider's API through the PF proxy: `/v1/services/{serviceId}/api/{path}`. */
  service<T>(serviceId: string, method: string, path: string, body?: unknown): Promise<T> {
    const clean = path.replace(/^\//, "");
    return this.#request<T>(method, `/v1/services/${encodeURIComponent(serviceId)}/api/${clean}`, body, {
      viewer: true,
    });
  }

  async logout(): Promise<void> {
    if (!this.#session) return;
    try {
      await this.#request<void>("DELETE", "/v1/sessions/current", undefined, {
        viewer: true,
        noRefresh: true,
      });
    } finally {
      // Forget the tokens even when the PF cannot be reached: the TV must not stay logged in.
      this.setSession(null);
    }
  }

  #refresh(): Promise<boolean> {
    this.#refreshing ??= this.#rotateTokens().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #rotateTokens(): Promise<boolean> {
    const current = this.#session;
    if (!current) return false;
    try {
      const tokens = await this.#request<TokenResponse>("POST", "/v1/sessions/refresh", {
        refreshToken: current.refreshToken,
      });
      this.setSession(tokens);
      return true;
    } catch {
      this.setSession(null);
      return false;
    }
  }

  async #request<T>(
    method: string,
    path: string,
    body?: unknown,
    options: { viewer?: boolean; noRefresh?: boolean } = {},
  ): Promise<T> {
    let sentWith: string | undefined;
    const send = async (): Promise<Response> => {
      const headers: Record<string, string> = {
        accept: "application/json",
        "x-terminal-assertion": await this.#assert(method, path),
      };
      if (body !== undefined) headers["content-type"] = "application/json";
      if (options.viewer) {
        if (!this.#session) throw new AppError("session_expired", "no session");
        sentWith = this.#session.accessToken;
        headers.authorization = `Bearer ${sentWith}`;
      }
      try {
        return await this.#fetch(`${this.#baseUrl}${path}`, {
          method,
          headers,
          body: body === undefined ? null : JSON.stringify(body),
        });
      } catch (cause) {
        throw new AppError("network_down", cause instanceof Error ? cause.message : "fetch failed");
      }
    };
    let response = await send();
    if (response.status === 401 && options.viewer && !options.noRefresh) {
      const error = await readError(response.clone());
      // A token another call already refreshed needs no second refresh, just the new token.
      const renewed = this.#session !== null && this.#session.accessToken !== sentWith;
      if (error.code === "session_expired" && (renewed || (await this.#refresh()))) response = await send();
    }
    if (!response.ok) throw await readError(response);
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new AppError("bad_response", `${method} ${path}: body is not JSON`);
    }
  }
}

/** The PF's `{error:{code,message,requestId,details}}`, or a code chosen from the status when it is missing. */
async function readError(response: Response): Promise<AppError> {
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    parsed = null;
  }
  const error = (parsed as { error?: Record<string, unknown> } | null)?.error;
  if (error && typeof error.code === "string") {
    const details = (error.details ?? {}) as Record<string, unknown>;
    const extra: { triesLeft?: number; requestId?: string } = {};
    if (typeof error.requestId === "string") extra.requestId = error.requestId;
    if (typeof details.triesLeft === "number") extra.triesLeft = details.triesLeft;
    return new AppError(error.code as AppErrorCode, String(error.message ?? error.code), extra);
  }
  const code: AppErrorCode = response.status >= 500 ? "service_unavailable" : "bad_response";
  return new AppError(code, `HTTP ${response.status}`);
}
