/**
 * @module What the reception says for every outcome of a touch: to the patient on the terminal (large Japanese,
 * English second) and to staff on the desk screen (Japanese, with what to do next). One table for both screens,
 * keyed by the outcome of an eligibility check or by the code of what went wrong — the PF's codes
 * (`packages/contracts/src/errors.ts`), this system's (`src/errors.ts`) and the card reader's
 * (firmware-shims' `readerErrorCatalogue`). Browser-safe: it imports nothing.
 */

export type Tone = "ok" | "warn" | "bad";

export interface ReceptionMessage {
  /** For the patient at the terminal. */
  patient: { ja: string; en: string };
  /** For reception staff. */
  staff: string;
  /** What staff do next, when there is something to do. */
  action?: string;
  tone: Tone;
}

/** 資格確認の結果 as the reception sorts it: 資格有効性 1–5, or the insurer's own failure to answer (処理結果 2). */
export type EligibilityOutcome =
  | "valid"
  | "invalid"
  | "invalid_new_qualification"
  | "no_qualification"
  | "multiple"
  | "insurer_error";

const takeCard = { ja: "カードをお取りください。", en: "Please take your card." };
const askStaff = {
  ja: "受付職員にお声がけください。",
  en: "Please speak to the reception staff.",
};
const fallBack = "資格確認書（または保険証）を提示いただき、目視で確認してください。";

const join = (...parts: { ja: string; en: string }[]) => ({
  ja: parts.map((p) => p.ja).join(""),
  en: parts.map((p) => p.en).join(" "),
});

export const receptionMessages: Record<string, ReceptionMessage> = {
  // --- eligibility outcomes -------------------------------------------------------------------------------------
  valid: {
    patient: join(
      { ja: "受付が完了しました。", en: "You are checked in." },
      { ja: "お呼びするまでお待ちください。", en: "Please wait until your name is called." },
    ),
    staff: "資格有効。保険証情報を確認しました。",
    tone: "ok",
  },
  invalid: {
    patient: join(
      { ja: "保険の資格を確認できませんでした。", en: "Your health insurance could not be confirmed." },
      askStaff,
    ),
    staff: "資格無効（資格喪失）。喪失日と喪失事由を確認してください。",
    action: "新しい保険の資格確認書・保険証の有無を確認してください。なければ自費扱いの説明をしてください。",
    tone: "bad",
  },
  invalid_new_qualification: {
    patient: join(
      { ja: "以前の保険の資格が終了しています。", en: "Your former insurance has ended." },
      askStaff,
    ),
    staff: "資格無効（新しい資格あり）。加入先が変わっています。",
    action:
      "新しい保険者の資格確認書・保険証を確認してください。新しい保険者でのマイナ保険証の利用登録がまだであれば、受付端末で登録できます。",
    tone: "warn",
  },
  no_qualification: {
    patient: join(
      { ja: "保険の資格が見つかりませんでした。", en: "No health insurance was found." },
      askStaff,
    ),
    staff: "該当資格なし。保険者に該当する資格がありません。",
    action: fallBack,
    tone: "bad",
  },
  multiple: {
    patient: join(
      { ja: "確認のため、少々お待ちください。", en: "Please wait a moment while we check." },
      askStaff,
    ),
    staff: "複数該当。保険者が複数の資格を回答しました。",
    action: "患者さんに現在の加入先を確認し、資格確認書・保険証と照合してください。",
    tone: "warn",
  },
  insurer_error: {
    patient: join(
      { ja: "保険の確認に時間がかかっています。", en: "Checking your insurance is taking longer." },
      takeCard,
      askStaff,
    ),
    staff: "保険者のシステムがエラーを返しました（処理結果：エラー）。自動で再確認しています。",
    action: fallBack,
    tone: "warn",
  },
  // --- registration and linking -----------------------------------------------------------------------------------
  card_not_registered: {
    patient: join(
      {
        ja: "このカードは、まだ保険証として利用登録されていません。",
        en: "This card is not yet registered for use as your health insurance card.",
      },
      {
        ja: "この端末で利用登録ができます（職員がお手伝いします）。",
        en: "You can register it here; staff will help you.",
      },
    ),
    staff: "未登録のカード（保険証としての利用登録がありません）。",
    action: `受付端末での利用登録をご案内ください（署名用電子証明書のパスワードが必要です）。今回は${fallBack}`,
    tone: "warn",
  },
  account_not_linked: {
    patient: join(
      {
        ja: "保険者での登録手続きが終わっていません。",
        en: "Your insurer has not finished processing your registration.",
      },
      takeCard,
      askStaff,
    ),
    staff: "利用登録済み・保険者の紐づけ待ち（保険者がまだ被保険者と紐づけていません）。",
    action: fallBack,
    tone: "warn",
  },
  // --- the card ---------------------------------------------------------------------------------------------------
  certificate_revoked: {
    patient: join(
      { ja: "このカードの電子証明書は失効しています。", en: "This card's certificate has been revoked." },
      takeCard,
      askStaff,
    ),
    staff: "電子証明書が失効しています（紛失・一時停止・記載事項の変更など）。",
    action: `${fallBack}カードの再発行・電子証明書の再発行は市区町村の窓口です。`,
    tone: "bad",
  },
  certificate_expired: {
    patient: join(
      { ja: "このカードの電子証明書は有効期限が切れています。", en: "This card's certificate has expired." },
      takeCard,
      askStaff,
    ),
    staff: "電子証明書の有効期限切れ。",
    action: `${fallBack}更新は市区町村の窓口でご案内ください。`,
    tone: "bad",
  },
  certificate_not_yet_valid: {
    patient: join({ ja: "このカードはまだ利用できません。", en: "This card cannot be used yet." }, askStaff),
    staff: "電子証明書の有効期間がまだ始まっていません。",
    action: fallBack,
    tone: "bad",
  },
  certificate_unknown_issuer: {
    patient: join(
      { ja: "このカードは確認できませんでした。", en: "This card could not be verified." },
      takeCard,
      askStaff,
    ),
    staff: "公的個人認証の電子証明書ではありません（偽造・模造のおそれ）。",
    action: `${fallBack}必要に応じて責任者に報告してください。`,
    tone: "bad",
  },
  card_genuineness_failed: {
    patient: join(
      { ja: "このカードは確認できませんでした。", en: "This card could not be verified." },
      takeCard,
      askStaff,
    ),
    staff: "カードの真正性を確認できません（券面事項確認APの検証に失敗：偽造カードのおそれ）。",
    action: `${fallBack}必要に応じて責任者に報告してください。`,
    tone: "bad",
  },
  signature_invalid: {
    patient: join(
      { ja: "カードを読み取れませんでした。", en: "The card could not be read." },
      { ja: "もう一度カードを置いてください。", en: "Please place the card again." },
    ),
    staff: "カードの署名を検証できませんでした。",
    action: `もう一度かざしていただき、続く場合は${fallBack}`,
    tone: "bad",
  },
  pinless_card_not_bound: {
    patient: {
      ja: "本人確認のため、暗証番号（数字4桁）を入力してください。",
      en: "Please enter your 4-digit PIN to confirm it is you.",
    },
    staff: "このカードは暗証番号なしの利用がまだ設定されていません。暗証番号で確認します。",
    tone: "warn",
  },
  pinless_card_mismatch: {
    patient: {
      ja: "カードが更新されています。暗証番号（数字4桁）を入力してください。",
      en: "Your card has been renewed. Please enter your 4-digit PIN.",
    },
    staff: "登録時と別のカード（更新・再発行）です。暗証番号で確認します。",
    tone: "warn",
  },
  revocation_unavailable: {
    patient: join(
      { ja: "ただいまカードの確認ができません。", en: "Your card cannot be checked right now." },
      takeCard,
      askStaff,
    ),
    staff: "電子証明書の失効確認ができません（J-LISへの照会が停止中）。",
    action: fallBack,
    tone: "bad",
  },
  // --- the terminal, the recognition, the systems -----------------------------------------------------------------
  recognition_expired: {
    patient: join(
      { ja: "時間が経ったため、確認をやり直します。", en: "The time ran out; let us start again." },
      { ja: "もう一度カードを置いてください。", en: "Please place your card again." },
    ),
    staff: "本人確認の有効時間が過ぎました。カードをもう一度かざしていただいてください。",
    tone: "warn",
  },
  recognition_wrong_terminal: {
    patient: join({ ja: "この端末では続けられません。", en: "This terminal cannot continue." }, askStaff),
    staff: "別の端末での本人確認です。患者さんにこの端末でカードをかざし直していただいてください。",
    tone: "bad",
  },
  recognition_of_other_terminal: {
    patient: join({ ja: "この端末では続けられません。", en: "This terminal cannot continue." }, askStaff),
    staff: "別の端末での本人確認です。患者さんにこの端末でカードをかざし直していただいてください。",
    tone: "bad",
  },
  recognition_not_recorded: {
    patient: join({ ja: "もう一度カードを置いてください。", en: "Please place your card again." }, askStaff),
    staff:
      "この病院で記録していない本人確認です（他院の端末・記録の消失）。カードをかざし直していただいてください。",
    tone: "bad",
  },
  terminal_unknown: {
    patient: join({ ja: "この端末は利用できません。", en: "This terminal cannot be used." }, askStaff),
    staff:
      "当院に登録されていない端末です（他院の端末、または未登録の端末）。システム担当に連絡してください。",
    action: fallBack,
    tone: "bad",
  },
  terminal_unauthorized: {
    patient: join({ ja: "この端末は利用できません。", en: "This terminal cannot be used." }, askStaff),
    staff:
      "共通的PFがこの端末を受け付けませんでした（端末鍵の登録・時刻を確認）。システム担当に連絡してください。",
    action: fallBack,
    tone: "bad",
  },
  terminal_assertion_invalid: {
    patient: join({ ja: "この端末は利用できません。", en: "This terminal cannot be used." }, askStaff),
    staff: "端末の署名を確認できません（端末の時刻・鍵を確認）。システム担当に連絡してください。",
    action: fallBack,
    tone: "bad",
  },
  terminal_assertion_missing: {
    patient: join({ ja: "この端末は利用できません。", en: "This terminal cannot be used." }, askStaff),
    staff: "端末の署名がありません。システム担当に連絡してください。",
    action: fallBack,
    tone: "bad",
  },
  site_not_allowed: {
    patient: join({ ja: "この端末は利用できません。", en: "This terminal cannot be used." }, askStaff),
    staff: "この端末は受付（対面）の端末として登録されていません。システム担当に連絡してください。",
    action: fallBack,
    tone: "bad",
  },
  insurer_unavailable: {
    patient: join(
      {
        ja: "保険者のシステムに接続できないため、確認に時間がかかっています。",
        en: "Your insurer's system is not responding, so the check is taking longer.",
      },
      takeCard,
      askStaff,
    ),
    staff: "保険者のシステムが応答しません。同じ本人確認のまま自動で再確認しています。",
    action: fallBack,
    tone: "warn",
  },
  pf_unreachable: {
    patient: join(
      { ja: "ただいま確認ができません。", en: "The check is not available right now." },
      takeCard,
      askStaff,
    ),
    staff: "共通的PFに接続できません。",
    action: `${fallBack}本人確認後であれば自動で再確認します。`,
    tone: "bad",
  },
  pf_answer_invalid: {
    patient: join(
      { ja: "ただいま確認ができません。", en: "The check is not available right now." },
      askStaff,
    ),
    staff: "共通的PFの応答が不正なため記録していません。システム担当に連絡してください。",
    action: fallBack,
    tone: "bad",
  },
  pf_answer_mismatch: {
    patient: join(
      { ja: "ただいま確認ができません。", en: "The check is not available right now." },
      askStaff,
    ),
    staff:
      "共通的PFの応答が別の患者さん・別の本人確認を指しているため記録していません。システム担当に連絡してください。",
    action: fallBack,
    tone: "bad",
  },
  hospital_unreachable: {
    patient: join(
      { ja: "ただいま確認ができません。", en: "The check is not available right now." },
      askStaff,
    ),
    staff: "受付端末が病院のシステムに接続できません。",
    action: fallBack,
    tone: "bad",
  },
  verifier_not_allowed_at_site: {
    patient: join({ ja: "この保険者は選べません。", en: "This insurer cannot be chosen here." }, askStaff),
    staff: "この受付で扱っていない保険者です。",
    tone: "bad",
  },
  rate_limited: {
    patient: join(
      { ja: "しばらくしてからもう一度お試しください。", en: "Please try again in a moment." },
      askStaff,
    ),
    staff: "短時間に操作が集中しました。少し待ってからやり直してください。",
    tone: "warn",
  },
  // --- the reader -------------------------------------------------------------------------------------------------
  card_removed: {
    patient: {
      ja: "カードが外されました。もう一度カードを置いて、そのままお待ちください。",
      en: "The card was removed. Please place it again and leave it there.",
    },
    staff: "確認中にカードが外されました。",
    tone: "warn",
  },
  reader_unplugged: {
    patient: join(
      { ja: "カードリーダーが接続されていません。", en: "The card reader is not connected." },
      askStaff,
    ),
    staff: "カードリーダーが取り外されています。接続を確認してください。",
    action: fallBack,
    tone: "bad",
  },
  not_my_number_card: {
    patient: {
      ja: "マイナンバーカードではないか、読み取れないカードです。マイナンバーカードを置いてください。",
      en: "This is not a My Number card, or it cannot be read. Please place your My Number card.",
    },
    staff: "マイナンバーカード以外のカードが置かれました。",
    tone: "warn",
  },
  pin_incorrect: {
    patient: { ja: "暗証番号が違います。", en: "The PIN is incorrect." },
    staff: "暗証番号の誤り。",
    tone: "warn",
  },
  pin_blocked: {
    patient: join(
      {
        ja: "暗証番号がロックされています。お住まいの市区町村の窓口で解除できます。",
        en: "Your PIN is locked. Your city office can unlock it.",
      },
      takeCard,
      askStaff,
    ),
    staff: "暗証番号がロックされています（3回誤り）。",
    action: fallBack,
    tone: "bad",
  },
  signature_password_blocked: {
    patient: join(
      {
        ja: "署名用電子証明書のパスワードがロックされています。お住まいの市区町村の窓口で解除できます。",
        en: "Your signature password is locked. Your city office can unlock it.",
      },
      takeCard,
    ),
    staff: "署名用電子証明書のパスワードがロックされているため、利用登録できません。",
    action: `市区町村の窓口での解除をご案内ください。今回は${fallBack}`,
    tone: "bad",
  },
};

/** The message for an outcome or code; an unknown code gets the general one (staff see the code itself). */
export function messageFor(code: string): ReceptionMessage {
  return (
    receptionMessages[code] ?? {
      patient: join(
        { ja: "うまく確認できませんでした。", en: "We could not complete the check." },
        takeCard,
        askStaff,
      ),
      staff: `確認できませんでした（コード: ${code}）。`,
      action: fallBack,
      tone: "bad",
    }
  );
}

/** Reader faults that a new touch may mend (a garbled reply, a mute card): said as "place the card again". */
export const readerRetryCodes = new Set([
  "card_mute",
  "card_protocol_error",
  "timeout",
  "malformed_reply",
  "reader_busy",
  "reader_hardware_error",
  "card_status",
  "no_card",
]);
