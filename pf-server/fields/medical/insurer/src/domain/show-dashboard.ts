/**
 * @module The staff's first page: what waits (registrations to link, new 4情報 to review), whether the PF has heard
 * of every link (states still owed, states it refused), today's 資格確認 count and the register's size.
 */
import { JST_OFFSET_MS } from "@catv/contracts/calendar";
import type { Actor, Deps, IntakeView, OutboxEntry } from "./ports.ts";

export interface Dashboard {
  intake: Record<IntakeView, number>;
  owedToPf: number;
  refusedByPf: OutboxEntry[];
  eligibilityToday: number;
  persons: number;
}

export async function showDashboard(deps: Deps, actor: Actor): Promise<Dashboard> {
  const now = deps.now().getTime();
  // Midnight JST of today, as an instant.
  const startOfDay = new Date(Math.floor((now + JST_OFFSET_MS) / 86_400_000) * 86_400_000 - JST_OFFSET_MS);
  return {
    intake: await deps.store.registrations.counts(actor.insurerId),
    owedToPf: await deps.store.outbox.openCount(actor.insurerId),
    refusedByPf: await deps.store.outbox.refusedRecently(actor.insurerId, 10),
    eligibilityToday: await deps.store.eligibility.countSince(actor.insurerId, startOfDay.toISOString()),
    persons: await deps.store.persons.count(actor.insurerId),
  };
}
