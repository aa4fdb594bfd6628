/**
 * @module Value types shared by the PF's API contracts.
 */
import { z } from "zod";

/**
 * True when `text` is standard base64 in its one canonical spelling (RFC 4648 §3.5): padded to a multiple of four,
 * pad bits zero, no line breaks. Then each byte string has exactly one text form, so a certificate cannot be sent
 * in a second spelling that misses a cache keyed by its text. atob/btoa: the same check in Node and in a browser.
 */
export function isCanonicalBase64(text: string): boolean {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return false;
  try {
    return btoa(atob(text)) === text;
  } catch {
    return false;
  }
}

/** Standard base64, canonical only; a refusal names its own error code (`base64_not_canonical`). */
export const base64 = z.string().refine(isCanonicalBase64, {
  message: "canonical standard base64 (padded, zero pad bits)",
  params: { errorCode: "base64_not_canonical" },
});
export const base64url = z.string().regex(/^[A-Za-z0-9_-]*$/, "base64url without padding");
/**
 * The ID the PF issues to one verifier (検証者) for one person: 15 random base-36 characters and an ISO 7064
 * MOD 37,36 check character, shown as XXXX-XXXX-XXXX-XXXX. Random, so never derived from personal data; the IDs
 * of one person at two verifiers are unrelated, and only the PF maps them back to the person.
 */
export const accountIdSchema = z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
/** Opaque cable ID issued by the PF: the account ID of a CATV operator (a verifier whose accounts are cable IDs). */
export const cableIdSchema = accountIdSchema;
/**
 * 共通的PFID: the account ID of a verifier outside CATV (an insurer, a regional network, a card company), in the
 * same form as a cable ID. The seed's rule for the medical field: the insurer links its 被保険者 to this ID; the
 * 被保険者番号 is never the linkage key.
 */
export const commonPfIdSchema = accountIdSchema.describe(
  "共通的PFID: the ID the PF issued to this verifier for the person (random; only the PF maps it back)",
);
/** Per-provider pairwise identifier of a viewer; only the PF maps it back to a cable ID. */
export const pairwiseIdSchema = z.string().min(16).max(128);
export const yearMonthSchema = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/);
export const yenSchema = z.number().int();
/**
 * How the viewer was recognised (the assertion's `acr`): `urn:catv:acr:pin` — a PIN login, the card's
 * user-authentication key signed after the 4-digit PIN (JPKI 利用者証明用電子証明書); `urn:catv:acr:pinless` — a
 * PIN-less login (かざし): the card's certificate read without the PIN and the card proven genuine by the 券面事項確認AP,
 * so only possession of the registered card is shown; `urn:catv:acr:pin-phone` — a PIN login made on the viewer's
 * phone for this TV (cross-device request). A PIN-less session steps up to `pin` (or `pin-phone`) with one PIN signature.
 */
export const acrSchema = z
  .enum(["urn:catv:acr:pin", "urn:catv:acr:pin-phone", "urn:catv:acr:pinless"])
  .describe(
    "How the viewer was recognised. `urn:catv:acr:pin`: a PIN login — the card's user-authentication key signed after " +
      "the viewer entered the 4-digit PIN (possession and knowledge). `urn:catv:acr:pinless`: a PIN-less login (かざし) — " +
      "the registered card was shown and proven genuine without the PIN (possession only). `urn:catv:acr:pin-phone`: " +
      "a PIN login made on the viewer's phone for this TV (cross-device request, RFC 8628) — the card touched to the phone " +
      "signed the PF's challenge for this TV after the PIN was entered on the phone; PIN level, like `pin`. Require a PIN " +
      "level (`pin` or `pin-phone`, see `isPinLevel`) for anything that costs the viewer money; answer " +
      "`step_up_required` otherwise and the PF asks for the PIN.",
  );
export type Acr = z.infer<typeof acrSchema>;
/**
 * Where a terminal stands: `in-person` (a hospital reception, a pharmacy, a shop counter: staff see the person and
 * the card) or `remote` (a home STB, a phone at home). PIN-less use in person is what 公的個人認証法 38条の4 and
 * 規則64条の12 allow; at a remote site only where the verifier's documented setting allows it.
 */
export const siteKindSchema = z.enum(["remote", "in-person"]);
export type SiteKind = z.infer<typeof siteKindSchema>;
/** Whether the verifier has linked the account to its own record (household contract, 被保険者): its own act. */
export const linkStatusSchema = z.enum(["linked", "pending"]);
export type LinkStatus = z.infer<typeof linkStatusSchema>;
/** The `acr` values that prove the PIN: on the STB's reader (`pin`) or on the viewer's phone (`pin-phone`). */
export const PIN_LEVEL_ACRS: readonly string[] = ["urn:catv:acr:pin", "urn:catv:acr:pin-phone"];
/** True when `acr` proves possession of the card and knowledge of its PIN, whichever reader the card was in. */
export function isPinLevel(acr: string): boolean {
  return PIN_LEVEL_ACRS.includes(acr);
}

/** 4情報 from the signature certificate, in the J-LIS encodings decoded to plain values. */
export const fourInfoSchema = z.object({
  name: z.string(),
  /** One '0'/'1' per character of the name: '1' = an alternative character (代替文字) is used. */
  nameAlternativeFlags: z
    .string()
    .regex(/^[01]*$/)
    .optional(),
  address: z.string(),
  addressAlternativeFlags: z
    .string()
    .regex(/^[01]*$/)
    .optional(),
  dateOfBirth: z.iso.date(),
  /** JIS X 0303: "1" male, "2" female, "9" not applicable. */
  gender: z.enum(["1", "2", "9"]),
});
export type FourInfo = z.infer<typeof fourInfoSchema>;
