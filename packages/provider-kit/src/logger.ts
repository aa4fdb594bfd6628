/**
 * @module JSON-lines logger to stdout (the launcher writes each service's stdout to `$CATV_LOG_DIR/<name>.log`).
 * Callers pass only codes, routes and opaque request IDs: never pairwise IDs, tokens or health data.
 */

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * @example const log = createLogger("facility"); log.info("listening", { port: 7030 });
 */
export function createLogger(service: string, write: (line: string) => void = (l) => console.log(l)): Logger {
  const emit = (level: string, msg: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, service, msg, ...fields }));
  return {
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
  };
}

/** A logger that keeps nothing, for tests that do not look at logs. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
