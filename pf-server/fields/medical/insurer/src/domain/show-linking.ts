/**
 * @module What the linking screen of one registration shows (参考１－２): the verified 4情報 of the application, the
 * people it is linked to now (with 記号・番号・枝番), the links it had, whether the PF has heard of the latest state,
 * and — for the confirmation step — one candidate side by side with the application, its differences and whether
 * a link would be a second one.
 */
import { fail } from "./domain-errors.ts";
import {
  applicationDifferences,
  type Comparison,
  compareWithPerson,
  criteriaOfFourInfo,
} from "./matching.ts";
import type {
  Actor,
  CorrectableField,
  Deps,
  InsuredPerson,
  Link,
  OutboxEntry,
  Registration,
} from "./ports.ts";

export interface LinkingView {
  registration: Registration;
  linked: { link: Link; person: InsuredPerson }[];
  history: { link: Link; person: InsuredPerson | undefined }[];
  delivery: OutboxEntry | undefined;
}

export async function showLinking(deps: Deps, actor: Actor, accountId: string): Promise<LinkingView> {
  const registration = await deps.store.registrations.get(actor.insurerId, accountId);
  if (!registration) throw fail("registration_unknown");
  const all = await deps.store.links.history(actor.insurerId, accountId);
  const withPerson = [];
  for (const link of all) {
    withPerson.push({ link, person: await deps.store.persons.get(actor.insurerId, link.personId) });
  }
  return {
    registration,
    linked: withPerson.filter(
      (l): l is { link: Link; person: InsuredPerson } => l.link.unlinkedAt === null && l.person !== undefined,
    ),
    history: withPerson.filter((l) => l.link.unlinkedAt !== null),
    delivery: await deps.store.outbox.latest(actor.insurerId, accountId),
  };
}

export interface LinkConfirmation {
  registration: Registration;
  person: InsuredPerson;
  comparison: Comparison;
  differences: CorrectableField[];
  /** People this 共通的PFID is linked to already (a link now would be 複数該当). */
  alreadyLinkedTo: InsuredPerson[];
  /** The 共通的PFID the person is linked to, if another one (the link is refused). */
  personLinkedTo: string | undefined;
  nameCorrectable: boolean;
}

export async function showLinkConfirmation(
  deps: Deps,
  actor: Actor,
  accountId: string,
  personId: string,
): Promise<LinkConfirmation> {
  const registration = await deps.store.registrations.get(actor.insurerId, accountId);
  if (!registration) throw fail("registration_unknown");
  const person = await deps.store.persons.get(actor.insurerId, personId);
  if (!person) throw fail("person_unknown");
  const live = await deps.store.links.live(actor.insurerId, accountId);
  const alreadyLinkedTo: InsuredPerson[] = [];
  for (const link of live) {
    const linked = await deps.store.persons.get(actor.insurerId, link.personId);
    if (linked && linked.id !== person.id) alreadyLinkedTo.push(linked);
  }
  const personLink = await deps.store.links.liveForPerson(actor.insurerId, person.id);
  return {
    registration,
    person,
    comparison: compareWithPerson(criteriaOfFourInfo(registration.fourInfo), person),
    differences: applicationDifferences(registration.fourInfo, person),
    alreadyLinkedTo,
    personLinkedTo: personLink && personLink.accountId !== accountId ? personLink.accountId : undefined,
    nameCorrectable: !registration.fourInfo.nameAlternativeFlags?.includes("1"),
  };
}
