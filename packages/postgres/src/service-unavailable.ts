/**
 * @module A lost database connection as one clear error: `service_unavailable` (HTTP 503), so a server answers
 * "try again shortly" with its usual JSON error body instead of a 500, and a client or load balancer retries.
 * PostgreSQL tells of it by SQLSTATE class 08 (connection exception) or 57P01–57P03 (the server shutting down or
 * starting), node-postgres by a socket error code or its own "Connection terminated" messages, and drizzle wraps
 * either in a query error whose `cause` is the driver's.
 */
import { CodedError } from "@catv/service-kit";

/** The database cannot be reached now; nothing of the request was committed unless it said so before. */
export class ServiceUnavailableError extends CodedError<"service_unavailable"> {
  constructor(message = "The service cannot reach its database; try again shortly.") {
    super("service_unavailable", 503, message);
    this.name = "ServiceUnavailableError";
  }
}

/** SQLSTATEs of a connection lost or refused (PostgreSQL manual, Appendix A). */
const CONNECTION_SQLSTATES = new Set([
  "57P01", // admin_shutdown: the server is stopping (fast shutdown ends every session)
  "57P02", // crash_shutdown: another backend crashed and the server restarts
  "57P03", // cannot_connect_now: the server is starting or recovering
  "53300", // too_many_connections
]);

const SOCKET_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

// node-postgres and pg-pool say these in words, without a code.
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Cannot use a pool after calling end on the pool/,
  /^Client was closed/,
];

function isConnectionLossItself(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (code.startsWith("08") || CONNECTION_SQLSTATES.has(code))) return true;
  if (typeof code === "string" && SOCKET_ERRORS.has(code)) return true;
  return DRIVER_MESSAGES.some((pattern) => pattern.test(error.message));
}

/** True when the error, or one it wraps (`cause`, an AggregateError's errors), is a lost or refused connection. */
export function isConnectionLoss(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined || next === null || seen.has(next)) continue;
    seen.add(next);
    if (isConnectionLossItself(next)) return true;
    if (next instanceof AggregateError) pending.push(...next.errors);
    if (next instanceof Error && "cause" in next) pending.push(next.cause);
  }
  return false;
}

/**
 * A connection loss as `ServiceUnavailableError`, anything else undefined: the shape of the `translate` option of
 * service-kit's `codedErrorHandler`.
 * @example app.onError(codedErrorHandler({ logger, translate: translateConnectionLoss }));
 */
export function translateConnectionLoss(error: unknown): ServiceUnavailableError | undefined {
  if (error instanceof ServiceUnavailableError) return error;
  return isConnectionLoss(error) ? new ServiceUnavailableError() : undefined;
}

/**
 * Runs a database call, throwing `ServiceUnavailableError` in place of a connection loss (for code outside an HTTP
 * handler, such as a worker that logs the code).
 */
export async function mapConnectionLoss<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw translateConnectionLoss(error) ?? error;
  }
}
