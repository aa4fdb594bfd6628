/**
 * @module The phone app's page (`GET /phone`), standing in for the native app a viewer would install: opened by the
 * TV's QR code (or by typing the user code), it shows who is asking, takes the PIN on its own keypad, reads the card
 * held to the phone, and answers the PF. Mobile-first (390×844), touch targets of 56 px and more, Japanese. It talks
 * to the PF directly (`/v1/cross-device/*`) and to its own "NFC" (`/phone/api/*`, the simulated contactless reader).
 * Built with the DOM API and `textContent` only: the TV's name comes from the household's STB and is never HTML.
 */

export function phonePageHtml(pfUrl: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#0b5cad">
<title>マイナンバーカードでテレビにログイン</title>
<style>
  :root { --blue: #0b5cad; --ink: #17202b; --sub: #566372; --bg: #f2f5f9; --bad: #a3251b; --ok: #17612e; }
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; }
  body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", sans-serif; background: var(--bg); color: var(--ink);
    font-size: 17px; line-height: 1.6; -webkit-tap-highlight-color: transparent; }
  header { background: var(--blue); color: #fff; padding: 14px 20px; }
  header h1 { margin: 0; font-size: 1.05rem; font-weight: 700; }
  header p { margin: 2px 0 0; font-size: .8rem; opacity: .85; }
  main { padding: 18px 18px 32px; max-width: 520px; margin: 0 auto; }
  h2 { font-size: 1.3rem; margin: 4px 0 12px; }
  .card { background: #fff; border-radius: 14px; padding: 16px 18px; box-shadow: 0 1px 4px rgba(0,0,0,.1); margin-bottom: 16px; }
  dl { margin: 0; display: grid; grid-template-columns: 6.5em 1fr; gap: 6px 10px; }
  dt { color: var(--sub); font-size: .9rem; } dd { margin: 0; font-weight: 700; word-break: break-all; }
  .code { font-size: 2.1rem; letter-spacing: .12em; font-weight: 800; text-align: center; font-family: "Noto Sans Mono CJK JP", monospace;
    background: #eaf2fc; border-radius: 10px; padding: 8px 0; margin: 8px 0; }
  .note { color: var(--sub); font-size: .92rem; }
  .warn { background: #fff4d6; border-left: 5px solid #d99a00; padding: 10px 12px; border-radius: 8px; font-size: .95rem; }
  .error { background: #fde6e4; border-left: 5px solid var(--bad); padding: 12px; border-radius: 8px; color: #5e130d; }
  .ok { color: var(--ok); }
  button { font: inherit; font-weight: 700; min-height: 56px; border-radius: 12px; border: 2px solid var(--blue); cursor: pointer;
    touch-action: manipulation; }
  button.primary { background: var(--blue); color: #fff; width: 100%; font-size: 1.1rem; }
  button.secondary { background: #fff; color: var(--blue); width: 100%; }
  button:disabled { opacity: .45; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  .buttons { display: grid; gap: 12px; margin-top: 16px; }
  input[type=text], input[type=password] { font: inherit; font-size: 1.5rem; width: 100%; padding: 10px 12px; border-radius: 10px;
    border: 2px solid #8a97a6; letter-spacing: .08em; }
  .dots { display: flex; justify-content: center; gap: 18px; margin: 10px 0 18px; }
  .dots span { width: 22px; height: 22px; border-radius: 50%; border: 3px solid var(--blue); }
  .dots span.filled { background: var(--blue); }
  .keypad { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; }
  .keypad button { background: #fff; color: var(--ink); border-color: #c5cfdb; font-size: 1.6rem; min-height: 64px; }
  .keypad button.fn { font-size: 1rem; color: var(--blue); }
  .phone-back { width: 170px; height: 110px; margin: 8px auto 4px; border-radius: 14px; border: 3px dashed var(--blue);
    display: flex; align-items: center; justify-content: center; color: var(--blue); font-weight: 700; text-align: center; font-size: .9rem; }
  .sim { border: 2px dashed #8a97a6; border-radius: 12px; padding: 12px; background: #fafbfc; margin-top: 14px; }
  .sim h3 { margin: 0 0 6px; font-size: .95rem; color: var(--sub); }
  .sim .cards { display: grid; gap: 8px; }
  .sim button { min-height: 48px; background: #fff; color: var(--ink); border-color: #8a97a6; text-align: left; padding: 6px 12px; }
  .sim label { display: flex; gap: 8px; align-items: center; font-size: .9rem; margin-top: 8px; }
  .spinner { width: 48px; height: 48px; border: 6px solid #cfe0f5; border-top-color: var(--blue); border-radius: 50%;
    margin: 18px auto; animation: spin 1s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  .timer { text-align: right; color: var(--sub); font-size: .9rem; }
  .big-check { font-size: 3.2rem; text-align: center; margin: 6px 0; color: var(--ok); }
</style>
</head>
<body data-pf-url="${encodeURI(pfUrl)}">
<header>
  <h1>マイナンバーカードでテレビにログイン</h1>
  <p>スマートフォン用アプリ（模擬） / Phone app (simulated)</p>
</header>
<main id="app" aria-live="polite"></main>
<script>
"use strict";
const PF = document.body.dataset.pfUrl.replace(/\\/$/, "");
const app = document.getElementById("app");
const phoneId = sessionStorage.getItem("phoneId") || crypto.randomUUID();
sessionStorage.setItem("phoneId", phoneId);
const PURPOSE = { login: "テレビへのログイン", registration: "利用者登録", "step-up": "お支払いの確認（暗証番号）" };
const s = { userCode: "", info: null, confirmed: null, pin: "", password: "", notice: "", lastAction: null, cards: [], pullDuring: false, timer: 0 };

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick") el.addEventListener("click", v);
    else if (k === "class") el.className = v;
    else if (v !== false && v !== undefined) el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}
function show(...nodes) { app.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined)); const f = app.querySelector("[autofocus]"); if (f) f.focus(); }
const jstTime = (iso) => new Date(iso).toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" });
function remaining() {
  if (!s.info) return "";
  const left = Math.max(0, Math.floor((new Date(s.info.expiresAt).getTime() - Date.now()) / 1000));
  return "有効期限まで あと " + Math.floor(left / 60) + "分" + String(left % 60).padStart(2, "0") + "秒";
}
function timerLine() { return h("p", { class: "timer", id: "timer" }, remaining()); }
setInterval(() => { const t = document.getElementById("timer"); if (t) t.textContent = remaining(); }, 1000);

class NetworkLost extends Error {}
async function call(url, body) {
  let res;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch { throw new NetworkLost(); }
  const json = await res.json().catch(() => ({}));
  if (!res.ok) { const e = new Error(json.error?.code || "http_" + res.status); e.code = json.error?.code; e.detail = json.error; throw e; }
  return json;
}
const pf = (path, body) => call(PF + path, body);
const nfc = (path, body) => call("/phone/api/" + path, { phoneId, ...body });

const CLOSED = {
  cross_device_request_expired: "この依頼は有効期限が切れました。テレビで「新しいコード」を表示して、読み取り直してください。",
  cross_device_request_used: "この依頼はすでに完了しています。",
  cross_device_request_cancelled: "テレビ側で取り消されました。もう一度テレビから始めてください。",
  cross_device_request_locked: "確認に失敗した回数が多いため、この依頼は使えなくなりました。テレビで新しいコードを表示してください。",
  cross_device_request_claimed: "この依頼は別のスマートフォンで手続き中です。ご自分で始めた依頼でなければ、何もしないでください。",
  cross_device_user_code_unknown: "コードが見つかりません。テレビに表示されている8文字を確かめてください。",
  cross_device_too_many_attempts: "コードの入力誤りが続いたため、しばらく受け付けません。時間をおいてお試しください。",
  cross_device_answer_wrong_request: "この依頼には応答できません。テレビからやり直してください。",
  card_not_registered: "このカードは利用者登録されていません。テレビで「利用者登録」を選んでください。",
  viewer_of_other_operator: "このカードは別のケーブルテレビ事業者で登録されています。",
  certificate_revoked: "このカードの電子証明書は失効しています。市区町村の窓口にお問い合わせください。",
  certificate_expired: "このカードの電子証明書は有効期限が切れています。",
  signature_invalid: "カードの確認に失敗しました。もう一度お試しください。",
  forbidden: "テレビでログインしている方のカードではありません。",
  revocation_unavailable: "ただいま確認できません。しばらくしてからお試しください。",
};

function errorScreen(message, actions) {
  show(h("h2", {}, "手続きできませんでした"), h("div", { class: "error", role: "alert", id: "error-message" }, message),
    h("div", { class: "buttons" }, actions || []));
}
function networkLost(retry) {
  s.lastAction = retry;
  show(h("h2", {}, "通信できません"),
    h("div", { class: "error", role: "alert", id: "error-message" }, "インターネットに接続できません。電波のよい場所で「もう一度」を押してください。入力した内容は消えていません。"),
    h("div", { class: "buttons" }, h("button", { class: "primary", id: "retry", onclick: () => retry() }, "もう一度")));
}
function fail(e, retry) {
  if (e instanceof NetworkLost) return networkLost(retry);
  const msg = CLOSED[e.code] || "エラーが発生しました（" + (e.code || "unknown") + "）。テレビからやり直してください。";
  errorScreen(msg);
}

function enterScreen(message) {
  const input = h("input", { type: "text", id: "user-code", inputmode: "latin", autocomplete: "off", autocapitalize: "characters",
    placeholder: "XXXX-XXXX", maxlength: "9", "aria-label": "テレビに表示されたコード", autofocus: true });
  input.value = s.userCode;
  show(h("h2", {}, "コードを入力"),
    h("p", {}, "テレビに表示されている8文字のコードを入力してください。"),
    message ? h("div", { class: "error", role: "alert", id: "error-message" }, message) : null,
    input,
    h("div", { class: "buttons" }, h("button", { class: "primary", id: "lookup", onclick: () => { s.userCode = input.value; lookup(); } }, "次へ")));
}

async function lookup() {
  show(h("div", { class: "spinner" }), h("p", { style: "text-align:center" }, "確認しています…"));
  try {
    s.info = await pf("/v1/cross-device/lookup", { userCode: s.userCode });
    confirmScreen();
  } catch (e) {
    if (e.code === "cross_device_user_code_unknown" || e.code === "validation_failed") return enterScreen(CLOSED.cross_device_user_code_unknown);
    fail(e, lookup);
  }
}

function confirmScreen() {
  const i = s.info;
  show(h("h2", {}, "このテレビからの依頼ですか？"),
    h("div", { class: "card", id: "request-info" },
      h("dl", {},
        h("dt", {}, "事業者"), h("dd", { id: "operator-name" }, i.operatorName),
        h("dt", {}, "テレビ"), h("dd", { id: "terminal-label" }, i.terminalLabel),
        h("dt", {}, "手続き"), h("dd", { id: "purpose" }, PURPOSE[i.purpose] || i.purpose),
        h("dt", {}, "依頼時刻"), h("dd", {}, jstTime(i.requestedAt))),
      h("div", { class: "code", id: "shown-code" }, i.userCode),
      h("p", { class: "note" }, "テレビの画面に同じコードが表示されていることを確かめてください。")),
    h("div", { class: "warn" }, "ご自分でテレビから始めた手続きでなければ「いいえ」を押してください。他人から送られたQRコードやコードでは手続きしないでください。"),
    timerLine(),
    h("div", { class: "buttons" },
      h("button", { class: "primary", id: "confirm", onclick: confirm, autofocus: true }, "はい、続けます"),
      h("button", { class: "secondary", id: "decline", onclick: declined }, "いいえ")));
}
function declined() {
  s.info = null;
  show(h("h2", {}, "中止しました"), h("p", {}, "何も送信していません。このページを閉じてください。"));
}

async function confirm() {
  show(h("div", { class: "spinner" }));
  try {
    s.confirmed = await pf("/v1/cross-device/confirm", { userCode: s.userCode });
    if (s.confirmed.purpose === "registration") consentScreen(); else pinScreen();
  } catch (e) { fail(e, confirm); }
}

function consentScreen() {
  show(h("h2", {}, "利用者登録への同意"),
    h("div", { class: "card" },
      h("p", {}, "登録のため、署名用電子証明書に記録された基本4情報（氏名・住所・生年月日・性別）を、" + s.info.operatorName + " に一度だけ提供します。"),
      h("p", { class: "note" }, "個人番号（マイナンバー）は読み取りません。")),
    timerLine(),
    h("div", { class: "buttons" },
      h("button", { class: "primary", id: "consent", onclick: passwordScreen, autofocus: true }, "同意して次へ"),
      h("button", { class: "secondary", id: "decline", onclick: declined }, "同意しない")));
}

function passwordScreen(message) {
  const input = h("input", { type: "password", id: "sign-password", autocomplete: "off", autocapitalize: "characters",
    "aria-label": "署名用電子証明書のパスワード", autofocus: true, maxlength: "16" });
  show(h("h2", {}, "署名用パスワード"),
    h("p", {}, "英大文字と数字 6〜16 文字のパスワードを入力してください。"),
    typeof message === "string" ? h("div", { class: "error", role: "alert", id: "error-message" }, message) : null,
    input, timerLine(),
    h("div", { class: "buttons" }, h("button", { class: "primary", id: "password-next", onclick: () => {
      s.password = input.value.toUpperCase();
      if (!/^[A-Z0-9]{6,16}$/.test(s.password)) return passwordScreen("6〜16文字の英大文字と数字で入力してください。");
      touchScreen();
    } }, "次へ")));
}

function pinScreen(message) {
  s.pin = "";
  const dots = h("div", { class: "dots", id: "pin-dots", "aria-label": "入力済みの桁数" }, [0, 1, 2, 3].map(() => h("span")));
  const refresh = () => dots.querySelectorAll("span").forEach((d, n) => d.classList.toggle("filled", n < s.pin.length));
  const press = (digit) => { if (s.pin.length < 4) { s.pin += digit; refresh(); } if (s.pin.length === 4) setTimeout(touchScreen, 150); };
  const keys = ["1","2","3","4","5","6","7","8","9"].map((d) => h("button", { id: "key-" + d, onclick: () => press(d) }, d));
  show(h("h2", {}, "暗証番号（数字4桁）"),
    h("p", {}, "利用者証明用電子証明書の暗証番号を入力してください。"),
    typeof message === "string" ? h("div", { class: "error", role: "alert", id: "error-message" }, message) : null,
    dots,
    h("div", { class: "keypad", id: "keypad" }, keys,
      h("button", { class: "fn", id: "key-clear", onclick: () => { s.pin = ""; refresh(); } }, "消去"),
      h("button", { id: "key-0", onclick: () => press("0") }, "0"),
      h("button", { class: "fn", id: "key-back", onclick: () => { s.pin = s.pin.slice(0, -1); refresh(); } }, "1字消す")),
    timerLine());
}

async function touchScreen(message) {
  const list = h("div", { class: "cards", id: "sim-cards" });
  const pull = h("input", { type: "checkbox", id: "sim-pull" });
  pull.checked = s.pullDuring;
  pull.addEventListener("change", () => { s.pullDuring = pull.checked; });
  show(h("h2", {}, "カードをかざしてください"),
    typeof message === "string" ? h("div", { class: "error", role: "alert", id: "error-message" }, message) : null,
    h("div", { class: "phone-back", "aria-hidden": "true" }, "スマートフォンの背面に", h("br"), "カードを重ねる"),
    h("p", {}, "マイナンバーカードをスマートフォンの背面に重ね、読み取りが終わるまで動かさないでください。"),
    timerLine(),
    h("section", { class: "sim", "aria-label": "模擬NFC" },
      h("h3", {}, "模擬NFC：かざすカードを選ぶ（実機ではカードを重ねるだけです）"), list,
      h("label", {}, pull, "読み取り中にカードを離す（模擬）")),
    h("div", { class: "buttons" }, h("button", { class: "secondary", id: "back-to-pin", onclick: () => s.confirmed.purpose === "registration" ? passwordScreen() : pinScreen() }, "暗証番号を入力し直す")));
  try {
    s.cards = await fetch("/phone/api/cards").then((r) => r.json());
  } catch { return networkLost(() => touchScreen(message)); }
  list.replaceChildren(...s.cards.map((c) => h("button", { "data-card-id": c.cardId, onclick: () => readCard(c.cardId) }, c.displayLabel)));
}

async function readCard(cardId) {
  show(h("div", { class: "spinner" }), h("h2", { style: "text-align:center", id: "reading" }, "読み取り中です"),
    h("p", { style: "text-align:center" }, "カードを動かさないでください。"));
  try {
    await nfc("nfc/touch", { cardId });
    if (s.pullDuring) await nfc("nfc/faults", { pullOnNextCommand: true });
    // A fresh challenge for this read: a slow PIN entry never meets an expired one.
    const fresh = await pf("/v1/cross-device/confirm", { userCode: s.userCode, phoneToken: s.confirmed.phoneToken });
    s.confirmed = fresh;
    const reg = fresh.purpose === "registration";
    const signed = reg
      ? await nfc("card/sign-registration", { toBeSigned: fresh.toBeSigned, signPassword: s.password })
      : await nfc("card/sign-login", { toBeSigned: fresh.toBeSigned, pin: s.pin });
    const answer = reg
      ? { purpose: "registration", requestId: fresh.requestId, phoneToken: fresh.phoneToken, ...signed,
          consent: { textVersion: "2026-04", acceptedAt: new Date().toISOString() } }
      : { purpose: fresh.purpose, requestId: fresh.requestId, phoneToken: fresh.phoneToken, ...signed };
    s.pin = ""; s.password = "";
    await submit(answer);
  } catch (e) { cardFailed(e, cardId); }
}

async function submit(answer) {
  try {
    await pf("/v1/cross-device/answer", answer);
    show(h("div", { class: "big-check", "aria-hidden": "true" }, "✓"), h("h2", { style: "text-align:center", id: "done" }, "完了しました"),
      h("p", { style: "text-align:center" }, "テレビの画面をご覧ください。カードをスマートフォンから離してください。"));
    nfc("nfc/pull", {}).catch(() => undefined);
  } catch (e) {
    if (e instanceof NetworkLost) return networkLost(() => submit(answer));
    cardFailed(e);
  }
}

function cardFailed(e, cardId) {
  const code = e.code;
  if (e instanceof NetworkLost) return networkLost(() => readCard(cardId));
  if (code === "pin_incorrect") {
    const left = e.detail?.triesLeft;
    const reg = s.confirmed.purpose === "registration";
    const text = (reg ? "パスワード" : "暗証番号") + "が違います。" + (left !== undefined ? "あと" + left + "回間違えるとロックされます。" : "");
    return reg ? passwordScreen(text) : pinScreen(text);
  }
  if (code === "pin_blocked")
    return errorScreen("暗証番号がロックされています。お住まいの市区町村の窓口で解除してください。テレビは「戻る」で元の画面に戻れます。");
  if (code === "card_removed" || code === "no_card")
    return touchScreen("カードが離れました。もう一度カードをかざし、読み取りが終わるまで動かさないでください。");
  if (code === "reader_busy") return touchScreen("読み取り中です。少しお待ちください。");
  if (code === "not_my_number_card") return touchScreen("マイナンバーカードを読み取れませんでした。もう一度かざしてください。");
  if (code === "signature_invalid") return touchScreen(CLOSED.signature_invalid);
  fail(e, () => readCard(cardId));
}

const fromQr = new URLSearchParams(location.search).get("code");
if (fromQr) { s.userCode = fromQr; lookup(); } else enterScreen();
</script>
</body>
</html>`;
}
