/**
 * @module The staff page (職員向け照合画面), server-rendered Japanese HTML: per month and per operator, the TV
 * channel's usage, the settlement received and each settled record's match with our bookings. Protected by HTTP
 * Basic in app.ts. `GET /staff/report.json` gives the same data as JSON.
 */
import { Hono } from "hono";
import { html, raw } from "hono/html";
import { buildStaffReport, type OperatorMonth } from "../domain/build-staff-report.ts";
import type { FacilityDeps } from "../domain/deps.ts";
import { COUNTER_SERVICE } from "../seed/seed-demo-data.ts";

const yen = (n: number) => `${n.toLocaleString("ja-JP")}円`;
const STATUS_JA = { collected: "収納済", reversed: "取消", uncollected: "未収納" } as const;
const MATCH_JA = { ok: "一致", amount_mismatch: "金額不一致", unknown: "該当予約なし" } as const;

function operatorSection(g: OperatorMonth) {
  const u = g.usage;
  const s = g.settlement;
  return html`<section>
    <h3>${g.operatorName} ${g.operatorName === g.operatorId ? "" : html`<small>${g.operatorId}</small>`}</h3>
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

export function staffRoutes(deps: FacilityDeps) {
  const app = new Hono();
  const report = () => buildStaffReport(deps.store, (serviceId) => serviceId !== COUNTER_SERVICE);

  app.get("/report.json", async (c) => c.json(await report()));

  app.get("/", async (c) => {
    const r = await report();
    return c.html(html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>施設使用料 照合（TV経由）— 施設予約サービス</title>
<style>
${raw(`body{font-family:"Noto Sans CJK JP",sans-serif;margin:2rem;color:#222;max-width:1100px}
h1{font-size:1.4rem}h2{border-bottom:2px solid #2b6cb0;padding-bottom:.2rem;margin-top:2rem}
section{border:1px solid #ccd;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
table{border-collapse:collapse;margin:.4rem 0}th,td{border:1px solid #ccd;padding:.25rem .6rem;text-align:left}
th{background:#f0f4fa;font-weight:normal}small{color:#667}.muted{color:#667}
tr.amount_mismatch td,tr.unknown td{background:#fde8e8}.sample{background:#fff7d6;padding:.4rem .8rem;border-radius:4px}`)}
</style>
</head>
<body>
<h1>施設使用料 照合（ケーブルテレビ経由の予約）</h1>
<p class="sample">サンプルデータ：デモ用の架空の施設・料金・予約です。</p>
<p>月ごと・CATV事業者ごとに、TV経由の有料予約と還付、共通的PFへの報告状況、事業者から届いた精算（収納件数・取消・手数料・支払予定額・明細ごとの収納状況）を突き合わせます。</p>
${r.months.length === 0 ? html`<p class="muted">まだTV経由の有料予約も精算もありません。</p>` : ""}
${r.months.map((m) => html`<h2>${m.month.replace("-", "年")}月</h2>${m.operators.map(operatorSection)}`)}
</body>
</html>`);
  });
  return app;
}
