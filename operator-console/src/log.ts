/**
 * @module JSON-lines logging to stdout (the launcher writes it to $CATV_LOG_DIR/console.log). Callers pass IDs and
 * counts only — never names, addresses or birth dates.
 */
export function log(
  level: "info" | "warn" | "error",
  msg: string,
  fields: Record<string, unknown> = {},
): void {
  console.log(
    JSON.stringify({ time: new Date().toISOString(), level, service: "operator-console", msg, ...fields }),
  );
}
