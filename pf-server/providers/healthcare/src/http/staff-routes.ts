/**
 * @module The healthcare staff page (Japanese, server-rendered, HTTP Basic in app.ts) and its JSON twin.
 * It shows counts only: no viewer, pairwise ID or health value appears on it.
 */
import { Hono } from "hono";
import { html, raw } from "hono/html";
import { buildStaffReport } from "../domain/build-staff-report.ts";
import type { HealthStore } from "../domain/ports.ts";

export function staffRoutes(store: HealthStore) {
  const app = new Hono();
  app.get("/report.json", async (c) => c.json(await buildStaffReport(store)));
  app.get("/", async (c) => {
    const r = await buildStaffReport(store);
    return c.html(html`<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><title>ヘルスケア情報サービス 利用状況</title>
<style>${raw(`body{font-family:"Noto Sans CJK JP",sans-serif;margin:2rem;color:#222;max-width:1000px}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccd;padding:.3rem .7rem;text-align:left}
th{background:#eef6f0;font-weight:normal}.sample{background:#fff7d6;padding:.4rem .8rem;border-radius:4px}.muted{color:#667}`)}</style>
</head>
<body>
<h1>ヘルスケア情報サービス 利用状況（ケーブルテレビ経由）</h1>
<p class="sample">サンプルデータ：表示される健康情報はすべて架空のものです。この画面には件数のみを表示します。</p>
${r.months.length === 0 ? html`<p class="muted">まだ利用がありません。</p>` : ""}
${r.months.map(
  (m) => html`<h2>${m.month.replace("-", "年")}月</h2>
  <table><tr><th>CATV事業者</th><th>利用申込</th><th>利用停止</th><th>閲覧回数</th></tr>
  ${m.operators.map(
    (o) =>
      html`<tr><td>${o.operatorName}</td><td>${o.enrolment}件</td><td>${o.unenrolment}件</td><td>${o.view}回</td></tr>`,
  )}</table>`,
)}
<h2>精算</h2>
${
  r.settlements.length === 0
    ? html`<p class="muted">このサービスは無料のため、精算はありません。</p>`
    : html`<table><tr><th>月</th><th>CATV事業者</th><th>収納件数</th><th>支払予定額</th></tr>
    ${r.settlements.map((s) => html`<tr><td>${s.month}</td><td>${s.operatorName}</td><td>${s.recordsCollected}件</td><td>${s.netPayableYen.toLocaleString("ja-JP")}円</td></tr>`)}</table>`
}
</body></html>`);
  });
  return app;
}
