/**
 * @module The administrator console's one stylesheet, served at /admin/static/admin.css (no inline styles, so the
 * CSP can forbid them): the operator console's look, in the PF's own colour so the two are not mistaken.
 */
export const adminCss = `
:root { --ink:#1d2733; --muted:#5b6b7b; --line:#d5dde5; --bg:#f4f6f9; --brand:#5b3d99; --brand-ink:#fff;
  --ok:#1e7b3c; --warn:#a35c00; --bad:#b3261e; --card:#fff; }
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin:0; font-family: "Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif;
  color:var(--ink); background:var(--bg); line-height:1.6; }
a { color: var(--brand); }
a.contract { white-space: nowrap; }
header.top { display:flex; align-items:center; gap:1.5rem; background:#2a1f45; color:#fff; padding:.5rem 1.25rem; }
header.top .brand { font-weight:700; font-size:1.05rem; }
header.top .who { margin-left:auto; display:flex; gap:1rem; align-items:center; font-size:.9rem; }
header.top form { margin:0; }
header.top button { background:transparent; color:#fff; border:1px solid #fff6; padding:.2rem .7rem; border-radius:4px; cursor:pointer; }
.shell { display:grid; grid-template-columns: 210px 1fr; min-height: calc(100vh - 44px); }
nav.side { background:#fff; border-right:1px solid var(--line); padding:1rem 0; }
nav.side a { display:flex; justify-content:space-between; padding:.45rem 1.25rem; color:var(--ink); text-decoration:none; }
nav.side a:hover { background:#f3effa; }
nav.side a.active { background:#ece6f7; color:var(--brand); font-weight:700; border-left:4px solid var(--brand); padding-left:calc(1.25rem - 4px); }
nav.side .badge { background:var(--bad); color:#fff; border-radius:999px; font-size:.75rem; padding:0 .5rem; }
nav.side .group { color:var(--muted); font-size:.75rem; padding:.8rem 1.25rem .2rem; }
main { padding:1.25rem 1.75rem 3rem; max-width: 1280px; }
h1 { font-size:1.4rem; margin:.2rem 0 1rem; }
h2 { font-size:1.1rem; margin:1.5rem 0 .6rem; }
.card { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:1rem 1.25rem; margin-bottom:1rem; }
.grid2 { display:grid; grid-template-columns: 1fr 1fr; gap:1rem; }
.grid3 { display:grid; grid-template-columns: repeat(3, 1fr); gap:1rem; }
.grid4 { display:grid; grid-template-columns: repeat(4, 1fr); gap:1rem; }
.stat { font-size:1.8rem; font-weight:700; }
.stat small { font-size:.85rem; color:var(--muted); font-weight:400; }
table { border-collapse:collapse; width:100%; background:#fff; }
th, td { border-bottom:1px solid var(--line); padding:.45rem .6rem; text-align:left; vertical-align:top; }
th { background:#eef2f6; font-weight:600; font-size:.9rem; white-space:nowrap; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
tr.diff td, tr.diff th { background:#fff6e5; }
td.cancelled { text-decoration: line-through; color: var(--muted); }
.muted { color:var(--muted); }
.mono { font-family: ui-monospace, "Noto Sans Mono CJK JP", monospace; font-size:.9em; }
form.inline { display:inline; }
form.search { display:flex; gap:.5rem; align-items:end; flex-wrap:wrap; margin-bottom:1rem; }
label { display:block; font-size:.85rem; color:var(--muted); }
td label, label.inline { display:inline; font-size:inherit; color:inherit; }
form.confirm label { display:block; font-size:inherit; color:inherit; margin:.6rem 0; }
input, select, textarea { font: inherit; padding:.35rem .5rem; border:1px solid #b8c4d0; border-radius:4px; background:#fff; }
input[type=text], input[type=password], input[type=date], input[type=number], select { min-width: 8rem; }
.field { margin-bottom:.75rem; }
.field input.wide { width: 100%; }
button, .button { font: inherit; background:var(--brand); color:var(--brand-ink); border:0; border-radius:4px;
  padding:.4rem 1rem; cursor:pointer; text-decoration:none; display:inline-block; }
button.secondary, .button.secondary { background:#fff; color:var(--brand); border:1px solid var(--brand); }
button.danger { background:var(--bad); }
.actions { display:flex; gap:.5rem; align-items:center; margin:.75rem 0; flex-wrap:wrap; }
.alert { padding:.6rem 1rem; border-radius:4px; margin-bottom:1rem; }
.alert.ok { background:#e6f4ea; color:var(--ok); }
.alert.error { background:#fdecea; color:var(--bad); }
.alert.warn { background:#fff4e0; color:var(--warn); }
.tag { display:inline-block; font-size:.78rem; padding:0 .5rem; border-radius:999px; background:#e8edf3; }
.tag.linked, .tag.accepted, .tag.active { background:#e6f4ea; color:var(--ok); }
.tag.pending { background:#fff4e0; color:var(--warn); }
.tag.revoked, .tag.closed { background:#fdecea; color:var(--bad); }
.pager { display:flex; gap:1rem; align-items:center; margin-top:.75rem; }
.login { max-width: 380px; margin: 8vh auto; }
.chart svg { width:100%; height:auto; }
.chart text { font-size: 11px; fill: var(--muted); }
.legend { display:flex; gap:1rem; font-size:.85rem; }
.legend span::before { content:""; display:inline-block; width:.8rem; height:.8rem; margin-right:.3rem; vertical-align:middle; background: var(--c); }
.invoice { background:#fff; border:1px solid var(--line); padding:2rem 2.5rem; max-width: 820px; }
.invoice h1 { text-align:center; letter-spacing:.5em; }
.invoice .parties { display:flex; justify-content:space-between; margin-bottom:1.5rem; }
.invoice .total { font-size:1.4rem; font-weight:700; border-bottom:2px solid var(--ink); display:inline-block; padding:0 1rem .2rem 0; }
dl.kv { display:grid; grid-template-columns: max-content 1fr; gap:.3rem 1rem; margin:0; }
dl.kv dt { color:var(--muted); }
.tag.dead, .tag.disabled, .tag.failure { background:#fdecea; color:var(--bad); }
.tag.delivered, .tag.success { background:#e6f4ea; color:var(--ok); }
table + .card, table + h2 { margin-top:1.5rem; }
textarea.wide { width:100%; font-family: ui-monospace, "Noto Sans Mono CJK JP", monospace; font-size:.85rem; }
.tabs { display:flex; gap:.25rem; margin-bottom:1rem; border-bottom:1px solid var(--line); }
.tabs a { padding:.4rem 1rem; text-decoration:none; color:var(--ink); border:1px solid transparent; border-bottom:0; border-radius:4px 4px 0 0; }
.tabs a.active { background:#fff; border-color:var(--line); color:var(--brand); font-weight:700; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline:3px solid #f0a500; outline-offset:2px; }
`;
