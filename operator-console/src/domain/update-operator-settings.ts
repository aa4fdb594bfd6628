/**
 * @module The operator's invoice settings (設定): its 適格請求書発行事業者登録番号, printed on every statement, and
 * the fee it keeps for collecting providers' charges, applied at the next monthly close. Audited.
 */
import { isInvoiceRegistrationNumber } from "@catv/contracts/invoice-tax";
import { ConsoleError } from "../errors.ts";
import { type Actor, audit, type Deps, inTransaction } from "./context.ts";

export interface OperatorSettingsInput {
  registrationNumber: string;
  /** The collection fee in percent as staff type it (0–50). */
  feePercent: number;
}

/** Basis points of a fee typed in percent (2.5 → 250). */
export const basisPointsOf = (feePercent: number) => Math.round(feePercent * 100);

export async function updateOperatorSettings(
  deps: Deps,
  actor: Actor,
  input: OperatorSettingsInput,
): Promise<void> {
  const basisPoints = basisPointsOf(input.feePercent);
  if (!isInvoiceRegistrationNumber(input.registrationNumber)) {
    throw new ConsoleError(
      "validation_failed",
      "登録番号は T と13桁の法人番号（先頭はチェックデジット）です。",
    );
  }
  if (!Number.isFinite(input.feePercent) || basisPoints < 0 || basisPoints > 5000) {
    throw new ConsoleError("validation_failed", "手数料率は 0〜50% で入力してください。");
  }
  await inTransaction(deps, async (tx) => {
    await tx.repos.accounts.updateOperatorSettings(actor.operatorId, {
      invoiceRegistrationNumber: input.registrationNumber,
      collectionFeeBasisPoints: basisPoints,
    });
    await audit(tx, actor, "settings.update", {
      detail: `登録番号 ${input.registrationNumber} / 手数料率 ${basisPoints}bp`,
    });
  });
}
