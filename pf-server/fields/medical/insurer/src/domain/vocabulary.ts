/**
 * @module The words of the insurer's domain that several use cases share: codes as ONS spells them
 * (`@catv/contracts/medical`), the 4情報 as the PF sends them, and the household income brackets (所得区分) the
 * 限度額適用区分 and the 70–74 負担割合 follow.
 */
export type { FourInfo } from "@catv/contracts";

export type InsurerKindLike = "national-health-insurance" | "health-insurance-society";
/** 本人家族区分: 1 本人 (国保: 世帯主), 2 家族. */
export type RelationshipCode = "1" | "2";
/** 性別 as ONS codes it: 1 男, 2 女, 3 未設定. */
export type SexCode = "1" | "2" | "3";
/** 資格喪失事由: 01 死亡, 02 生活保護受給開始, 03 医療保険等の資格取得, 99 その他. */
export type ReasonOfLoss = "01" | "02" | "03" | "99";

/**
 * 所得区分 of a household, from the highest income to the lowest. Under 70 it is the 限度額適用区分 ア…オ; from 70 the
 * 現役並みⅢ…低所得Ⅰ, and 現役並み (top, upper, middle) also means 3割 instead of 2割 (高齢受給者).
 */
export type LimitBracket = "top" | "upper" | "middle" | "general" | "low" | "lowest";
export const limitBrackets: readonly LimitBracket[] = ["top", "upper", "middle", "general", "low", "lowest"];
export const limitBracketLabels: Record<LimitBracket, string> = {
  top: "上位所得（ア／現役並みⅢ）",
  upper: "上位所得（イ／現役並みⅡ）",
  middle: "中位所得（ウ／現役並みⅠ）",
  general: "一般（エ／一般）",
  low: "住民税非課税（オ／低所得Ⅱ）",
  lowest: "住民税非課税・所得なし（オ／低所得Ⅰ）",
};

/** The 4情報 certificate's JIS X 0303 gender as ONS's sex code (9 "not applicable" → 3 未設定). */
export function sexCodeOfGender(gender: "1" | "2" | "9"): SexCode {
  return gender === "9" ? "3" : gender;
}
