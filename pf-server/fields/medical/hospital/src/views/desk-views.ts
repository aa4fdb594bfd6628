/**
 * @module The reception desk's screen (受付状況): for each reception terminal, the latest touch as it stands — the
 * patient's 診察券番号 and name with the 資格確認 result, or what went wrong and what to do — and the reader's state;
 * then today's visits and the registrations made at the desk. The live panel is re-fetched on every change.
 */
import { html } from "hono/html";
import { summariseResults } from "../domain/eligibility-rules.ts";
import type { DeskTerminal, DeskView, DeskVisit } from "../domain/show-desk.ts";
import { messageFor } from "../shared/reception-messages.ts";
import { visitResultView, visitStatus } from "./eligibility-views.ts";
import { jstTime, limitFlagLabel, ratio } from "./format.ts";
import { type Html, page } from "./layout.ts";

export function deskPage(
  view: DeskView,
  frame: { institutionName: string; staff: { displayName: string; csrfToken: string }; script: string },
): Html {
  return page(
    {
      title: "受付状況",
      institutionName: frame.institutionName,
      current: "desk",
      staff: frame.staff,
      scripts: [frame.script],
    },
    html`<h1>受付状況（マイナ保険証）</h1><div id="desk-live">${deskPanel(view)}</div>`,
  );
}

export function deskPanel(view: DeskView): Html {
  return html`<div class="terminals">${view.terminals.map(terminalView)}</div>
<section class="panel"><h2>本日の受付</h2>${todayTable(view.today)}</section>
<section class="panel"><h2>受付端末での利用登録</h2>${
    view.registrations.length === 0
      ? html`<p class="muted">まだありません。</p>`
      : html`<table><thead><tr><th>時刻</th><th>端末</th><th>保険者</th><th>結果</th></tr></thead><tbody>${view.registrations.map(
          (r) =>
            html`<tr><td>${jstTime(r.at)}</td><td>${r.terminalId}</td><td>${r.verifierName}</td><td>${
              r.outcome === "new" ? "新規登録" : "登録済み"
            }・${r.linkStatus === "linked" ? "紐づけ済み" : "保険者の紐づけ待ち"}</td></tr>`,
        )}</tbody></table>`
  }</section>`;
}

function terminalView(terminal: DeskTerminal): Html {
  const readerOk = terminal.reader === undefined || terminal.reader === "ok";
  const latest = terminal.latest;
  let body: Html;
  if (!latest) body = html`<p class="muted">まだ受付はありません。</p>`;
  else if (latest.visit) body = visitBlock(latest.visit, latest.at);
  else {
    const message = messageFor(latest.code);
    body = html`<div class="result ${message.tone}" data-code="${latest.code}">
  <p class="headline">${message.staff}</p>
  ${message.action ? html`<p class="action">${message.action}</p>` : ""}
  <p class="muted">${jstTime(latest.at)}・コード ${latest.code}</p>
</div>`;
  }
  return html`<section class="panel" data-terminal="${terminal.terminalId}">
  <h2>受付端末 ${terminal.terminalId}
    <span class="badge ${readerOk ? "ok" : "bad"}" data-reader="${terminal.reader ?? "unknown"}">${
      readerOk ? "カードリーダー接続中" : "カードリーダー未接続"
    }</span></h2>
  ${body}
</section>`;
}

function visitBlock(entry: DeskVisit, at: string): Html {
  const { visit, patient, check } = entry;
  return html`<div data-visit="${visit.id}">
  <dl class="facts">
    <dt>診察券番号</dt><dd class="big"><a href="/records/${patient.patientNumber}" data-patient-number="${patient.patientNumber}">${patient.patientNumber}</a>${
      visit.firstVisit ? html` <span class="badge neutral">初診・番号を発行</span>` : ""
    }</dd>
    <dt>氏名</dt><dd>${patient.name ?? html`<span class="muted">—（有効な資格の回答で記録します）</span>`}${patient.nameKana ? html`（${patient.nameKana}）` : ""}</dd>
    <dt>本人確認</dt><dd>${visit.acr === "urn:catv:acr:pin" ? "暗証番号" : "暗証番号なし（かざし）"}・${jstTime(visit.recognisedAt)}</dd>
  </dl>
  ${visitResultView(visit, check)}
  <p class="muted">最終更新 ${jstTime(at)}</p>
</div>`;
}

function todayTable(visits: DeskVisit[]): Html {
  if (visits.length === 0) return html`<p class="muted">本日の受付はまだありません。</p>`;
  return html`<table><thead><tr><th>時刻</th><th>診察券番号</th><th>氏名</th><th>結果</th><th>負担割合</th><th>限度額区分</th><th>端末</th></tr></thead><tbody>${visits.map(
    ({ visit, patient, check }) => {
      const { headline, message } = visitStatus(visit, check);
      const summary = check ? summariseResults(check.results) : undefined;
      // 負担割合 and 限度額区分 belong to a qualification in force: a lost one's are history, not what to charge.
      const q = summary?.outcome === "valid" ? summary.chosen?.answer.qualifications[0] : undefined;
      return html`<tr data-visit-row="${visit.id}">
  <td>${jstTime(visit.recognisedAt)}</td>
  <td><a href="/records/${patient.patientNumber}">${patient.patientNumber}</a></td>
  <td>${patient.name ?? "—"}</td>
  <td><span class="badge ${message.tone}">${headline}</span></td>
  <td>${q ? ratio(q.insuredPartialContributionRatio) : "—"}</td>
  <td>${q?.limitApplicationCertificate ? limitFlagLabel(q.limitApplicationCertificate.classificationFlag) : "—"}</td>
  <td>${visit.terminalId}</td>
</tr>`;
    },
  )}</tbody></table>`;
}
