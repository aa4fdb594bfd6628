/**
 * @module Importing households from CSV (世帯のCSV取込), in two steps: a preview of what the file would do — new
 * households to create, existing ones (by 契約者ID) to update and what changes in each, those already as the file
 * says — and the import staff confirm, which runs in one unit of work and only if the plan is still the one they
 * saw (its digest), so a file exported from the console, edited in Excel and imported again updates the register.
 *
 * An import never deletes: members missing from the file stay, households missing from it are untouched. A row
 * names an existing member by 世帯員ID (the export writes it) or, without one, by the same name and birth date;
 * any other row adds a member. A closed household can only be re-imported unchanged. Any row error imports
 * nothing, and every error carries its CSV row number.
 */
import { createHash } from "node:crypto";
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps, inTransaction } from "./context.ts";
import {
  type CsvEncoding,
  type CsvHousehold,
  type CsvRowError,
  decodeCsv,
  parseHouseholdsCsv,
} from "./households-csv.ts";
import { withServiceStart } from "./manage-households.ts";
import { normaliseName } from "./normalise-address.ts";
import type { Household, HouseholdInput, MemberInput } from "./records.ts";
import type { Repositories } from "./repositories.ts";

export type ContractField = "address" | "plan" | "monthlyFeeYen" | "serviceStartDate";
export const contractFieldLabels: Record<ContractField, string> = {
  address: "住所",
  plan: "プラン",
  monthlyFeeYen: "月額料金",
  serviceStartDate: "利用開始日",
};

export interface PlannedCreation {
  line: number;
  input: HouseholdInput;
}
export interface PlannedUpdate {
  line: number;
  /** The household as it was when planned: the import goes ahead only if it still is. */
  before: Household;
  householdId: number;
  contractId: string;
  fields: ContractField[];
  /** 世帯員ID of the members whose name, birth date or gender change. */
  membersChanged: string[];
  membersAdded: number;
  input: Omit<HouseholdInput, "contractId">;
}
export interface ImportPlan {
  created: PlannedCreation[];
  updated: PlannedUpdate[];
  unchanged: number;
  errors: CsvRowError[];
  /**
   * Identifies the plan — what it creates, and each household it updates as it was and as it will be: the import
   * goes ahead only with the digest of the preview staff confirmed.
   */
  digest: string;
}

function planUpdate(
  row: CsvHousehold,
  current: Household,
  errors: CsvRowError[],
): PlannedUpdate | "unchanged" | undefined {
  const next = {
    address: row.address,
    plan: row.plan,
    monthlyFeeYen: row.monthlyFeeYen,
    // An empty 利用開始日 keeps the one on record.
    serviceStartDate: row.serviceStartDate ?? current.serviceStartDate,
  };
  const fields = (Object.keys(next) as ContractField[]).filter((f) => next[f] !== current[f]);
  const members: MemberInput[] = [];
  const membersChanged: string[] = [];
  const claimed = new Set<string>();
  let membersAdded = 0;
  let failed = false;
  for (const m of row.members) {
    const match = m.memberId
      ? current.members.find((x) => x.memberId === m.memberId)
      : current.members.find(
          (x) =>
            !claimed.has(x.memberId) &&
            normaliseName(x.name) === normaliseName(m.name) &&
            x.birthDate === m.birthDate,
        );
    if (m.memberId && !match) {
      errors.push({
        line: m.line,
        message: `世帯員ID ${m.memberId} は契約者ID ${row.contractId} の世帯員ではありません`,
      });
      failed = true;
      continue;
    }
    if (match && claimed.has(match.memberId)) {
      errors.push({ line: m.line, message: `世帯員ID ${match.memberId} の行が重複しています` });
      failed = true;
      continue;
    }
    if (match) {
      claimed.add(match.memberId);
      if (match.name !== m.name || match.birthDate !== m.birthDate || match.gender !== m.gender) {
        membersChanged.push(match.memberId);
      }
      members.push({ memberId: match.memberId, name: m.name, birthDate: m.birthDate, gender: m.gender });
    } else {
      membersAdded++;
      members.push({ name: m.name, birthDate: m.birthDate, gender: m.gender });
    }
  }
  if (failed) return undefined;
  if (fields.length === 0 && membersChanged.length === 0 && membersAdded === 0) return "unchanged";
  if (current.status === "closed") {
    errors.push({ line: row.line, message: `契約者ID ${row.contractId} は解約済みのため変更できません` });
    return undefined;
  }
  return {
    line: row.line,
    before: current,
    householdId: current.id,
    contractId: current.contractId,
    fields,
    membersChanged,
    membersAdded,
    input: { ...next, members },
  };
}

async function planImport(
  repos: Repositories,
  operatorId: string,
  text: string,
  now: Date,
): Promise<ImportPlan> {
  const { households, errors } = parseHouseholdsCsv(text);
  const created: PlannedCreation[] = [];
  const updated: PlannedUpdate[] = [];
  let unchanged = 0;
  for (const row of households) {
    const current = await repos.households.getByContractId(operatorId, row.contractId);
    if (!current) {
      // A new household's members are numbered from its contract ID, whatever 世帯員ID the file has.
      const { line, members: rows, ...contract } = row;
      const members = rows.map(({ name, birthDate, gender }) => ({ name, birthDate, gender }));
      created.push({ line, input: withServiceStart({ ...contract, members }, now) });
      continue;
    }
    const update = planUpdate(row, current, errors);
    if (update === "unchanged") unchanged++;
    else if (update) updated.push(update);
  }
  errors.sort((a, b) => a.line - b.line);
  const digest = createHash("sha256")
    .update(JSON.stringify([created.map((c) => c.input), updated.map((u) => [u.before, u.input])]))
    .digest("base64url");
  return { created, updated, unchanged, errors, digest };
}

/** What importing the file would do; nothing is written. */
export async function previewHouseholdsImport(
  deps: Deps,
  actor: Actor,
  bytes: Uint8Array,
  encoding: CsvEncoding,
): Promise<ImportPlan> {
  const plan = await planImport(deps.repos, actor.operatorId, decodeCsv(bytes, encoding), deps.now());
  if (plan.errors.length === 0 && plan.created.length + plan.updated.length + plan.unchanged === 0) {
    throw new ConsoleError("csv_invalid", "取り込む行がありません。");
  }
  return plan;
}

export type ImportOutcome =
  | { status: "imported"; created: number; updated: number; membersAdded: number; membersChanged: number }
  /** The register or the file changed since the preview (or the file has errors): nothing was written. */
  | { status: "not_as_previewed"; plan: ImportPlan };

/** Imports the file if it still does what the preview with `digest` showed; all of it, or nothing. */
export async function importHouseholdsCsv(
  deps: Deps,
  actor: Actor,
  bytes: Uint8Array,
  encoding: CsvEncoding,
  digest: string,
): Promise<ImportOutcome> {
  const text = decodeCsv(bytes, encoding);
  return inTransaction(deps, async (tx): Promise<ImportOutcome> => {
    const plan = await planImport(tx.repos, actor.operatorId, text, tx.now());
    if (plan.errors.length > 0 || plan.digest !== digest) return { status: "not_as_previewed", plan };
    for (const c of plan.created) await tx.repos.households.create(actor.operatorId, c.input);
    for (const u of plan.updated) await tx.repos.households.update(actor.operatorId, u.householdId, u.input);
    const membersAdded =
      plan.created.reduce((n, c) => n + c.input.members.length, 0) +
      plan.updated.reduce((n, u) => n + u.membersAdded, 0);
    const membersChanged = plan.updated.reduce((n, u) => n + u.membersChanged.length, 0);
    await audit(tx, actor, "household.import", {
      detail: `CSV取込 新規${plan.created.length}世帯・更新${plan.updated.length}世帯（世帯員 追加${membersAdded}名・変更${membersChanged}名、変更なし${plan.unchanged}世帯）`,
    });
    return {
      status: "imported",
      created: plan.created.length,
      updated: plan.updated.length,
      membersAdded,
      membersChanged,
    };
  });
}
