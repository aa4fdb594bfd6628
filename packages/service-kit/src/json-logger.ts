/**
 * @module JSON-lines logger to stdout (the launcher writes each service's stdout to `$CATV_LOG_DIR/<name>.log`):
 * one object a line, `{time, level, service, msg, ...fields}`. Callers pass only codes, route patterns and opaque
 * IDs: never names, addresses, birth dates, certificate serials, pairwise IDs, tokens or health data.
 */

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

function loggerWith(emit: (level: LogLevel, msg: string, fields?: LogFields) => void): Logger {
  return {
    log: emit,
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
  };
}

/**
 * @example const log = createJsonLogger("facility"); log.info("listening", { port: 7030 });
 */
export function createJsonLogger(
  service: string,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  return loggerWith((level, msg, fields) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, service, msg, ...fields })),
  );
}

/** A logger that keeps its lines in memory, so a test can assert what was (and was not) logged. */
export function createMemoryLogger(service: string): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, ...createJsonLogger(service, (line) => lines.push(line)) };
}

/** A logger that keeps nothing, for tests that do not look at logs. */
export const silentLogger: Logger = loggerWith(() => undefined);
