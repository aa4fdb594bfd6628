/**
 * @module JSON-lines logging to stdout (the launcher files it under `$CATV_LOG_DIR/jlis.log`). Callers pass only
 * identifiers and codes — never names, addresses, birth dates, PINs or any 個人番号.
 */

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export function createLogger(service = "jlis"): Logger {
  const write = (level: string, msg: string, fields: LogFields = {}) =>
    console.log(JSON.stringify({ time: new Date().toISOString(), level, service, msg, ...fields }));
  return {
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
  };
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
