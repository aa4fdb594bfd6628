/**
 * @module The check character of an account ID (cable ID, 共通的PFID; common.ts): ISO/IEC 7064 MOD 37,36 (hybrid
 * system) over the 15 random base-36 characters. The PF issues IDs with it; a verifier checks it where staff type
 * or import an ID (a CSV edited in a spreadsheet), so a mistyped ID is caught before it is sent to the PF.
 */

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * ISO/IEC 7064 MOD 37,36 check character over base-36 characters.
 * @example accountIdCheckCharacter("ABCDEFGHJKLMNPQ") // one of 0-9 A-Z
 */
export function accountIdCheckCharacter(body: string): string {
  let p = 36;
  for (const ch of body) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new RangeError("account ID characters are 0-9 A-Z");
    let s = ((p % 37) + value) % 36;
    if (s === 0) s = 36;
    p = (s * 2) % 37;
  }
  return ALPHABET[(37 - p) % 36] as string;
}

/** An ID of 15 characters plus its check character, shown as XXXX-XXXX-XXXX-XXXX. */
export function formatAccountId(body15: string): string {
  const raw = body15 + accountIdCheckCharacter(body15);
  return raw.match(/.{4}/g)?.join("-") ?? raw;
}

/** Whether `id` is XXXX-XXXX-XXXX-XXXX of 0-9 A-Z with a correct check character. */
export function isWellFormedAccountId(id: string): boolean {
  if (!/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(id)) return false;
  const raw = id.replaceAll("-", "");
  return accountIdCheckCharacter(raw.slice(0, 15)) === raw[15];
}
