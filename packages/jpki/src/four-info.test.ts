import * as asn1js from "asn1js";
import { describe, expect, it } from "vitest";
import {
  decodeFourInfoSubjectAltName,
  decodeJpkiBirthDate,
  encodeFourInfoSubjectAltName,
  encodeJpkiBirthDate,
  type FourInfo,
  noAlternativeFlags,
} from "./four-info.ts";
import { JPKI_FOUR_INFO_OID } from "./oids.ts";

const info: FourInfo = {
  name: "髙橋 美咲",
  nameAlternativeFlags: "10000",
  gender: "2",
  birthDate: "1980-02-17",
  address: "富山県南砺市井波１２３番地",
  addressAlternativeFlags: noAlternativeFlags("富山県南砺市井波１２３番地"),
};

describe("4情報", () => {
  it("encodes the birth date with the era digit (昭和 = 3)", () => {
    expect(encodeJpkiBirthDate("1980-02-17")).toBe("319800217");
    expect(encodeJpkiBirthDate("2019-05-01")).toBe("520190501");
  });
  it("refuses an era digit that contradicts the date", () => {
    expect(() => decodeJpkiBirthDate("419800217")).toThrow(/era digit/);
  });
  it("round-trips through the subjectAltName otherNames", () => {
    expect(decodeFourInfoSubjectAltName(encodeFourInfoSubjectAltName(info))).toEqual(info);
  });
  it("writes one otherName per field, in order 1.2.392.200149.8.5.5.1–6", () => {
    const parsed = asn1js.fromBER(encodeFourInfoSubjectAltName(info)).result as asn1js.Sequence;
    const oids = parsed.valueBlock.value.map((name) => {
      expect(name.idBlock.tagClass).toBe(3); // context-specific [0] = otherName
      expect(name.idBlock.tagNumber).toBe(0);
      return (
        (name as asn1js.Constructed).valueBlock.value[0] as asn1js.ObjectIdentifier
      ).valueBlock.toString();
    });
    expect(oids).toEqual(Object.values(JPKI_FOUR_INFO_OID));
  });
  it("refuses flags whose length differs from the name's characters", () => {
    expect(() => encodeFourInfoSubjectAltName({ ...info, nameAlternativeFlags: "1" })).toThrow(/one 0\/1/);
  });
  it("refuses a gender outside JIS X 0303", () => {
    expect(() => encodeFourInfoSubjectAltName({ ...info, gender: "3" as "1" })).toThrow(/JIS X 0303/);
  });
});
