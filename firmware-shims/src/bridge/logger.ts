/**
 * @module JSON-lines logging to stdout (the launcher files it under `$CATV_LOG_DIR/bridge.log`). Callers pass
 * identifiers only — card IDs, device IDs, error codes — never labels, PINs, birth dates or card data.
 */

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export function jsonLogger(
  service = "bridge",
  write: (line: string) => void = (l) => process.stdout.write(l),
): Logger {
  const log =
    (level: string) =>
    (msg: string, fields: LogFields = {}) =>
      write(`${JSON.stringify({ time: new Date().toISOString(), level, service, msg, ...fields })}\n`);
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
