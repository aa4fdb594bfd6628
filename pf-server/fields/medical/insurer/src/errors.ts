/**
 * @module The insurer system's one catalogue of coded errors, with the HTTP status fixed per code. The PF-facing
 * API answers with the JSON error body (English messages); staff and the registration page read the Japanese
 * message. The assertion and webhook refusals are provider-kit's and service-kit's own codes, thrown by them.
 */
import { commonErrors, type ErrorSpec, errorFactory } from "@catv/service-kit";

export const insurerErrors = {
  ...commonErrors,
  validation_failed: { status: 400, message: "入力内容を確認してください。" },
  unauthorized: { status: 401, message: "ログインしてください。" },
  login_failed: { status: 401, message: "ログインIDまたはパスワードが正しくありません。" },
  rate_limited: { status: 429, message: "試行回数が多すぎます。しばらく待ってからやり直してください。" },
  csrf_failed: {
    status: 403,
    message: "画面の有効期限が切れました。もう一度画面を開いてから操作してください。",
  },
  forbidden: { status: 403, message: "この操作を行う権限がありません。" },
  not_found: { status: 404, message: "見つかりません。" },
  insurer_unknown: { status: 404, message: "No insurer with this ID is served here." },
  // Linking (参考１－２)
  registration_unknown: { status: 404, message: "この共通的PFIDの登録申請は受付一覧にありません。" },
  registration_revoked: {
    status: 409,
    message:
      "この登録の利用者証明用電子証明書は失効しています。新しいカードでの再登録を待ってから紐づけてください。",
  },
  person_unknown: { status: 404, message: "被保険者が見つかりません。" },
  already_linked: { status: 409, message: "この被保険者には既にこの共通的PFIDが紐づいています。" },
  person_linked_to_other_account: {
    status: 409,
    message:
      "この被保険者には別の共通的PFIDが紐づいています。先にその紐づけを解除してください（同じ人のカードは一つの共通的PFIDです）。",
  },
  second_link_needs_confirmation: {
    status: 409,
    message:
      "この共通的PFIDは既に別の被保険者に紐づいています。両方に紐づけると資格確認は「複数該当」になります。確認欄にチェックしてください。",
  },
  mismatch_needs_confirmation: {
    status: 409,
    message: "申請情報と被保険者情報が異なります。相違点を確認し、確認欄にチェックしてから紐づけてください。",
  },
  correction_not_applicable: {
    status: 400,
    message: "修正できるのは申請情報と異なる項目だけです。",
  },
  correction_not_possible: {
    status: 400,
    message:
      "申請の氏名に代替文字が含まれるため、氏名を申請情報で上書きできません。被保険者DBの氏名はそのままにしてください。",
  },
  link_unknown: { status: 404, message: "この被保険者との紐づけはありません。" },
  unlink_reason_required: { status: 400, message: "紐づけ解除の理由を入力してください。" },
  // CSV
  csv_invalid: { status: 400, message: "CSVファイルを読み取れませんでした。" },
  csv_import_unknown: {
    status: 404,
    message: "この取込はありません（破棄されたか、別の保険者のものです）。",
  },
  csv_import_decided: { status: 409, message: "この取込は既に実行または破棄されています。" },
  // The insurer's own registration page (verifier-initiated registration)
  registration_session_missing: {
    status: 400,
    message: "登録画面の有効期限が切れました。画面を開き直してからやり直してください。",
  },
  registration_challenge_mismatch: {
    status: 400,
    message: "読み取りの途中で画面が変わりました。画面を開き直してからやり直してください。",
  },
  registration_origin_refused: { status: 403, message: "この画面からの送信ではありません。" },
  registration_refused: { status: 400, message: "登録できませんでした。" },
  pf_unavailable: {
    status: 503,
    message: "共通的PFに接続できません。しばらく待ってからやり直してください。",
  },
  internal_error: { status: 500, message: "予期しないエラーが発生しました。" },
} as const satisfies Record<string, ErrorSpec>;

export type InsurerErrorCode = keyof typeof insurerErrors;

export const fail = errorFactory(insurerErrors);
