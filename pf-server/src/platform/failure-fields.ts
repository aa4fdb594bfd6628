/**
 * @module How a background job (a timer, a worker, a lane) logs its failure: by the error's name and code, never
 * its message, since a database driver's message can quote the statement's parameters. The code is a coded error's
 * (`service_unavailable`, `crl_stale`), or else a driver's or the system's (SQLSTATE `23505`, `ENOSPC`). Domain
 * code does not know the database driver: the process entry hands it a translation that names a lost database
 * `ServiceUnavailableError` (`translateConnectionLoss` of `@catv/postgres`), applied before the fields are taken.
 */
import { CodedError } from "@catv/service-kit";

/** Names an error by its cause (e.g. a lost connection as `ServiceUnavailableError`); undefined keeps it as it is. */
export type TranslateError = (error: unknown) => Error | undefined;

export type FailureFields = { error: string; code?: string };

/** A code of letters, digits and `_.-` only: anything else might not be a code, so it is left out. */
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/** The log fields of a failure: `{ error: name, code? }`, after the translation when one is given. */
export function failureFields(error: unknown, translate?: TranslateError): FailureFields {
  const failure = translate?.(error) ?? error;
  if (!(failure instanceof Error)) return { error: "unknown" };
  const code = failure instanceof CodedError ? failure.code : (failure as { code?: unknown }).code;
  return typeof code === "string" && CODE.test(code)
    ? { error: failure.name, code }
    : { error: failure.name };
}
