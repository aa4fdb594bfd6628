/**
 * @module The applications and files of the My Number card this client may touch (jpki.md §1–§2, kenkaku.md §2).
 * Deliberately absent: the 券面事項入力補助AP, the 住基AP and every file or key that exposes the 個人番号.
 */

export const JPKI_AID = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);
export const KENKAKU_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02);

/** JPKI-AP elementary files; every one has a short id equal to its low byte, so SFI reads and P2=80|SFI work. */
export const JpkiFile = {
  signCertificate: 0x01,
  signCaCertificate: 0x02,
  tokenInfo: 0x06,
  authCertificate: 0x0a,
  authCaCertificate: 0x0b,
  authPrivateKey: 0x17,
  authPin: 0x18,
  signPrivateKey: 0x1a,
  signPassword: 0x1b,
} as const;

/** 券面事項確認AP files the PIN-less flow reads (kenkaku.md §6: nothing else). */
export const KenkakuFile = {
  dateOfBirthRecord: 0x01,
  cardInfo: 0x03,
  cardVerifiableCertificate: 0x04,
  birthDateKey: 0x11,
} as const;

export type CertificateKind = "auth" | "sign" | "auth-ca" | "sign-ca";

export const certificateFile: Record<CertificateKind, number> = {
  auth: JpkiFile.authCertificate,
  sign: JpkiFile.signCertificate,
  "auth-ca": JpkiFile.authCaCertificate,
  "sign-ca": JpkiFile.signCaCertificate,
};

export type PinKind = "auth" | "sign";

/** The PIN file and the key it opens, per kind; PIN formats from jpki.md §4. */
export const pinReference: Record<
  PinKind,
  { pinFile: number; keyFile: number; format: RegExp; label: string }
> = {
  auth: {
    pinFile: JpkiFile.authPin,
    keyFile: JpkiFile.authPrivateKey,
    format: /^[0-9]{4}$/,
    label: "利用者証明用暗証番号",
  },
  sign: {
    pinFile: JpkiFile.signPassword,
    keyFile: JpkiFile.signPrivateKey,
    format: /^[A-Z0-9]{6,16}$/,
    label: "署名用パスワード",
  },
};

/** Token label of a My Number card's JPKI-AP (EF 0006 bytes 0–31, space padded). */
export const MY_NUMBER_CARD_TOKEN = "JPKIAPICCTOKEN2";
