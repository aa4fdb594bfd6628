/**
 * @module Structured JSON-line logger. Callers pass codes and opaque IDs only: never names, addresses, birth
 * dates, certificate serials or tokens (the launcher keeps these logs on disk).
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
}

export function createJsonLogger(
  service: string,
  write: (line: string) => void = (l) => process.stdout.write(l),
): Logger {
  return {
    log(level, msg, fields) {
      write(`${JSON.stringify({ time: new Date().toISOString(), level, service, msg, ...fields })}\n`);
    },
  };
}

/** For tests: keeps lines in memory so a test can assert what was (not) logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, ...createJsonLogger("pf-server", (l) => lines.push(l)) };
}
