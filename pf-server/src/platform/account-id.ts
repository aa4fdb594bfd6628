/**
 * @module Account IDs — the ID the PF issues to a verifier for a person: a cable ID (ケーブルID) for an operator, a
 * 共通的PFID for an insurer. 15 random base-36 characters plus one check character, shown as XXXX-XXXX-XXXX-XXXX
 * (common.ts). Random, so never derived from personal data, and unrelated between verifiers; the check character
 * (ISO 7064 MOD 37,36) lets staff catch a mistyped ID.
 */
import { randomInt } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** ISO/IEC 7064 MOD 37,36 (hybrid system) check character over base-36 characters. */
export function checkCharacter(body: string): string {
  let p = 36;
  for (const ch of body) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new Error("account ID characters are 0-9 A-Z");
    let s = ((p % 37) + value) % 36;
    if (s === 0) s = 36;
    p = (s * 2) % 37;
  }
  return ALPHABET[(37 - p) % 36] as string;
}

export function generateAccountId(): string {
  let body = "";
  for (let i = 0; i < 15; i++) body += ALPHABET[randomInt(36)];
  const raw = body + checkCharacter(body);
  return raw.match(/.{4}/g)?.join("-") ?? raw;
}

export function isValidAccountId(accountId: string): boolean {
  const raw = accountId.replaceAll("-", "");
  if (!/^[0-9A-Z]{16}$/.test(raw)) return false;
  return checkCharacter(raw.slice(0, 15)) === raw[15];
}
