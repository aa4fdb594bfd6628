/**
 * @module A check as staff read it: the 資格有効性 in large type with what it means and what to do, each insurer's
 * answer with its qualifications (保険者番号・記号・番号・枝番, 本人家族, 負担割合, 限度額区分 when the patient
 * consented, 喪失日と事由), and the warnings (a card certificate expiring within 3 months). Everything shown is
 * what the PF relayed from the insurer.
 */
import type { Qualification } from "@catv/contracts";
import { html } from "hono/html";
import { summariseResults } from "../domain/eligibility-rules.ts";
import type { CheckRecord, Visit, Warning } from "../domain/ports.ts";
import { messageFor, type ReceptionMessage } from "../shared/reception-messages.ts";
import {
  cardClassificationLabel,
  familyLabel,
  japaneseDate,
  jstTime,
  limitCertificateLabel,
  limitFlagLabel,
  ratio,
  reasonOfLossLabel,
  sexLabel,
  validityLabel,
} from "./format.ts";
import type { Html } from "./layout.ts";

/** The headline and tone of a visit as it stands: its check's 資格有効性, or why there is none. */
export function visitStatus(
  visit: Visit,
  check: CheckRecord | undefined,
): { headline: string; message: ReceptionMessage } {
  if (visit.state === "answered" && check) {
    const summary = summariseResults(check.results);
    return {
      headline: summary.validity ? validityLabel(summary.validity) : "確認できず",
      message: messageFor(summary.outcome),
    };
  }
  switch (visit.state) {
    case "awaiting_consent":
      return {
        headline: "本人確認済み・同意確認中",
        message: {
          patient: { ja: "", en: "" },
          staff: "患者さんが限度額情報の提供について回答中です。",
          tone: "ok",
        },
      };
    case "not_linked":
      return { headline: "保険者の紐づけ待ち", message: messageFor("account_not_linked") };
    case "retrying":
      return {
        headline: "保険者応答なし・自動再確認中",
        message: messageFor(
          visit.lastCode === "insurer_error" ? "insurer_error" : (visit.lastCode ?? "insurer_unavailable"),
        ),
      };
    case "expired":
      return {
        headline: "確認できず（本人確認の有効時間切れ）",
        message: {
          patient: { ja: "", en: "" },
          staff: "保険者が応答しないまま本人確認の有効時間が過ぎました。",
          action:
            "資格確認書（または保険証）で確認済みであればそのまま受付してください。次回来院時にカードで確認します。",
          tone: "bad",
        },
      };
    default:
      return { headline: "確認できず", message: messageFor(visit.lastCode ?? "internal_error") };
  }
}

export function warningsView(warnings: Warning[]): Html {
  const unique = [...new Map(warnings.map((w) => [w.code, w])).values()];
  return html`${unique.map((w) => html`<p class="warning" data-warning="${w.code}">⚠ ${w.message}</p>`)}`;
}

export function visitResultView(visit: Visit, check: CheckRecord | undefined): Html {
  const { headline, message } = visitStatus(visit, check);
  return html`<div class="result ${message.tone}" data-visit-state="${visit.state}" data-validity="${check?.validity ?? ""}">
  <p class="headline">${headline}</p>
  <p>${message.staff}</p>
  ${message.action ? html`<p class="action">${message.action}</p>` : ""}
  ${
    visit.state === "retrying" && visit.nextAttemptAt
      ? html`<p class="muted">次の再確認 ${jstTime(visit.nextAttemptAt)}（本人確認の有効期限 ${jstTime(visit.expiresAt)}）・これまで ${visit.attempts} 回</p>`
      : ""
  }
  ${warningsView([...visit.warnings, ...(check?.warnings ?? [])])}
  ${check ? checkView(check) : ""}
</div>`;
}

export function checkView(check: CheckRecord): Html {
  return html`${check.results.map((result) => {
    if (result.status === "not_linked") {
      return html`<p><strong>${result.verifierName}</strong>：利用登録済み・保険者の紐づけ待ち</p>`;
    }
    if (result.status === "unavailable") {
      return html`<p><strong>${result.verifierName}</strong>：応答なし</p>`;
    }
    const { answer } = result;
    if (answer.processingResult.status === "2") {
      return html`<p><strong>${result.verifierName}</strong>：保険者のエラー（${answer.processingResult.code ?? "—"} ${answer.processingResult.message ?? ""}）</p>`;
    }
    return html`<div data-insurer="${result.verifierId}">
  <p><strong>${result.verifierName}</strong>：資格有効性 <span class="big">${validityLabel(answer.qualificationValidity)}</span>
  ${answer.processingResult.message ? html`<span class="muted">（${answer.processingResult.message}）</span>` : ""}</p>
  ${answer.qualifications.map((q) => qualificationView(q, check.limitConsent))}
</div>`;
  })}
<p class="muted">確認日時 ${jstTime(check.checkedAt)}・限度額情報の提供 ${check.limitConsent ? "同意あり" : "同意なし"}</p>`;
}

export function qualificationView(q: Qualification, consented: boolean): Html {
  const lost = q.disqualificationDate
    ? html`<dt>資格喪失日</dt><dd data-field="disqualification">${japaneseDate(q.disqualificationDate)}（${reasonOfLossLabel(q.reasonOfLoss)}）</dd>`
    : "";
  const limit = q.limitApplicationCertificate
    ? html`<dd data-field="limit">${limitFlagLabel(q.limitApplicationCertificate.classificationFlag)}・${limitCertificateLabel(q.limitApplicationCertificate.classification)}（${japaneseDate(q.limitApplicationCertificate.validFrom)}〜${q.limitApplicationCertificate.validUntil ? japaneseDate(q.limitApplicationCertificate.validUntil) : ""}）</dd>`
    : html`<dd data-field="limit" class="muted">${consented ? "該当なし" : "提供の同意なし"}</dd>`;
  return html`<div class="qualification">
  <h3>${q.insurerName}（保険者番号 ${q.insurerNumber}）</h3>
  <dl class="facts">
    <dt>負担割合</dt><dd class="big" data-field="ratio">${ratio(q.insuredPartialContributionRatio)}</dd>
    <dt>限度額適用区分</dt>${limit}
    <dt>記号・番号・枝番</dt><dd>${q.insuredCardSymbol ?? "（記号なし）"}・${q.insuredIdentificationNumber}・${q.insuredBranchNumber ?? "—"}</dd>
    <dt>本人・家族</dt><dd>${familyLabel(q.personalFamilyClassification)}${q.insuredName ? html`（被保険者 ${q.insuredName}）` : ""}</dd>
    <dt>氏名</dt><dd>${q.name}${q.nameKana ? html`（${q.nameKana}）` : ""}</dd>
    <dt>生年月日・性別</dt><dd>${japaneseDate(q.birthDate)}・${sexLabel(q.sex)}</dd>
    <dt>被保険者証区分</dt><dd>${cardClassificationLabel(q.insuredCardClassification)}</dd>
    <dt>資格取得日</dt><dd>${japaneseDate(q.qualificationDate)}</dd>
    ${lost}
    ${
      q.elderlyRecipientCertificate
        ? html`<dt>高齢受給者証</dt><dd>${ratio(q.elderlyRecipientCertificate.contributionRatio)}（${japaneseDate(q.elderlyRecipientCertificate.validFrom)}〜）</dd>`
        : ""
    }
  </dl>
</div>`;
}
