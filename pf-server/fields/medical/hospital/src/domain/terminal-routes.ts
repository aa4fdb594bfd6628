/**
 * @module The hospital's own routes a reception terminal calls (not relayed to the PF), with the method and path a
 * terminal assertion for them names: the terminal signs them with the same key, so only this hospital's terminals
 * can read their pending retries or report their reader's state.
 */
export const ownTerminalRoutes = {
  pendingChecks: { method: "GET", path: "/terminal/api/pending-checks" },
  events: { method: "POST", path: "/terminal/api/events" },
} as const;
