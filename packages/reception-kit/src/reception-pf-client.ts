/**
 * @module The institution's side of the PF's reception API: relays one call of a reception terminal to the PF with
 * the terminal's own assertion (the institution's backend holds no terminal key; the terminal's firmware made the
 * assertion for exactly this method and path) and parses the PF's answer with the contract's schema, so the
 * caller records only what the PF said. Failures come back as one error type with three kinds — the PF refused
 * (its coded error), the PF could not be reached, or it answered outside the contract — because a reception treats
 * them differently (tell the patient why; fall back and retry; report a fault).
 *
 * @example
 * const pf = createReceptionPfClient({ pfUrl });
 * const recognition = await pf.recognise(assertionFromTerminal, cardAnswer);
 */
import {
  challengeResponseSchema,
  type ErrorCode,
  type eligibilityCheckRequestSchema,
  eligibilityCheckResponseSchema,
  errorBodySchema,
  patientReferenceStatusSchema,
  type receptionPinlessStartRequestSchema,
  receptionPinlessStartResponseSchema,
  type receptionRecognitionRequestSchema,
  receptionRecognitionResponseSchema,
  type receptionRegistrationRequestSchema,
  receptionRegistrationResponseSchema,
  receptionSiteSchema,
  TERMINAL_ASSERTION_HEADER,
} from "@catv/contracts";
import type { z } from "zod";
import { patientReferencePath, type ReceptionRoute, receptionRoutes } from "./reception-routes.ts";

export type ReceptionPfFailure =
  /** The PF answered with one of its coded errors (`packages/contracts/src/errors.ts`). */
  | { kind: "refused"; status: number; code: ErrorCode; message: string; details?: Record<string, unknown> }
  /** No answer: connection refused, reset, or no answer within the timeout. */
  | { kind: "unreachable"; reason: "network" | "timeout" }
  /** An answer the contract does not describe (a success body the schema refuses, or a non-JSON error). */
  | { kind: "invalid_answer"; status: number };

export class ReceptionPfError extends Error {
  override readonly name = "ReceptionPfError";
  readonly failure: ReceptionPfFailure;
  constructor(failure: ReceptionPfFailure) {
    super(
      failure.kind === "refused"
        ? `the PF refused: ${failure.code}`
        : failure.kind === "unreachable"
          ? `the PF could not be reached (${failure.reason})`
          : `the PF answered outside the contract (HTTP ${failure.status})`,
    );
    this.failure = failure;
  }
}

export interface ReceptionPfClientOptions {
  pfUrl: string;
  /**
   * How long one call may take. A recognition waits for J-LIS (revocation), an eligibility check for the insurer
   * (which the PF itself bounds), so the default is generous.
   */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type Body<S extends z.ZodType> = z.input<S>;

export function createReceptionPfClient(options: ReceptionPfClientOptions) {
  const pfUrl = options.pfUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 20_000;
  const doFetch = options.fetch ?? fetch;

  async function send<S extends z.ZodType>(
    route: ReceptionRoute,
    headers: Record<string, string>,
    body: unknown,
    schema: S,
  ): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await doFetch(`${pfUrl}${route.path}`, {
        method: route.method,
        headers: {
          accept: "application/json",
          ...headers,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === "TimeoutError";
      throw new ReceptionPfError({ kind: "unreachable", reason: timedOut ? "timeout" : "network" });
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      // A gateway in front of a stopped PF answers 502/503 with an HTML page: the PF itself is not there.
      if (response.status >= 500) throw new ReceptionPfError({ kind: "unreachable", reason: "network" });
      throw new ReceptionPfError({ kind: "invalid_answer", status: response.status });
    }
    if (!response.ok) {
      const error = errorBodySchema.safeParse(json);
      if (!error.success) {
        if (response.status >= 500) throw new ReceptionPfError({ kind: "unreachable", reason: "network" });
        throw new ReceptionPfError({ kind: "invalid_answer", status: response.status });
      }
      const { code, message, details } = error.data.error;
      throw new ReceptionPfError({
        kind: "refused",
        status: response.status,
        code,
        message,
        ...(details ? { details } : {}),
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ReceptionPfError({ kind: "invalid_answer", status: response.status });
    return parsed.data;
  }

  const asTerminal = (assertion: string) => ({ [TERMINAL_ASSERTION_HEADER]: assertion });

  return {
    /** GET /v1/reception/site */
    site: (assertion: string) =>
      send(receptionRoutes.site, asTerminal(assertion), undefined, receptionSiteSchema),
    /** POST /v1/challenges (`registration` before a registration at the desk, `login` before a PIN recognition). */
    createChallenge: (assertion: string, body: { purpose: "registration" | "login" }) =>
      send(receptionRoutes.challenges, asTerminal(assertion), body, challengeResponseSchema),
    /** POST /v1/reception/pinless/start */
    startPinless: (assertion: string, body: Body<typeof receptionPinlessStartRequestSchema>) =>
      send(receptionRoutes.pinlessStart, asTerminal(assertion), body, receptionPinlessStartResponseSchema),
    /** POST /v1/reception/recognitions */
    recognise: (assertion: string, body: Body<typeof receptionRecognitionRequestSchema>) =>
      send(receptionRoutes.recognitions, asTerminal(assertion), body, receptionRecognitionResponseSchema),
    /** POST /v1/reception/eligibility-checks */
    checkEligibility: (assertion: string, body: Body<typeof eligibilityCheckRequestSchema>) =>
      send(receptionRoutes.eligibilityChecks, asTerminal(assertion), body, eligibilityCheckResponseSchema),
    /** POST /v1/reception/registrations */
    register: (assertion: string, body: Body<typeof receptionRegistrationRequestSchema>) =>
      send(receptionRoutes.registrations, asTerminal(assertion), body, receptionRegistrationResponseSchema),
    /** GET /v1/institution/patient-references/{ref}, with the institution's API key. */
    patientReferenceStatus: (apiKey: string, patientReference: string) =>
      send(
        { method: "GET", path: patientReferencePath(patientReference) },
        { authorization: `Bearer ${apiKey}` },
        undefined,
        patientReferenceStatusSchema,
      ),
  };
}

export type ReceptionPfClient = ReturnType<typeof createReceptionPfClient>;
