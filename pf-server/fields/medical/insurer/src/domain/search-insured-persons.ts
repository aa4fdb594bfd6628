/**
 * @module 被保険者の特定 (参考１－２ ①②): staff search the 被保険者DB with the applicant's 4情報 (and a reading, if the
 * applicant gave one) and see every candidate with each field marked 一致 or 相違, best first — the search key is
 * never the 被保険者番号 the applicant might claim (ポイント5). A candidate already linked, or not covered today,
 * says so.
 */
import { jstDate } from "@catv/contracts/calendar";
import { fail } from "./domain-errors.ts";
import { coveredOn } from "./insurance-rules.ts";
import {
  agreementScore,
  type Comparison,
  compareWithPerson,
  kanaKey,
  nameKey,
  namePattern,
  type SearchCriteria,
} from "./matching.ts";
import type { Actor, Deps, InsuredPerson } from "./ports.ts";

export interface Candidate {
  person: InsuredPerson;
  comparison: Comparison;
  score: number;
  /** The 共通的PFID the person is linked to now, if any. */
  linkedAccountId: string | undefined;
  coveredToday: boolean;
}

/** Candidates are read by the keys given; a name, a reading or a birth date is needed to search at all. */
export async function searchInsuredPersons(
  deps: Deps,
  actor: Actor,
  criteria: SearchCriteria,
): Promise<Candidate[]> {
  if (!criteria.name && !criteria.kana && !criteria.birthDate) {
    throw fail("validation_failed", "氏名・カナ・生年月日のいずれかを入力してください。");
  }
  const flagged = criteria.nameAlternativeFlags?.includes("1") ?? false;
  const found = await deps.store.persons.candidates(actor.insurerId, {
    ...(criteria.name && !flagged ? { nameKey: nameKey(criteria.name) } : {}),
    ...(criteria.name && flagged
      ? { namePattern: namePattern(criteria.name, criteria.nameAlternativeFlags) }
      : {}),
    ...(criteria.kana ? { kanaKey: kanaKey(criteria.kana) } : {}),
    ...(criteria.birthDate ? { birthDate: criteria.birthDate } : {}),
    limit: 100,
  });
  const today = jstDate(deps.now());
  const candidates: Candidate[] = [];
  for (const person of found) {
    const comparison = compareWithPerson(criteria, person);
    const link = await deps.store.links.liveForPerson(actor.insurerId, person.id);
    candidates.push({
      person,
      comparison,
      score: agreementScore(comparison),
      linkedAccountId: link?.accountId,
      coveredToday: coveredOn(person, today),
    });
  }
  return candidates.sort((a, b) => b.score - a.score || a.person.id.localeCompare(b.person.id)).slice(0, 50);
}
