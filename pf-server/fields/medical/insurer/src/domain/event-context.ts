/**
 * @module What an event's use case gets: the transaction's repositories, the insurer the event is addressed to, the
 * time it was received and the request it came with (for the audit trail).
 */
import type { Repositories } from "./ports.ts";

export interface EventContext {
  tx: Repositories;
  insurerId: string;
  at: string;
  requestId: string;
}
