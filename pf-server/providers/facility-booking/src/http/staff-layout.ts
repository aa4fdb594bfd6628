/**
 * @module The frame of every staff page (server-rendered Japanese HTML, no script, nothing loaded from another
 * host): title, the menu between the day view, the fee reconciliation and the audit trail, and the sample-data
 * notice. Dates and times are shown in Japanese, in JST.
 */
import { jstWallClock } from "@catv/contracts/calendar";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { WEEKDAY_JA } from "../domain/calendar.ts";

export type StaffSection = "bookings" | "report" | "audit";

const MENU: { section: StaffSection; href: string; label: string }[] = [
  { section: "bookings", href: "/staff/bookings", label: "予約台帳" },
  { section: "report", href: "/staff", label: "使用料の照合" },
  { section: "audit", href: "/staff/audit", label: "操作記録" },
];

const CSS = `body{font-family:"Noto Sans CJK JP",sans-serif;margin:0;color:#1f2933;background:#f7f9fc}
header{background:#1f4e8c;color:#fff;padding:.8rem 2rem;display:flex;gap:2rem;align-items:center}
header b{font-size:1.15rem}nav a{color:#dce8f8;margin-right:1.2rem;text-decoration:none;padding:.2rem .1rem}
nav a[aria-current=page]{color:#fff;border-bottom:3px solid #ffd166;font-weight:bold}
nav a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible,a:focus-visible{outline:3px solid #ffd166;outline-offset:2px}
main{padding:1rem 2rem 3rem;max-width:1200px}h1{font-size:1.4rem}h2{border-bottom:2px solid #2b6cb0;padding-bottom:.2rem;margin-top:2rem}
section{background:#fff;border:1px solid #ccd;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
table{border-collapse:collapse;margin:.4rem 0;width:100%}th,td{border:1px solid #ccd;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#eef3fa;font-weight:normal}small,.muted{color:#5b6775}
.sample{background:#fff7d6;padding:.4rem .8rem;border-radius:4px}
.ok{background:#e3f4e8;border:1px solid #9bd0a9;padding:.5rem .8rem;border-radius:4px}
.error{background:#fde8e8;border:1px solid #e3a1a1;padding:.5rem .8rem;border-radius:4px}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.85rem;white-space:nowrap}
.free{background:#e3f4e8}.booked{background:#dbe8fb}.stopped{background:#ffe3c2}.dayoff{background:#e5e7eb}
.cancelled{background:#f1f1f1;color:#5b6775;text-decoration:line-through}
tr.was-cancelled td{color:#5b6775;background:#fafafa}
tr.amount_mismatch td,tr.unknown td{background:#fde8e8}
button{font:inherit;padding:.25rem .8rem;border-radius:4px;border:1px solid #1f4e8c;background:#1f4e8c;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f4e8c}input,select,textarea{font:inherit;padding:.2rem .4rem}
details form{display:grid;gap:.4rem;margin-top:.4rem;max-width:28rem}label{display:grid;gap:.1rem}
table.day{table-layout:fixed}td{overflow-wrap:anywhere}.toolbar{display:flex;gap:1rem;align-items:end;flex-wrap:wrap}.toolbar a{align-self:center}`;

export function staffPage(
  title: string,
  section: StaffSection,
  body: HtmlEscapedString | Promise<HtmlEscapedString>,
) {
  return html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>${title} — 施設予約サービス 職員ページ</title>
<style>${raw(CSS)}</style>
</head>
<body>
<header><b>施設予約サービス 職員ページ</b>
<nav aria-label="職員メニュー">${MENU.map(
    (m) =>
      html`<a href="${m.href}"${m.section === section ? raw(' aria-current="page"') : ""}>${m.label}</a>`,
  )}</nav></header>
<main>
<p class="sample">サンプルデータ：デモ用の架空の施設・料金・予約です。</p>
${body}
</main>
</body>
</html>`;
}

export const yen = (n: number) => `${n.toLocaleString("ja-JP")}円`;

/** 2026年12月5日(土) */
export function japaneseDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const day = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return `${y}年${m}月${d}日(${WEEKDAY_JA[day]})`;
}

/** 12月5日 14:03 (JST) */
export function japaneseDateTime(iso: string): string {
  const t = jstWallClock(iso);
  const hh = String(t.getUTCHours()).padStart(2, "0");
  const mm = String(t.getUTCMinutes()).padStart(2, "0");
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${hh}:${mm}`;
}
