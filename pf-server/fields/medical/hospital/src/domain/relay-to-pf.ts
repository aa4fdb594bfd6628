/**
 * @module How a terminal's call relayed to the PF ends, in this system's terms: the PF's refusal is passed on
 * with its own code and status (marked `from: "pf"`), a PF out of reach becomes `pf_unreachable`, an answer outside
 * the contract `pf_answer_invalid`; and every step is written to the reception log by code, so the desk screen
 * shows what happened at each terminal and the log holds no personal data.
 */
import type { ReceptionPfError } from "@catv/reception-kit";
import { ReceptionPfError as PfError } from "@catv/reception-kit";
import { CodedError } from "@catv/service-kit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { fail } from "../errors.ts";
import type { HospitalDeps } from "./deps.ts";

/** The code a failed relay is known by (the PF's own code when it refused). */
export function failureCode(error: unknown): string {
  if (error instanceof PfError) {
    const { failure } = error;
    if (failure.kind === "refused") return failure.code;
    return failure.kind === "unreachable" ? "pf_unreachable" : "pf_answer_invalid";
  }
  if (error instanceof CodedError) return error.code;
  return "internal_error";
}

/** The coded error the terminal gets for a failed relay. */
export function relayedError(error: unknown, details: Record<string, unknown> = {}): unknown {
  if (!(error instanceof PfError)) return error;
  const failure = (error as ReceptionPfError).failure;
  if (failure.kind === "refused") {
    return new CodedError(failure.code, failure.status as ContentfulStatusCode, failure.message, {
      ...failure.details,
      ...details,
      from: "pf",
    });
  }
  const coded = fail(failure.kind === "unreachable" ? "pf_unreachable" : "pf_answer_invalid");
  return Object.keys(details).length > 0
    ? new CodedError(coded.code, coded.status, coded.message, details)
    : coded;
}

export type ReceptionStep =
  | "site"
  | "challenge"
  | "pinless_start"
  | "recognition"
  | "eligibility"
  | "registration"
  | "reader"
  | "card";

export async function logStep(
  deps: HospitalDeps,
  terminalId: string,
  step: ReceptionStep,
  code: string,
  visitId: string | null = null,
): Promise<void> {
  await deps.store.log.append({ terminalId, at: deps.now().toISOString(), step, code, visitId });
  if (code !== "ok") deps.logger.warn("reception step refused", { terminalId, step, code });
  deps.changed();
}

/**
 * Relays one call and logs its outcome; the PF's refusal comes back as the terminal's coded error. Steps whose
 * success the use case logs itself (with the visit) pass `logSuccess: false`.
 */
export async function relay<T>(
  deps: HospitalDeps,
  terminalId: string,
  step: ReceptionStep,
  call: () => Promise<T>,
  options: { logSuccess?: boolean } = {},
): Promise<T> {
  try {
    const answer = await call();
    if (options.logSuccess !== false) await logStep(deps, terminalId, step, "ok");
    return answer;
  } catch (error) {
    await logStep(deps, terminalId, step, failureCode(error));
    throw relayedError(error);
  }
}
