/**
 * @module The intake list (受付一覧): the registrations the PF reported, newest first, by what is left to do —
 * 紐づけ待ち (pending), 紐づけ済 (linked), 要確認 (new 4情報 after a renewal or move), 失効 (revoked) — with the people
 * each is linked to.
 */
import type { Actor, Deps, InsuredPerson, IntakeView, Page, Registration } from "./ports.ts";

export interface IntakeRow {
  registration: Registration;
  linkedPersons: InsuredPerson[];
}

export async function listIntake(
  deps: Deps,
  actor: Actor,
  filter: { view: IntakeView; offset: number; limit: number },
): Promise<{ page: Page<IntakeRow>; counts: Record<IntakeView, number> }> {
  const page = await deps.store.registrations.list(actor.insurerId, filter);
  const items: IntakeRow[] = [];
  for (const row of page.items) {
    const linkedPersons: InsuredPerson[] = [];
    for (const personId of row.linkedPersonIds) {
      const person = await deps.store.persons.get(actor.insurerId, personId);
      if (person) linkedPersons.push(person);
    }
    const { linkedPersonIds: _ids, ...registration } = row;
    items.push({ registration, linkedPersons });
  }
  return {
    page: { items, total: page.total },
    counts: await deps.store.registrations.counts(actor.insurerId),
  };
}

/** Staff saw the new 4情報 of an updated registration (and corrected the record if needed). */
export async function acknowledgeReview(deps: Deps, actor: Actor, accountId: string): Promise<void> {
  const at = deps.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.registrations.acknowledgeReview(actor.insurerId, accountId);
    await tx.audit.append({
      insurerId: actor.insurerId,
      at,
      actor: actor.loginId,
      action: "registration.review_acknowledged",
      target: accountId,
      detail: "4情報の変更を確認",
      requestId: actor.requestId,
    });
  });
}
