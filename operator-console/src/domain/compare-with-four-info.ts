/**
 * @module How a household member's records compare with the 4情報 of a registration, field by field, by the same
 * rules as automatic linking (normalise-address.ts): names agree across width, spacing and the characters J-LIS
 * flags as 代替文字, addresses after normalisation. The linking screen shows it, and a manual link to a member who
 * differs in any field needs staff to confirm exactly those differences (link-cable-id.ts).
 */
import type { FourInfo } from "@catv/contracts";
import { namesAgree, normaliseAddress } from "./normalise-address.ts";
import type { Gender } from "./records.ts";

export const fourInfoFields = ["name", "birthDate", "gender", "address"] as const;
export type FourInfoField = (typeof fourInfoFields)[number];

export const fourInfoFieldLabels: Record<FourInfoField, string> = {
  name: "氏名",
  birthDate: "生年月日",
  gender: "性別",
  address: "住所",
};

export interface FieldComparison {
  field: FourInfoField;
  /** As the certificate has it. */
  certificate: string;
  /** As the operator's register has it. */
  register: string;
  same: boolean;
}

/** What of a member the comparison reads: the register's name, birth date, gender and household address. */
export interface RegisteredPerson {
  name: string;
  birthDate: string;
  gender: Gender;
  address: string;
}

export function compareWithFourInfo(fourInfo: FourInfo, person: RegisteredPerson): FieldComparison[] {
  return [
    {
      field: "name",
      certificate: fourInfo.name,
      register: person.name,
      same: namesAgree(fourInfo.name, fourInfo.nameAlternativeFlags, person.name),
    },
    {
      field: "birthDate",
      certificate: fourInfo.dateOfBirth,
      register: person.birthDate,
      same: fourInfo.dateOfBirth === person.birthDate,
    },
    {
      field: "gender",
      certificate: fourInfo.gender,
      register: person.gender,
      same: fourInfo.gender === person.gender,
    },
    {
      field: "address",
      certificate: fourInfo.address,
      register: person.address,
      same: normaliseAddress(fourInfo.address) === normaliseAddress(person.address),
    },
  ];
}

/** The fields that differ, in the order staff read them. */
export const differingFields = (comparison: FieldComparison[]): FourInfoField[] =>
  comparison.filter((c) => !c.same).map((c) => c.field);

/** Staff-readable list of fields, e.g. "生年月日・住所" (names of fields only, never their values). */
export const fieldList = (fields: readonly FourInfoField[]) =>
  fields.map((f) => fourInfoFieldLabels[f]).join("・");
