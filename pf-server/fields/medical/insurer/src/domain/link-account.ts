/**
 * @module Linking a 共通的PFID to a 被保険者 (参考１－２ ②③④): staff identified the person from the registration's
 * verified 4情報, may correct the record where it differs, and link. Where the application and the record differ, the
 * link needs staff's explicit confirmation of the differences shown (and is audited as such); a second link of one
 * 共通的PFID makes the eligibility answer 複数該当 and needs its own confirmation. The PF learns the account is linked
 * through the outbox, in the same transaction. Used by the screen and, row by row, by the CSV import.
 */
import { auditStaff } from "./audit.ts";
import { fail } from "./domain-errors.ts";
import { applicationDifferences, correctableFieldLabels, correctedValue } from "./matching.ts";
import type { Actor, CorrectableField, Deps, Repositories } from "./ports.ts";

export interface LinkRequest {
  accountId: string;
  personId: string;
  /** Fields of the record to overwrite with the application's verified value. */
  corrections: CorrectableField[];
  /** Staff saw the differences between the application and the record and confirm it is the same person. */
  confirmMismatch: boolean;
  /** Staff confirm linking a 共通的PFID that is already linked to another record (複数該当). */
  confirmSecondLink: boolean;
  method: "screen" | "csv";
}

export interface LinkResult {
  linkId: number;
  differences: CorrectableField[];
  corrected: CorrectableField[];
}

/** The link, inside the caller's transaction (the CSV import links many rows in one). */
export async function linkAccountIn(
  tx: Repositories,
  actor: Actor,
  at: string,
  request: LinkRequest,
): Promise<LinkResult> {
  const registration = await tx.registrations.get(actor.insurerId, request.accountId);
  if (!registration) throw fail("registration_unknown");
  if (registration.status === "revoked") throw fail("registration_revoked");
  const person = await tx.persons.get(actor.insurerId, request.personId);
  if (!person) throw fail("person_unknown");
  const personLink = await tx.links.liveForPerson(actor.insurerId, person.id);
  if (personLink?.accountId === request.accountId) throw fail("already_linked");
  if (personLink) throw fail("person_linked_to_other_account");
  const accountLinks = await tx.links.live(actor.insurerId, request.accountId);
  if (accountLinks.length > 0 && !request.confirmSecondLink) {
    throw fail("second_link_needs_confirmation", undefined, { linkedPersons: accountLinks.length });
  }
  const differences = applicationDifferences(registration.fourInfo, person);
  const corrections = [...new Set(request.corrections)];
  if (corrections.some((field) => !differences.includes(field))) throw fail("correction_not_applicable");
  if (corrections.includes("name") && registration.fourInfo.nameAlternativeFlags?.includes("1")) {
    throw fail("correction_not_possible");
  }
  if (differences.length > 0 && !request.confirmMismatch) {
    throw fail("mismatch_needs_confirmation", undefined, { fields: differences });
  }
  if (corrections.length > 0) {
    const changes: Partial<Record<CorrectableField, string>> = {};
    for (const field of corrections) {
      const newValue = correctedValue(registration.fourInfo, field);
      changes[field] = newValue;
      await tx.persons.addCorrection(actor.insurerId, {
        personId: person.id,
        field,
        oldValue:
          field === "name"
            ? person.name
            : field === "address"
              ? person.address
              : field === "birthDate"
                ? person.birthDate
                : person.sex,
        newValue,
        accountId: request.accountId,
        at,
        staffLoginId: actor.loginId,
      });
    }
    await tx.persons.correct(actor.insurerId, person.id, changes, at);
    await auditStaff(tx, actor, at, {
      action: "person.correct",
      target: person.id,
      detail: `申請情報（${request.accountId}）に合わせて修正: ${corrections.map((f) => correctableFieldLabels[f]).join("・")}`,
    });
  }
  const linkId = await tx.links.insert({
    insurerId: actor.insurerId,
    accountId: request.accountId,
    personId: person.id,
    method: request.method,
    mismatchConfirmed: differences.length > 0,
    linkedAt: at,
    linkedBy: actor.loginId,
    unlinkedAt: null,
    unlinkedBy: null,
    unlinkReason: null,
  });
  if (accountLinks.length === 0) await tx.outbox.enqueue(actor.insurerId, request.accountId, "linked", at);
  const how = request.method === "csv" ? "CSV" : "画面";
  await auditStaff(tx, actor, at, {
    action: differences.length > 0 ? "link.create_mismatch" : "link.create",
    target: request.accountId,
    detail:
      `${request.accountId} → ${person.id}（${how}）` +
      (differences.length > 0
        ? ` 相違を確認: ${differences.map((f) => correctableFieldLabels[f]).join("・")}`
        : "") +
      (accountLinks.length > 0 ? " 複数紐づけを確認" : ""),
  });
  return { linkId, differences, corrected: corrections };
}

/**
 * @example await linkAccount(deps, actor, { accountId, personId, corrections: ["address"], confirmMismatch: true, confirmSecondLink: false, method: "screen" });
 */
export async function linkAccount(deps: Deps, actor: Actor, request: LinkRequest): Promise<LinkResult> {
  const at = deps.now().toISOString();
  const result = await deps.store.transaction((tx) => linkAccountIn(tx, actor, at, request));
  deps.linkDeliveryDue?.();
  return result;
}
