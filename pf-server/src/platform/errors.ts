/**
 * @module The PF's one catalogue of coded errors: `PfError` carries a code from the shared contract catalogue,
 * whose HTTP status is fixed per code. Messages never contain personal data or certificate serials.
 */
import { type ErrorCode, errorCatalogue } from "@catv/contracts";
import { CodedError } from "@catv/service-kit";

export class PfError extends CodedError<ErrorCode> {
  /** The viewer a refused request was about, when the use case knew it: the failure's audit row names them. */
  auditCableId: string | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(code, errorCatalogue[code].status, message ?? errorCatalogue[code].summary, details);
    this.name = "PfError";
  }
}

/** Shorthand: `throw fail("challenge_used")`. */
export const fail = (code: ErrorCode, message?: string, details?: Record<string, unknown>) =>
  new PfError(code, message, details);

export const isPfError = (e: unknown): e is PfError => e instanceof PfError;

/** Runs `work`; a PfError it throws is audited as about `cableId` (see http/middleware/errors.ts). */
export async function auditedAs<T>(cableId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isPfError(e)) e.auditCableId ??= cableId;
    throw e;
  }
}
