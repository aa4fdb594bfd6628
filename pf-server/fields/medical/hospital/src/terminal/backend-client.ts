/**
 * @module The reception page's calls to the hospital's own backend (never to the PF directly): each carries an
 * `X-Terminal-Assertion` the terminal's firmware bridge signed for the PF route the backend will relay it to (or
 * for the backend's own route), so the backend can check that this terminal of this hospital made the call, and the
 * PF's answers reach the patient record server-to-server. Browser code: fetch and the bridge only.
 */
import type { EligibilityOutcome } from "../shared/reception-messages.ts";

export interface AssertionSigner {
  createTerminalAssertion(htm: string, htu: string): Promise<string>;
}

/** A refusal or failure, by code (the PF's, the hospital's, or `hospital_unreachable`). */
export class BackendError extends Error {
  override readonly name = "BackendError";
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown>;
  constructor(code: string, status: number, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export interface SiteAnswer {
  institutionName: string;
  siteName: string;
  verifiers: { verifierId: string; name: string }[];
}

export interface ChallengeAnswer {
  challengeId: string;
  toBeSigned: string;
}

export interface PinlessStartAnswer {
  challengeId: string;
  challenge: string;
  birthDateKey: string;
}

export interface RecognitionAnswer {
  recognitionId: string;
  expiresAt: string;
  patientNumber: string;
  newPatient: boolean;
  registrations: { verifierId: string; verifierName: string; linkStatus: "linked" | "pending" }[];
  warnings: { code: string; message: string }[];
}

export interface EligibilityAnswerView {
  outcome: EligibilityOutcome;
  patientNumber: string;
  nextAttemptAt?: string;
}

export interface RegistrationAnswer {
  verifierId: string;
  verifierName: string;
  outcome: "new" | "existing" | "renewed";
  linkStatus: "linked" | "pending";
}

/** The PF routes the backend relays, by the method and path the assertion must name. */
const PF = {
  site: ["GET", "/v1/reception/site"],
  challenges: ["POST", "/v1/challenges"],
  pinlessStart: ["POST", "/v1/reception/pinless/start"],
  recognitions: ["POST", "/v1/reception/recognitions"],
  eligibilityChecks: ["POST", "/v1/reception/eligibility-checks"],
  registrations: ["POST", "/v1/reception/registrations"],
} as const;

export class ReceptionBackend {
  readonly #signer: AssertionSigner;
  readonly #fetch: typeof fetch;

  constructor(signer: AssertionSigner, fetchImpl: typeof fetch = (...args) => fetch(...args)) {
    this.#signer = signer;
    this.#fetch = fetchImpl;
  }

  site = () => this.#call<SiteAnswer>("GET", "/terminal/api/site", PF.site);
  createChallenge = (purpose: "registration" | "login") =>
    this.#call<ChallengeAnswer>("POST", "/terminal/api/challenges", PF.challenges, { purpose });
  startPinless = (body: { authenticationCertificate: string; cardVerifiableCertificate: string }) =>
    this.#call<PinlessStartAnswer>("POST", "/terminal/api/pinless/start", PF.pinlessStart, body);
  recognise = (body: Record<string, unknown>) =>
    this.#call<RecognitionAnswer>("POST", "/terminal/api/recognitions", PF.recognitions, body);
  checkEligibility = (recognitionId: string, limitApplicationCertificateConsent: boolean) =>
    this.#call<EligibilityAnswerView>("POST", "/terminal/api/eligibility-checks", PF.eligibilityChecks, {
      recognitionId,
      limitApplicationCertificateConsent,
    });
  retryEligibility = (recognitionId: string) =>
    this.#call<EligibilityAnswerView>(
      "POST",
      "/terminal/api/eligibility-checks/retry",
      PF.eligibilityChecks,
      {
        recognitionId,
      },
    );
  register = (body: Record<string, unknown>) =>
    this.#call<RegistrationAnswer>("POST", "/terminal/api/registrations", PF.registrations, body);
  dueRetries = () =>
    this.#call<{ retries: { recognitionId: string }[] }>("GET", "/terminal/api/pending-checks", [
      "GET",
      "/terminal/api/pending-checks",
    ]);
  reportEvent = (kind: "reader" | "card", code: string) =>
    this.#call<unknown>("POST", "/terminal/api/events", ["POST", "/terminal/api/events"], { kind, code });

  async #call<T>(
    method: "GET" | "POST",
    path: string,
    signedFor: readonly [string, string],
    body?: unknown,
  ): Promise<T> {
    const assertion = await this.#signer.createTerminalAssertion(signedFor[0], signedFor[1]);
    let response: Response;
    try {
      response = await this.#fetch(path, {
        method,
        headers: {
          "x-terminal-assertion": assertion,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new BackendError("hospital_unreachable", 0, "the hospital's system could not be reached");
    }
    const json = (await response.json().catch(() => undefined)) as
      | { error?: { code?: string; message?: string; details?: Record<string, unknown> } }
      | undefined;
    if (!response.ok) {
      const error = json?.error;
      throw new BackendError(
        error?.code ?? "hospital_unreachable",
        response.status,
        error?.message ?? response.statusText,
        error?.details ?? {},
      );
    }
    return json as T;
  }
}
