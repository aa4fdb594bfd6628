/**
 * @module The second half of a PIN-less login on the card (かざし利用, kenkaku.md §3–§4), after the PF answered
 * the start with a challenge and the birth-date key: SELECT the 券面事項確認AP, VERIFY its 生年月日 key, READ the
 * signed date-of-birth record (EF 0001), and have the card sign the challenge with `80 2A 00 00` — 4 APDUs. The
 * CVC was read (or taken from the cache) by `readCardForPinlessStart`: with it, a PIN-less login costs 6 APDUs
 * once the card is cached by serial. The body of `POST /v1/pinless/sessions` minus the challenge ID and the CVC.
 */
import type { JpkiCardClient } from "./jpki-card-client.ts";

export interface PinlessCardProof {
  dateOfBirthRecord: Uint8Array;
  signature: Uint8Array;
}

export async function proveCardForPinlessLogin(
  card: JpkiCardClient,
  input: { challenge: Uint8Array; birthDateKey: string },
): Promise<PinlessCardProof> {
  await card.selectKenkaku();
  await card.verifyBirthDateKey(input.birthDateKey);
  const dateOfBirthRecord = await card.readDateOfBirthRecord();
  const signature = await card.signChallengeWithCardKey(input.challenge);
  return { dateOfBirthRecord, signature };
}
