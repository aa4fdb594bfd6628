/**
 * @module The one stylesheet of the staff pages and the registration page, served at /static/insurer.css (no inline
 * styles, so the CSP can forbid them). Laid out for a desktop (1366×768 and up); the registration page also for a
 * phone-width window.
 */
export const insurerCss = `
:root { --ink:#1c2630; --muted:#5a6878; --line:#d4dbe3; --bg:#f3f5f8; --brand:#1f6f43; --brand-dark:#14492c;
  --ok:#1d7a3a; --warn:#9a5600; --bad:#b3261e; --card:#fff; --hl:#fff3d6; }
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin:0; font-family: "Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif;
  color:var(--ink); background:var(--bg); line-height:1.6; }
a { color: var(--brand); }
header.top { display:flex; align-items:center; gap:1.25rem; background:var(--brand-dark); color:#fff; padding:.5rem 1.25rem; }
header.top .brand { font-weight:700; font-size:1.05rem; }
header.top .who { margin-left:auto; display:flex; gap:1rem; align-items:center; font-size:.9rem; }
header.top form { margin:0; }
header.top button { background:transparent; color:#fff; border:1px solid #fff8; padding:.2rem .7rem; border-radius:4px; cursor:pointer; }
.shell { display:grid; grid-template-columns: 220px 1fr; min-height: calc(100vh - 44px); }
nav.side { background:#fff; border-right:1px solid var(--line); padding:1rem 0; }
nav.side a { display:flex; justify-content:space-between; padding:.45rem 1.25rem; color:var(--ink); text-decoration:none; }
nav.side a:hover { background:#eef5f0; }
nav.side a.active { background:#e2f0e7; color:var(--brand); font-weight:700; border-left:4px solid var(--brand); padding-left:calc(1.25rem - 4px); }
nav.side .badge { background:var(--bad); color:#fff; border-radius:999px; font-size:.75rem; padding:0 .5rem; }
nav.side .group { color:var(--muted); font-size:.75rem; padding:.8rem 1.25rem .2rem; }
main { padding:1.25rem 1.75rem 3rem; max-width: 1320px; }
h1 { font-size:1.4rem; margin:.2rem 0 1rem; }
h2 { font-size:1.1rem; margin:1.4rem 0 .6rem; }
h3 { font-size:1rem; margin:1rem 0 .4rem; }
.card { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:1rem 1.25rem; margin-bottom:1rem; }
.card > h2:first-child { margin-top:0; }
.grid2 { display:grid; grid-template-columns: 1fr 1fr; gap:1rem; }
.grid4 { display:grid; grid-template-columns: repeat(4, 1fr); gap:1rem; }
.stat { font-size:1.8rem; font-weight:700; }
.stat small { font-size:.85rem; color:var(--muted); font-weight:400; }
table { border-collapse:collapse; width:100%; background:#fff; }
th, td { border-bottom:1px solid var(--line); padding:.45rem .6rem; text-align:left; vertical-align:top; }
th { background:#edf2ef; font-weight:600; font-size:.9rem; white-space:nowrap; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
tr.differ td, td.differ { background:var(--hl); }
tr.error td { background:#fdeeee; }
.muted { color:var(--muted); }
.small { font-size:.85rem; }
.mono { font-family: ui-monospace, "Noto Sans Mono CJK JP", monospace; font-size:.92em; letter-spacing:.02em; }
.nowrap { white-space:nowrap; }
form.inline { display:inline; }
form.search { display:flex; gap:.6rem; align-items:end; flex-wrap:wrap; margin-bottom:.5rem; }
form.search .field { margin:0; }
label { display:block; font-size:.85rem; color:var(--muted); }
label.check { display:flex; gap:.5rem; align-items:flex-start; font-size:1rem; color:var(--ink); margin:.4rem 0; }
label.check input { margin-top:.35rem; }
input, select, textarea { font: inherit; padding:.35rem .5rem; border:1px solid #b6c2ce; border-radius:4px; background:#fff; }
input[type=text], input[type=password], input[type=date], select { min-width: 9rem; }
input:focus-visible, select:focus-visible, button:focus-visible, a:focus-visible, textarea:focus-visible { outline:3px solid #f0b400; outline-offset:2px; }
.field { margin-bottom:.75rem; }
.field input.wide { width: 100%; }
button, .button { font: inherit; background:var(--brand); color:#fff; border:0; border-radius:4px;
  padding:.4rem 1rem; cursor:pointer; text-decoration:none; display:inline-block; }
button.secondary, .button.secondary { background:#fff; color:var(--brand); border:1px solid var(--brand); }
button.danger { background:var(--bad); }
button:disabled { background:#9fb1a6; cursor:not-allowed; }
.actions { display:flex; gap:.6rem; align-items:center; margin:.75rem 0; flex-wrap:wrap; }
.alert { padding:.6rem 1rem; border-radius:4px; margin-bottom:1rem; }
.alert.ok { background:#e5f3ea; color:var(--ok); }
.alert.error { background:#fdeceb; color:var(--bad); }
.alert.warn { background:#fff3de; color:var(--warn); }
.tag { display:inline-block; font-size:.78rem; padding:0 .55rem; border-radius:999px; background:#e7ecf1; white-space:nowrap; }
.tag.ok { background:#e2f2e7; color:var(--ok); }
.tag.warn { background:#fff1d9; color:var(--warn); }
.tag.bad { background:#fde5e3; color:var(--bad); }
.agree { font-weight:700; white-space:nowrap; }
.agree.match { color:var(--ok); }
.agree.differ { color:var(--warn); }
.agree.unknown { color:var(--muted); font-weight:400; }
.tabs { display:flex; gap:.25rem; border-bottom:2px solid var(--line); margin-bottom:1rem; }
.tabs a { padding:.4rem 1rem; text-decoration:none; color:var(--ink); border-radius:4px 4px 0 0; }
.tabs a.active { background:#fff; border:1px solid var(--line); border-bottom:2px solid #fff; margin-bottom:-2px; font-weight:700; color:var(--brand); }
.pager { display:flex; gap:1rem; align-items:center; margin-top:.75rem; }
.login { max-width: 400px; margin: 8vh auto; }
dl.kv { display:grid; grid-template-columns: max-content 1fr; gap:.3rem 1.25rem; margin:0; }
dl.kv dt { color:var(--muted); }
table.compare th:first-child { width: 8rem; }
table.compare td.value { font-size:1.05rem; }
.confirm-box { border:2px solid var(--warn); background:#fffaf0; border-radius:6px; padding:.75rem 1rem; margin:1rem 0; }
.step { display:inline-block; background:var(--brand); color:#fff; border-radius:999px; width:1.6rem; height:1.6rem; text-align:center; line-height:1.6rem; margin-right:.4rem; font-size:.85rem; }
button .step { background:#fff; color:var(--brand); }
/* The registration page of the insurer's site: for the person, larger type. */
body.public { background:#f6f8f6; }
body.public header.site { background:var(--brand-dark); color:#fff; padding:.9rem 1.5rem; font-size:1.15rem; font-weight:700; }
body.public main { max-width: 760px; margin: 0 auto; font-size:1.1rem; }
body.public .card { padding:1.25rem 1.5rem; }
body.public button { font-size:1.1rem; padding:.6rem 1.4rem; }
body.public .status { font-size:1.05rem; padding:.7rem 1rem; border-radius:6px; background:#eef2f5; margin:.75rem 0; }
body.public .status[data-state=ready] { background:#e5f3ea; color:var(--ok); }
body.public .status[data-state=error] { background:#fdeceb; color:var(--bad); }
body.public ol.steps li { margin:.3rem 0; }
.consent { max-height: 14rem; overflow:auto; border:1px solid var(--line); padding:.75rem 1rem; background:#fff; font-size:.95rem; }
`;
