/**
 * @module Object identifiers of the JPKI certificate profiles (jpki.md §6; J-LIS profile 3.2, jsrsasign-oid-jpki).
 */

/** Certificate policies. The signature certificate's policy extension is critical (J-LIS profile 3.2). */
export const JPKI_POLICY = {
  /** 署名用電子証明書 policy. */
  signature: "1.2.392.200149.8.5.1.1.20",
  /** 利用者証明用電子証明書 policy. */
  userAuthentication: "1.2.392.200149.8.5.1.3.30",
} as const;

/** The 4情報 carried as subjectAltName otherName entries of the signature certificate, `1.2.392.200149.8.5.5.x`. */
export const JPKI_FOUR_INFO_OID = {
  /** 氏名, UTF-8. */
  name: "1.2.392.200149.8.5.5.1",
  /** 氏名代替文字: one `0`/`1` per character of the name (1 = printed with a substitute character). */
  nameAlternativeFlags: "1.2.392.200149.8.5.5.2",
  /** 性別, JIS X 0303 code. */
  gender: "1.2.392.200149.8.5.5.3",
  /** 生年月日 `EYYYYMMDD` (era digit + Gregorian date). */
  birthDate: "1.2.392.200149.8.5.5.4",
  /** 住所, UTF-8. */
  address: "1.2.392.200149.8.5.5.5",
  /** 住所代替文字 flags. */
  addressAlternativeFlags: "1.2.392.200149.8.5.5.6",
} as const;

export const PKIX_OID = {
  subjectAltName: "2.5.29.17",
  certificatePolicies: "2.5.29.32",
  crlNumber: "2.5.29.20",
  cpsQualifier: "1.3.6.1.5.5.7.2.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  ocspSigning: "1.3.6.1.5.5.7.3.9",
  /** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): the responder certificate itself is not checked for revocation. */
  ocspNoCheck: "1.3.6.1.5.5.7.48.1.5",
  /** id-pkix-ocsp-nonce (RFC 8954). */
  ocspNonce: "1.3.6.1.5.5.7.48.1.2",
  ocspBasic: "1.3.6.1.5.5.7.48.1.1",
} as const;
