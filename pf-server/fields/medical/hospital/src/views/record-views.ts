/**
 * @module 顧客管理 (patient records): the search (診察券番号, name or カナ, birth date) and one patient's record — the
 * 診察券番号 linked to the card, identity and insurance as the insurer last answered at this reception, the visit
 * history with each check — and, for a patient whose insurer had not linked them yet, the PF's current answer.
 */
import type { patientReferenceStatusSchema } from "@catv/contracts";
import { html } from "hono/html";
import type { z } from "zod";
import type { Patient } from "../domain/ports.ts";
import type { PatientRecord } from "../domain/show-patient-record.ts";
import { checkView, visitResultView } from "./eligibility-views.ts";
import { japaneseDate, jstDateTime, sexLabel } from "./format.ts";
import { type Html, page } from "./layout.ts";

type Frame = { institutionName: string; staff: { displayName: string; csrfToken: string } };

export function recordsSearchPage(
  frame: Frame,
  query: { text?: string; birthDate?: string },
  found: Patient[],
): Html {
  return page(
    { title: "顧客管理", institutionName: frame.institutionName, current: "records", staff: frame.staff },
    html`<h1>顧客管理（患者記録）</h1>
<section class="panel">
  <form class="search" method="get" action="/records" role="search">
    <label>診察券番号・氏名・カナ<input name="q" value="${query.text ?? ""}" autocomplete="off"></label>
    <label>生年月日<input name="birthDate" type="date" value="${query.birthDate ?? ""}"></label>
    <button class="primary" type="submit">検索</button>
  </form>
</section>
<section class="panel">
  <h2>${query.text || query.birthDate ? `検索結果 ${found.length} 件` : "最近の受付があった患者さん"}</h2>
  ${
    found.length === 0
      ? html`<p class="muted">該当する患者さんはいません。</p>`
      : html`<table><thead><tr><th>診察券番号</th><th>氏名</th><th>カナ</th><th>生年月日</th><th>性別</th><th>初診日</th></tr></thead><tbody>${found.map(
          (p) =>
            html`<tr data-patient="${p.patientNumber}"><td><a href="/records/${p.patientNumber}">${p.patientNumber}</a></td><td>${p.name ?? "—"}</td><td>${p.nameKana ?? "—"}</td><td>${japaneseDate(p.birthDate)}</td><td>${sexLabel(p.sex)}</td><td>${jstDateTime(p.firstVisitAt)}</td></tr>`,
        )}</tbody></table>`
  }
</section>`,
  );
}

export function recordPage(
  frame: Frame,
  record: PatientRecord,
  registrationStatus?: z.output<typeof patientReferenceStatusSchema>,
): Html {
  const { patient, latestCheck, visits } = record;
  return page(
    {
      title: `患者記録 ${patient.patientNumber}`,
      institutionName: frame.institutionName,
      current: "records",
      staff: frame.staff,
    },
    html`<h1>患者記録　診察券番号 <span data-patient-number="${patient.patientNumber}">${patient.patientNumber}</span></h1>
<div class="grid-2">
<section class="panel">
  <h2>患者さん</h2>
  <dl class="facts">
    <dt>診察券番号</dt><dd class="big">${patient.patientNumber}</dd>
    <dt>氏名</dt><dd data-field="name">${patient.name ?? "（保険者の回答がまだありません）"}</dd>
    <dt>カナ</dt><dd>${patient.nameKana ?? "—"}</dd>
    <dt>生年月日</dt><dd>${japaneseDate(patient.birthDate)}</dd>
    <dt>性別</dt><dd>${sexLabel(patient.sex)}</dd>
    <dt>初診日</dt><dd>${jstDateTime(patient.firstVisitAt)}</dd>
    <dt>診察券</dt><dd>マイナンバーカードと連携済み（カードをかざすとこの記録を開きます）</dd>
  </dl>
  <p class="muted">氏名・生年月日などは、受付での資格確認で保険者が回答した内容です（有効な資格が1件のときに更新）。</p>
</section>
<section class="panel">
  <h2>保険の資格（直近の確認）</h2>
  ${latestCheck ? checkView(latestCheck) : html`<p class="muted">まだ資格確認の結果はありません。</p>`}
  <form method="post" action="/records/${patient.patientNumber}/registration-status">
    <input type="hidden" name="_csrf" value="${frame.staff.csrfToken}">
    <button class="secondary" type="submit">保険者の紐づけ状況を共通的PFに問い合わせる</button>
  </form>
  ${
    registrationStatus
      ? html`<div data-registration-status>${
          registrationStatus.registrations.length === 0
            ? html`<p>この病院の受付で扱う保険者への利用登録はありません。</p>`
            : html`<ul>${registrationStatus.registrations.map(
                (r) =>
                  html`<li>${r.verifierName}：${r.linkStatus === "linked" ? "紐づけ済み（次回からカードで確認できます）" : "保険者の紐づけ待ち"}</li>`,
              )}</ul>`
        }</div>`
      : ""
  }
</section>
</div>
<section class="panel">
  <h2>受付履歴</h2>
  ${
    visits.length === 0
      ? html`<p class="muted">受付の記録はありません。</p>`
      : visits.map(
          ({ visit, checks }) => html`<article class="panel" data-visit="${visit.id}">
  <h2>${jstDateTime(visit.recognisedAt)}　端末 ${visit.terminalId}・${visit.acr === "urn:catv:acr:pin" ? "暗証番号" : "暗証番号なし"}</h2>
  ${visitResultView(visit, checks[0])}
  ${checks.length > 1 ? html`<details><summary>この受付での以前の確認 ${checks.length - 1} 件</summary>${checks.slice(1).map((c) => checkView(c))}</details>` : ""}
</article>`,
        )
  }
</section>`,
  );
}
