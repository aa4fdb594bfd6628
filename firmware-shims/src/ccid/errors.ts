/**
 * @module The one catalogue of coded errors of the card-reader path (reader, CCID, APDU, JPKI, bridge).
 *
 * The TV app branches on `code` and shows plain words (`plainJa`); `retryable` says whether the same action may
 * simply be tried again once the cause is gone (card back in, reader plugged in). Messages never carry PINs,
 * card data or anything personal.
 */

export const readerErrorCatalogue = {
  reader_not_found: { plainJa: "カードリーダーが見つかりません。接続を確認してください。", retryable: true },
  reader_unplugged: { plainJa: "カードリーダーが取り外されました。接続し直してください。", retryable: true },
  reader_busy: {
    plainJa: "カードリーダーが使用中です。しばらくしてからもう一度お試しください。",
    retryable: true,
  },
  reader_hardware_error: { plainJa: "カードリーダーでエラーが発生しました。", retryable: true },
  reader_unsupported: { plainJa: "このカードリーダーには対応していません。", retryable: false },
  no_card: { plainJa: "カードが置かれていません。マイナンバーカードを置いてください。", retryable: true },
  card_removed: {
    plainJa: "処理中にカードが外されました。カードを置いたままもう一度お試しください。",
    retryable: true,
  },
  card_mute: { plainJa: "カードが応答しません。カードを置き直してください。", retryable: true },
  card_protocol_error: {
    plainJa: "カードとの通信に失敗しました。カードを置き直してください。",
    retryable: true,
  },
  timeout: { plainJa: "カードリーダーが時間内に応答しませんでした。", retryable: true },
  malformed_reply: { plainJa: "カードリーダーから不正な応答がありました。", retryable: true },
  apdu_invalid: { plainJa: "カードへの命令が不正です。", retryable: false },
  card_status: { plainJa: "カードが処理を受け付けませんでした。", retryable: false },
  not_my_number_card: { plainJa: "マイナンバーカードではないか、読み取れないカードです。", retryable: false },
  pin_incorrect: { plainJa: "暗証番号が違います。", retryable: true },
  pin_blocked: {
    plainJa: "暗証番号がロックされています。お住まいの市区町村の窓口で解除してください。",
    retryable: false,
  },
  pin_format: { plainJa: "暗証番号の形式が違います。", retryable: true },
  forbidden_personal_number: { plainJa: "個人番号に関わる操作は行いません。", retryable: false },
  bridge_unavailable: { plainJa: "カードリーダーの管理機能に接続できません。", retryable: true },
  bridge_refused: { plainJa: "カードリーダーの管理機能が要求を拒否しました。", retryable: false },
} as const;

export type ReaderErrorCode = keyof typeof readerErrorCatalogue;

/** A coded error of the card-reader path. `details` holds non-personal facts (status words, bError). */
export class ReaderError extends Error {
  override readonly name = "ReaderError";
  readonly code: ReaderErrorCode;
  readonly details: Record<string, string | number | boolean>;

  constructor(
    code: ReaderErrorCode,
    message: string,
    details: Record<string, string | number | boolean> = {},
  ) {
    super(message);
    this.code = code;
    this.details = details;
  }

  get plainJa(): string {
    return readerErrorCatalogue[this.code].plainJa;
  }

  get retryable(): boolean {
    return readerErrorCatalogue[this.code].retryable;
  }
}

/** A wrong PIN: carries how many tries the card says remain (JPKI `63Cx`). */
export class PinIncorrectError extends ReaderError {
  readonly remainingTries: number;
  constructor(remainingTries: number) {
    super("pin_incorrect", `the card refused the PIN; ${remainingTries} tries remain`, { remainingTries });
    this.remainingTries = remainingTries;
  }
}

export function isReaderError(value: unknown, code?: ReaderErrorCode): value is ReaderError {
  return value instanceof ReaderError && (code === undefined || value.code === code);
}
