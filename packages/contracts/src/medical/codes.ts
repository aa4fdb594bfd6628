/**
 * @module Code tables of the medical field, taken from today's オンライン資格確認 (ONS) messages so that an insurer's
 * or a hospital's system reads the same codes it reads there. Each table is a zod enum of the codes and a record
 * of their Japanese labels. Sources: the ONS XML as used by a clinic's open-source EHR (hangilc/myclinic-ts,
 * packages/onshi-result/codes.ts) and a GP's published notes (http://sanox.org/sano-shikaku/); see
 * docs/medical-field.md.
 */
import { z } from "zod";

/** 処理結果区分 (ProcessingResultStatus): 1 正常終了, 2 エラー. */
export const processingResultStatusSchema = z.enum(["1", "2"]).describe("処理結果区分: 1 正常終了, 2 エラー");
export const processingResultStatusLabels = { "1": "正常終了", "2": "エラー" } as const;

/**
 * 資格有効性 (QualificationValidity, ONS code OQSCD006): 1 有効, 2 無効, 3 無効（新しい資格あり）, 4 該当資格なし,
 * 5 複数該当.
 */
export const qualificationValiditySchema = z
  .enum(["1", "2", "3", "4", "5"])
  .describe("資格有効性: 1 有効, 2 無効, 3 無効（新しい資格あり）, 4 該当資格なし, 5 複数該当");
export const qualificationValidityLabels = {
  "1": "有効",
  "2": "無効",
  "3": "無効（新しい資格あり）",
  "4": "該当資格なし",
  "5": "複数該当",
} as const;
export type QualificationValidity = z.infer<typeof qualificationValiditySchema>;

/** 被保険者証区分 (InsuredCardClassification). */
export const insuredCardClassificationSchema = z
  .enum(["01", "02", "03", "04", "05", "06", "07"])
  .describe(
    "被保険者証区分: 01 一般, 02 退職, 03 短期(一般), 04 短期(退職), 05 資格証明書, 06 特例退職, 07 自衛官診療証",
  );
export const insuredCardClassificationLabels = {
  "01": "被保険者証（一般）",
  "02": "被保険者証（退職）",
  "03": "短期被保険者証（一般）",
  "04": "短期被保険者証（退職）",
  "05": "被保険者資格証明書",
  "06": "特例退職被保険者証",
  "07": "自衛官診療証",
} as const;

/** 本人家族区分 (PersonalFamilyClassification): 1 本人, 2 家族. */
export const personalFamilyClassificationSchema = z.enum(["1", "2"]).describe("本人家族区分: 1 本人, 2 家族");
export const personalFamilyClassificationLabels = { "1": "本人", "2": "家族" } as const;

/** 性別 (Sex1): 1 男, 2 女, 3 未設定. */
export const medicalSexSchema = z.enum(["1", "2", "3"]).describe("性別: 1 男, 2 女, 3 未設定");
export const medicalSexLabels = { "1": "男", "2": "女", "3": "未設定" } as const;

/** 資格喪失事由 (ReasonOfLoss): 01 死亡, 02 生活保護受給開始, 03 医療保険等の資格取得, 99 その他. */
export const reasonOfLossSchema = z
  .enum(["01", "02", "03", "99"])
  .describe("資格喪失事由: 01 死亡, 02 生活保護受給開始, 03 医療保険等の資格取得, 99 その他");
export const reasonOfLossLabels = {
  "01": "死亡",
  "02": "生活保護受給開始",
  "03": "医療保険等の資格取得",
  "99": "その他",
} as const;

/** 限度額適用認定証区分 (LimitApplicationCertificateClassification). */
export const limitCertificateClassificationSchema = z
  .enum(["01", "02", "03"])
  .describe(
    "限度額適用認定証区分: 01 限度額適用認定証, 02 限度額適用・標準負担額減額認定証, 03 標準負担額減額認定証",
  );
export const limitCertificateClassificationLabels = {
  "01": "限度額適用認定証",
  "02": "限度額適用・標準負担額減額認定証",
  "03": "標準負担額減額認定証",
} as const;

/**
 * 限度額適用区分 (LimitApplicationCertificateClassificationFlag): A01–A06 under 70 (ア…オ（境）), B01–B10 for 70 and
 * over (現役並みⅢ…一般Ⅰ).
 */
export const limitClassificationFlagSchema = z
  .enum([
    "A01",
    "A02",
    "A03",
    "A04",
    "A05",
    "A06",
    "B01",
    "B02",
    "B03",
    "B04",
    "B05",
    "B06",
    "B07",
    "B08",
    "B09",
    "B10",
  ])
  .describe("限度額適用区分: A01 ア … A06 オ（境）(70歳未満), B01 現役並みⅢ … B10 一般Ⅰ (70歳以上)");
export const limitClassificationFlagLabels = {
  A01: "ア",
  A02: "イ",
  A03: "ウ",
  A04: "エ",
  A05: "オ",
  A06: "オ（境）",
  B01: "現役並みⅢ",
  B02: "現役並みⅡ",
  B03: "現役並みⅠ",
  B04: "一般",
  B05: "低所得Ⅱ",
  B06: "低所得Ⅰ",
  B07: "低所得Ⅰ（老福）",
  B08: "低所得Ⅰ（境）",
  B09: "一般Ⅱ",
  B10: "一般Ⅰ",
} as const;

/**
 * 保険者番号 as ONS exchanges it: always 8 characters. A 国民健康保険 (市町村) 保険者番号 has 6 digits and is padded
 * with two leading zeros (http://sanox.org/sano-shikaku/road26.html; myclinic-ts pads with zeros too).
 */
export const insurerNumberSchema = z
  .string()
  .regex(/^[0-9]{8}$/, "8 digits (a 6-digit 国保 保険者番号 padded with two leading zeros)")
  .describe("保険者番号: 8 characters; a 6-digit 国民健康保険 number zero-padded");

/** The 8-character 保険者番号 of a 6- or 8-digit number (a 6-digit 国保 number gets two leading zeros). */
export function toEightDigitInsurerNumber(insurerNumber: string): string {
  if (!/^([0-9]{6}|[0-9]{8})$/.test(insurerNumber)) throw new RangeError("a 保険者番号 has 6 or 8 digits");
  return insurerNumber.padStart(8, "0");
}

/** 負担割合 as a 3-digit percent (InsuredPartialContributionRatio): "030" is 3割. */
export const contributionRatioSchema = z
  .string()
  .regex(/^[0-9]{3}$/, "3-digit percent, e.g. 030 for 3割")
  .refine((ratio) => Number(ratio) <= 100, { message: "at most 100 percent" })
  .describe('負担割合: 3-digit percent, e.g. "030" = 3割');

/** 割 of a 3-digit percent: "030" → 3, "020" → 2, "010" → 1 (tenths, as the reception shows it). */
export function contributionRatioInTenths(ratio: string): number {
  return Number(ratio) / 10;
}

/** 医療機関コード: 10 digits (都道府県 2, 点数表 1, 郡市区 2, 機関番号 4, 検証番号 1). */
export const medicalInstitutionCodeSchema = z
  .string()
  .regex(/^[0-9]{10}$/, "10 digits")
  .describe("医療機関コード (10 digits)");
