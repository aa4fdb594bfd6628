/**
 * @module The fee reconciliation page (使用料の照合): per month and per CATV operator (by name), the TV channel's
 * paid bookings and refunds, whether each report reached the PF, the settlement received and each settled
 * record's match with our bookings.
 */
import { html } from "hono/html";
import type { OperatorMonth, StaffReport } from "../domain/build-staff-report.ts";
import { staffPage, yen } from "./staff-layout.ts";

const STATUS_JA = { collected: "収納済", reversed: "取消", uncollected: "未収納" } as const;
const MATCH_JA = { ok: "一致", amount_mismatch: "金額不一致", unknown: "該当予約なし" } as const;

function operatorSection(g: OperatorMonth) {
  const u = g.usage;
  const s = g.settlement;
  return html`<section>
    <h3>${g.operatorName}</h3>
    <table>
      <tr><th>TV経由の予約（有料）</th><td>${u.charges}件</td><td>${yen(u.chargedYen)}</td></tr>
      <tr><th>還付（取消）</th><td>${u.reversals}件</td><td>${u.reversedYen ? `−${yen(u.reversedYen)}` : yen(0)}</td></tr>
      <tr><th>差引</th><td></td><td><b>${yen(u.netYen)}</b></td></tr>
      <tr><th>PFへの報告</th><td colspan="2">受付済 ${u.reports.accepted} ／ 送信待ち ${u.reports.pending} ／ 差戻し ${u.reports.rejected}</td></tr>
    </table>
    ${
      s
        ? html`<h4>精算（${s.receivedAt.slice(0, 10)} 受領）</h4>
          <table>
            <tr><th>収納件数</th><td>${s.recordsCollected}件</td><th>取消件数</th><td>${s.reversals}件</td></tr>
            <tr><th>収納総額</th><td>${yen(s.grossYen)}</td><th>収納代行手数料</th><td>−${yen(s.collectionFeeYen)}</td></tr>
            <tr><th>支払予定額</th><td colspan="3"><b>${yen(s.netPayableYen)}</b></td></tr>
          </table>
          <table class="records">
            <tr><th>予約番号</th><th>施設</th><th>状態</th><th>金額</th><th>照合</th></tr>
            ${s.records.map(
              (r) =>
                html`<tr class="${r.match}"><td>${r.providerReference}</td><td>${r.facilityName ?? "—"}</td><td>${STATUS_JA[r.status]}</td><td>${yen(r.amountYen)}</td><td>${MATCH_JA[r.match]}</td></tr>`,
            )}
          </table>`
        : html`<p class="muted">この月の精算はまだ届いていません。</p>`
    }
    ${
      g.unsettled.length
        ? html`<p>精算に含まれていない予約: ${g.unsettled.map((x) => `${x.bookingId}（${x.facilityName} ${yen(x.amountYen)}）`).join("、")}</p>`
        : ""
    }
  </section>`;
}

export function reportPage(r: StaffReport) {
  return staffPage(
    "使用料の照合",
    "report",
    html`<h1>施設使用料の照合（ケーブルテレビ経由の予約）</h1>
<p>月ごと・CATV事業者ごとに、TV経由の有料予約と還付、共通的PFへの報告状況、事業者から届いた精算（収納件数・取消・手数料・支払予定額・明細ごとの収納状況）を突き合わせます。</p>
${r.months.length === 0 ? html`<p class="muted">まだTV経由の有料予約も精算もありません。</p>` : ""}
${r.months.map((m) => html`<h2>${m.month.replace("-", "年")}月</h2>${m.operators.map(operatorSection)}`)}`,
  );
}
