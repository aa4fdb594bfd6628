/**
 * @module 特定健診 items with their judgement values, from the MHLW 標準的な健診・保健指導プログラム:
 * 保健指導判定値 (the "caution" flag: lifestyle guidance) and 受診勧奨判定値 (the "see_doctor" flag: see a
 * physician). Items without values (height, weight) carry no flag.
 */

export type Flag = "normal" | "caution" | "see_doctor";
export type Sex = "1" | "2";

export type CheckupItem =
  | "heightCm"
  | "weightKg"
  | "bmi"
  | "waistCm"
  | "systolicBp"
  | "diastolicBp"
  | "hba1c"
  | "ldl"
  | "hdl"
  | "triglycerides";

interface ItemSpec {
  label: string;
  unit: string;
  /** Text shown next to the value: the normal range as printed on a 健診結果通知. */
  reference: (sex: Sex) => string;
  flag: (value: number, sex: Sex) => Flag;
}

const above =
  (caution: number, seeDoctor?: number) =>
  (v: number): Flag =>
    seeDoctor !== undefined && v >= seeDoctor ? "see_doctor" : v >= caution ? "caution" : "normal";

export const checkupItems: Record<CheckupItem, ItemSpec> = {
  heightCm: { label: "身長", unit: "cm", reference: () => "", flag: () => "normal" },
  weightKg: { label: "体重", unit: "kg", reference: () => "", flag: () => "normal" },
  bmi: {
    label: "BMI",
    unit: "",
    reference: () => "18.5〜24.9",
    flag: (v) => (v >= 25 || v < 18.5 ? "caution" : "normal"),
  },
  waistCm: {
    label: "腹囲",
    unit: "cm",
    reference: (sex) => (sex === "1" ? "85未満" : "90未満"),
    flag: (v, sex) => above(sex === "1" ? 85 : 90)(v),
  },
  systolicBp: { label: "収縮期血圧", unit: "mmHg", reference: () => "130未満", flag: above(130, 140) },
  diastolicBp: { label: "拡張期血圧", unit: "mmHg", reference: () => "85未満", flag: above(85, 90) },
  hba1c: { label: "HbA1c", unit: "%", reference: () => "5.6未満", flag: above(5.6, 6.5) },
  ldl: { label: "LDLコレステロール", unit: "mg/dL", reference: () => "120未満", flag: above(120, 140) },
  hdl: {
    label: "HDLコレステロール",
    unit: "mg/dL",
    reference: () => "40以上",
    flag: (v) => (v < 35 ? "see_doctor" : v < 40 ? "caution" : "normal"),
  },
  triglycerides: { label: "中性脂肪", unit: "mg/dL", reference: () => "150未満", flag: above(150, 300) },
};

export const checkupItemNames = Object.keys(checkupItems) as [CheckupItem, ...CheckupItem[]];

export interface ItemResult {
  item: CheckupItem;
  label: string;
  value: number;
  unit: string;
  reference: string;
  flag: Flag;
}

export function judge(item: CheckupItem, value: number, sex: Sex): ItemResult {
  const spec = checkupItems[item];
  return {
    item,
    label: spec.label,
    value,
    unit: spec.unit,
    reference: spec.reference(sex),
    flag: spec.flag(value, sex),
  };
}
