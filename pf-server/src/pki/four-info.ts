/**
 * @module Reads the 4情報 from the signature certificate (subjectAltName otherNames, jpki.md §6) with the JPKI
 * codec, in the contract's shape. Only registration calls this, after the viewer's consent.
 */
import type { FourInfo } from "@catv/contracts";
import { decodeFourInfoSubjectAltName, PKIX_OID } from "@catv/jpki";
import type { x509 } from "@catv/jpki/x509";

export function readFourInfo(certificate: x509.X509Certificate): FourInfo | undefined {
  const ext = certificate.extensions.find((e) => e.type === PKIX_OID.subjectAltName);
  if (!ext) return undefined;
  try {
    const info = decodeFourInfoSubjectAltName(ext.value);
    return {
      name: info.name,
      nameAlternativeFlags: info.nameAlternativeFlags,
      address: info.address,
      addressAlternativeFlags: info.addressAlternativeFlags,
      dateOfBirth: info.birthDate,
      // JIS X 0303 "0" (not known) has no place in the contract's enum; "9" (not applicable) is the closest.
      gender: info.gender === "0" ? "9" : info.gender,
    };
  } catch {
    return undefined;
  }
}
