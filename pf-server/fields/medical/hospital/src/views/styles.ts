/**
 * @module The two stylesheets, served from `/assets/` (CSP allows styles from 'self' only): the reception terminal's
 * (large type for patients at arm's length, touch targets of at least 72 px, high contrast) and the staff pages'
 * (the desk screen and 顧客管理, dense but legible, with print CSS for a record).
 */

const fonts = `"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif`;

export const terminalCss = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body.terminal { font-family: ${fonts}; background: #eef3f7; color: #14212e; display: grid;
  grid-template-rows: 84px 1fr 56px; min-height: 100vh; }
.terminal-header { background: #0f4c81; color: #fff; display: flex; align-items: center; justify-content: space-between;
  padding: 0 36px; }
.terminal-header .brand { font-size: 30px; font-weight: 700; letter-spacing: .04em; }
.terminal-header .brand small { font-size: 20px; font-weight: 400; margin-left: 16px; opacity: .85; }
.terminal-header .clock { font-size: 28px; font-variant-numeric: tabular-nums; }
main#screen { display: flex; align-items: center; justify-content: center; padding: 20px 48px; }
.screen { width: 100%; max-width: 1120px; display: flex; flex-direction: column; align-items: center; gap: 20px;
  text-align: center; }
.message h1 { font-size: 44px; line-height: 1.35; margin: 0; font-weight: 700;
  /* Japanese breaks by phrase (BudouX in Chromium), and two lines of even length: never 「ん。」 alone below. */
  word-break: auto-phrase; text-wrap: balance; }
.message .en { font-size: 22px; color: #3d5266; margin: 10px 0 0; }
.hint { font-size: 24px; line-height: 1.5; margin: 0; color: #24384c; display: flex; flex-direction: column; gap: 4px; }
.hint .en { font-size: 18px; color: #4a5f73; }
.tone-ok .message h1 { color: #0b6b35; }
.tone-warn .message h1 { color: #8a5300; }
.tone-bad .message h1 { color: #a1160f; }
.code { font-size: 15px; color: #5b6d7e; margin: 0; }
.illustration.badge { width: 120px; height: 120px; border-radius: 50%; display: grid; place-items: center;
  font-size: 76px; font-weight: 700; color: #fff; }
/* The done screen also shows the 診察券番号: a smaller badge keeps it within the terminal's 800 px. */
.screen:has(.patient-number) .illustration.badge { width: 96px; height: 96px; font-size: 60px; }
.illustration.badge.ok { background: #12884a; }
.illustration.badge.warn { background: #d98b00; }
.illustration.badge.bad { background: #c62118; }
.illustration.spinner { width: 96px; height: 96px; border-radius: 50%; border: 12px solid #c9d7e4;
  border-top-color: #0f4c81; animation: spin 1.1s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
.card-on-reader { position: relative; width: 360px; height: 190px; }
.card-on-reader .reader { position: absolute; bottom: 0; left: 20px; width: 320px; height: 70px; background: #2c3e50;
  border-radius: 14px; box-shadow: 0 6px 0 #1b2733; }
.card-on-reader .card { position: absolute; top: 6px; left: 70px; width: 220px; height: 136px; border-radius: 12px;
  background: linear-gradient(135deg, #f9d8e6, #e9f1fb); border: 2px solid #b3c3d4; display: grid; place-items: center;
  font-size: 20px; color: #4b5d70; animation: bob 2.2s ease-in-out infinite; }
@keyframes bob { 50% { transform: translateY(22px); } }
.patient-number { background: #fff; border: 3px solid #0f4c81; border-radius: 16px; padding: 10px 36px;
  display: grid; gap: 2px; }
.patient-number .label { font-size: 20px; color: #24384c; }
.patient-number .value { font-size: 48px; font-weight: 700; letter-spacing: .08em; font-variant-numeric: tabular-nums; }
.patient-number .en { font-size: 15px; color: #4a5f73; }
.actions { display: flex; gap: 24px; justify-content: center; flex-wrap: wrap; width: 100%; }
.actions.list { flex-direction: column; align-items: center; }
.actions.list .big-button { width: 720px; }
.big-button { min-width: 320px; min-height: 96px; border-radius: 18px; border: 3px solid #0f4c81; font: inherit;
  display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 2px; cursor: pointer;
  padding: 8px 28px; }
.big-button .ja { font-size: 32px; font-weight: 700; }
.big-button .en { font-size: 17px; }
.big-button.primary { background: #0f4c81; color: #fff; }
.big-button.secondary { background: #fff; color: #0f4c81; }
.big-button:disabled { opacity: .4; cursor: not-allowed; }
button:focus-visible { outline: 6px solid #f2a900; outline-offset: 4px; }
.screen.compact { gap: 12px; }
.screen.compact .message h1 { font-size: 34px; }
.screen.compact .message .en { font-size: 18px; margin-top: 4px; }
.screen.layout-pin { flex-direction: row; justify-content: center; align-items: center; gap: 64px; text-align: left; }
.pin-side { display: flex; flex-direction: column; gap: 18px; max-width: 560px; }
.pin-side .message h1 { font-size: 38px; }
.pin-side .actions { justify-content: flex-start; }
.pin-side .entry { align-self: flex-start; }
.pin-grid .key { min-height: 96px; font-size: 40px; }
.keypad { display: flex; flex-direction: column; align-items: center; gap: 14px; }
.entry { font-size: 48px; letter-spacing: .3em; min-height: 64px; min-width: 360px; background: #fff; border-radius: 12px;
  border: 2px solid #9fb2c4; padding: 4px 24px; }
.pin-grid { display: grid; grid-template-columns: repeat(3, 128px); gap: 14px; }
.key { min-height: 72px; font: inherit; font-size: 34px; font-weight: 700; border-radius: 14px; border: 2px solid #0f4c81;
  background: #fff; color: #0f4c81; cursor: pointer; }
.key.small { min-width: 76px; min-height: 64px; font-size: 28px; }
.key.primary { background: #0f4c81; color: #fff; font-size: 28px; }
.key.secondary { font-size: 26px; }
.key:disabled { opacity: .4; }
.key-row { display: flex; gap: 8px; justify-content: center; }
.actions.three .big-button { min-width: 220px; min-height: 80px; }
.tries { font-size: 22px; color: #8a5300; margin: 0; font-weight: 700; }
.consent-text { max-width: 960px; background: #fff; border-radius: 14px; padding: 12px 28px; text-align: left; }
.consent-text .ja { font-size: 22px; line-height: 1.6; }
.consent-text .en { font-size: 16px; color: #4a5f73; }
.terminal-footer { display: flex; align-items: center; justify-content: space-between; padding: 0 36px;
  background: #dde6ee; font-size: 18px; color: #34495e; }
.terminal-footer [data-state="no-reader"] { color: #a1160f; font-weight: 700; }
`;

export const staffCss = `
* { box-sizing: border-box; }
body { margin: 0; font-family: ${fonts}; background: #f3f5f8; color: #18242f; font-size: 15px; }
a { color: #0f4c81; }
.top { background: #123b5e; color: #fff; display: flex; align-items: center; gap: 28px; padding: 0 24px; height: 56px; }
.top .brand { font-weight: 700; font-size: 18px; }
.top nav { display: flex; gap: 18px; flex: 1; }
.top nav a { color: #dbe8f4; text-decoration: none; padding: 6px 4px; border-bottom: 3px solid transparent; }
.top nav a[aria-current="page"] { color: #fff; border-bottom-color: #f2a900; }
.top form { margin: 0; }
.top button { background: transparent; color: #fff; border: 1px solid #9fb8cf; border-radius: 6px; padding: 4px 12px;
  font: inherit; cursor: pointer; }
main { padding: 20px 24px 40px; max-width: 1400px; margin: 0 auto; display: grid; gap: 18px; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 17px; margin: 0 0 10px; }
.panel { background: #fff; border-radius: 10px; padding: 16px 18px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.grid-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
.terminals { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 18px; }
.result { border-left: 10px solid #8aa0b4; padding-left: 14px; }
.result.ok { border-color: #12884a; } .result.warn { border-color: #d98b00; } .result.bad { border-color: #c62118; }
.result .headline { font-size: 26px; font-weight: 700; margin: 0 0 4px; }
.result.ok .headline { color: #0b6b35; } .result.warn .headline { color: #8a5300; } .result.bad .headline { color: #a1160f; }
.result .action { background: #fff6e0; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.result.bad .action { background: #fdeceb; }
dl.facts { display: grid; grid-template-columns: 10.5em 1fr; gap: 4px 12px; margin: 8px 0; }
dl.facts dt { color: #5a6b7b; }
dl.facts dd { margin: 0; font-weight: 600; }
.big { font-size: 22px; }
.badge { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 13px; font-weight: 700; }
.badge.ok { background: #def3e6; color: #0b6b35; } .badge.warn { background: #fff0cc; color: #7a4a00; }
.badge.bad { background: #fde0de; color: #8f130c; } .badge.neutral { background: #e6ecf2; color: #34495e; }
.warning { background: #fff0cc; color: #6b4100; border-radius: 6px; padding: 6px 10px; margin: 6px 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid #e2e8ee; vertical-align: top; }
th { color: #4a5b6b; font-weight: 600; background: #f7f9fb; }
.muted { color: #66788a; font-size: 13px; }
form.search { display: flex; gap: 10px; align-items: end; flex-wrap: wrap; }
label { display: grid; gap: 4px; font-size: 13px; color: #4a5b6b; }
input, select { font: inherit; padding: 7px 10px; border: 1px solid #9fb0c0; border-radius: 6px; min-width: 14em; }
button.primary { background: #0f4c81; color: #fff; border: 0; border-radius: 6px; padding: 9px 18px; font: inherit;
  cursor: pointer; }
button.secondary { background: #fff; color: #0f4c81; border: 1px solid #0f4c81; border-radius: 6px; padding: 8px 16px;
  font: inherit; cursor: pointer; }
button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.login { max-width: 420px; margin: 80px auto; }
.login form { display: grid; gap: 14px; }
.error { background: #fde0de; color: #8f130c; border-radius: 6px; padding: 8px 12px; }
.qualification { border: 1px solid #d5dee7; border-radius: 8px; padding: 10px 14px; margin: 8px 0; }
.qualification h3 { margin: 0 0 6px; font-size: 15px; }
@media print { .top, form, button { display: none; } body { background: #fff; } .panel { box-shadow: none; } }
`;
