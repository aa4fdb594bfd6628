/**
 * @module The console's one catalogue of coded errors. API responses carry `{ error: { code, message, requestId } }`
 * with the status fixed per code (the shape of `@catv/service-kit`); pages show the message in Japanese.
 */
import { CodedError, type ErrorSpec, webhookErrors } from "@catv/service-kit";

export const consoleErrors = {
  validation_failed: { status: 400, message: "入力内容に誤りがあります。" },
  csrf_failed: {
    status: 403,
    message: "フォームの有効期限が切れました。画面を再読み込みしてやり直してください。",
  },
  unauthorized: { status: 401, message: "ログインが必要です。" },
  login_failed: { status: 401, message: "ログインIDまたはパスワードが正しくありません。" },
  rate_limited: {
    status: 429,
    message: "ログインの試行回数が多すぎます。しばらく待ってからやり直してください。",
  },
  forbidden: { status: 403, message: "この操作を行う権限がありません。" },
  not_found: { status: 404, message: "対象が見つかりません。" },
  ...webhookErrors,
  webhook_payload_invalid: { status: 400, message: "Webhook payload does not match the event schema." },
  contract_exists: { status: 409, message: "この契約者IDは既に登録されています。" },
  household_closed: { status: 409, message: "解約済みの世帯は変更できません。" },
  cable_id_not_pending: { status: 409, message: "このケーブルIDは紐づけ待ちではありません。" },
  cable_id_not_linked: { status: 409, message: "このケーブルIDは紐づけられていません。" },
  link_mismatch_unconfirmed: {
    status: 409,
    message: "4情報と世帯員の記録が一致しません。相違点を確認してから紐づけてください。",
  },
  month_not_closable: { status: 409, message: "この月はまだ締められません（当月以降）。" },
  csv_invalid: { status: 400, message: "CSVに誤りがあります。1件も取り込んでいません。" },
  pf_unavailable: { status: 502, message: "共通的PFに接続できませんでした。" },
  pf_rejected: { status: 502, message: "共通的PFが要求を受け付けませんでした。" },
  service_unavailable: {
    status: 503,
    message: "データベースに接続できません。しばらく待ってからやり直してください。",
  },
  internal_error: { status: 500, message: "予期しないエラーが発生しました。" },
} as const satisfies Record<string, ErrorSpec>;

export type ConsoleErrorCode = keyof typeof consoleErrors;

/** A coded, expected failure; `message` overrides the catalogue's text with something more specific. */
export class ConsoleError extends CodedError<ConsoleErrorCode> {
  constructor(code: ConsoleErrorCode, message?: string, details?: Record<string, unknown>) {
    super(code, consoleErrors[code].status, message ?? consoleErrors[code].message, details);
    this.name = "ConsoleError";
  }
}
