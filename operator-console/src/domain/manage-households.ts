/**
 * @module Creating, editing and closing household contracts, with input checked by one schema shared with the CSV
 * import so a contract is valid the same way whichever door it came in by.
 */
import { jstDate } from "@catv/contracts/calendar";
import { z } from "zod";
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps, inTransaction } from "./context.ts";
import type { HouseholdInput } from "./records.ts";

export const memberInputSchema = z.object({
  memberId: z.string().optional(),
  name: z.string().trim().min(1, "氏名を入力してください").max(60, "氏名が長すぎます"),
  birthDate: z.iso.date("生年月日は YYYY-MM-DD で入力してください"),
  gender: z.enum(["1", "2", "9"], "性別は 1（男性）・2（女性）・9（適用不能）のいずれかです"),
});

export const maxMembersPerHousehold = 20;

export const householdInputSchema = z.object({
  contractId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{3,20}$/, "契約者IDは英数字とハイフンで3〜20文字です"),
  address: z.string().trim().min(5, "住所を入力してください").max(200, "住所が長すぎます"),
  plan: z.string().trim().min(1, "プランを入力してください").max(40, "プラン名が長すぎます"),
  monthlyFeeYen: z.coerce
    .number("月額料金は数値で入力してください")
    .int("月額料金は円単位の整数です")
    .min(0, "月額料金は0円以上です")
    .max(1_000_000, "月額料金が大きすぎます"),
  /** 利用開始日; a new household without one starts on the day it is entered. */
  serviceStartDate: z
    .union([z.literal(""), z.iso.date("利用開始日は YYYY-MM-DD で入力してください")])
    .optional()
    .transform((date) => date || undefined),
  members: z
    .array(memberInputSchema)
    .min(1, "世帯員を1人以上登録してください")
    .max(maxMembersPerHousehold, `世帯員は${maxMembersPerHousehold}名までです`),
});

/** A household as a form or a CSV gives it: the 利用開始日 may be missing. */
export type ParsedHousehold = z.infer<typeof householdInputSchema>;

function parse(input: unknown): ParsedHousehold {
  const result = householdInputSchema.safeParse(input);
  if (!result.success) {
    throw new ConsoleError("validation_failed", result.error.issues.map((i) => i.message).join(" / "), {
      fields: result.error.issues.map((i) => i.path.join(".")),
    });
  }
  return result.data;
}

/** The household as stored: a new one without a 利用開始日 starts on the JST day it is entered. */
export const withServiceStart = (data: ParsedHousehold, now: Date): HouseholdInput => ({
  ...data,
  serviceStartDate: data.serviceStartDate ?? jstDate(now),
});

export async function createHousehold(deps: Deps, actor: Actor, input: unknown): Promise<number> {
  const data = withServiceStart(parse(input), deps.now());
  return inTransaction(deps, async (tx) => {
    if (await tx.repos.households.getByContractId(actor.operatorId, data.contractId)) {
      throw new ConsoleError("contract_exists");
    }
    const id = await tx.repos.households.create(actor.operatorId, data);
    await audit(tx, actor, "household.create", {
      householdId: id,
      contractId: data.contractId,
      detail: `世帯員${data.members.length}名`,
    });
    return id;
  });
}

export async function updateHousehold(
  deps: Deps,
  actor: Actor,
  householdId: number,
  input: unknown,
): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const current = await tx.repos.households.get(actor.operatorId, householdId);
    if (!current) throw new ConsoleError("not_found");
    if (current.status === "closed") throw new ConsoleError("household_closed");
    const parsed = parse({ ...(input as object), contractId: current.contractId });
    const data = { ...parsed, serviceStartDate: parsed.serviceStartDate ?? current.serviceStartDate };
    await tx.repos.households.update(actor.operatorId, householdId, data);
    const changed = [
      current.address !== data.address && "住所",
      current.plan !== data.plan && "プラン",
      current.monthlyFeeYen !== data.monthlyFeeYen && "月額料金",
      current.serviceStartDate !== data.serviceStartDate && "利用開始日",
      "世帯員",
    ].filter(Boolean);
    await audit(tx, actor, "household.update", {
      householdId,
      contractId: current.contractId,
      detail: `変更項目: ${changed.join("・")}`,
    });
  });
}

export async function closeHousehold(deps: Deps, actor: Actor, householdId: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const current = await tx.repos.households.get(actor.operatorId, householdId);
    if (!current) throw new ConsoleError("not_found");
    if (current.status === "closed") throw new ConsoleError("household_closed");
    await tx.repos.households.close(actor.operatorId, householdId, tx.now().toISOString());
    await audit(tx, actor, "household.close", {
      householdId,
      contractId: current.contractId,
      detail: "解約",
    });
  });
}
