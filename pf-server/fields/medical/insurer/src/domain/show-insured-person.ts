/**
 * @module The 被保険者 pages: the register searched by name, reading or number, and one person with their household,
 * their 資格 as a reception would be answered today (資格有効性, 負担割合, 限度額区分), the 共通的PFID they are linked to,
 * and the corrections made to their record.
 */
import { jstDate } from "@catv/contracts/calendar";
import { fail } from "./domain-errors.ts";
import {
  contributionRatio,
  coveredOn,
  effectiveLoss,
  elderlyCertificate,
  limitCertificate,
} from "./insurance-rules.ts";
import type { Actor, Deps, InsuredPerson, Link, Page, PersonCorrection } from "./ports.ts";

export interface PersonView {
  person: InsuredPerson;
  household: InsuredPerson[];
  today: string;
  covered: boolean;
  loss: ReturnType<typeof effectiveLoss>;
  ratio: string;
  elderly: ReturnType<typeof elderlyCertificate>;
  limit: ReturnType<typeof limitCertificate>;
  links: Link[];
  corrections: PersonCorrection[];
}

export async function showInsuredPerson(deps: Deps, actor: Actor, personId: string): Promise<PersonView> {
  const person = await deps.store.persons.get(actor.insurerId, personId);
  if (!person) throw fail("person_unknown");
  const today = jstDate(deps.now());
  return {
    person,
    household: await deps.store.persons.household(actor.insurerId, person.householdId),
    today,
    covered: coveredOn(person, today),
    loss: effectiveLoss(person, today),
    ratio: contributionRatio(person, today),
    elderly: elderlyCertificate(person, today),
    limit: limitCertificate(person, today),
    links: await deps.store.links.historyForPerson(actor.insurerId, person.id),
    corrections: await deps.store.persons.corrections(actor.insurerId, person.id),
  };
}

export function listInsuredPersons(
  deps: Deps,
  actor: Actor,
  filter: { text?: string; offset: number; limit: number },
): Promise<Page<InsuredPerson>> {
  return deps.store.persons.list(actor.insurerId, filter);
}
