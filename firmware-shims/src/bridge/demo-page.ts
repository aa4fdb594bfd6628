/**
 * @module The demo card-control page (`GET /demo`): it stands in for a hand at the STB's card reader (or at a
 * hospital reception terminal's, for the reception bridge). Plain HTML
 * and a little JS; every control is a real button or select with a stable id and a Japanese label, so it works
 * with keyboard and mouse and e2e tests can drive it. State arrives live over Server-Sent Events.
 */
import { type DemoPageTexts, STB_BRIDGE } from "./config.ts";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page; `texts` name the device whose reader it stands in for (the STB's unless a profile says otherwise). */
export function demoPageHtml(texts: DemoPageTexts = STB_BRIDGE.demo): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>カードリーダー操作（デモ）— ${escapeHtml(texts.deviceTitle)}</title>
<style>
  body { font-family: "Noto Sans CJK JP", "Noto Sans JP", sans-serif; margin: 0; background: #f4f6f8; color: #1d2733; }
  header { background: #1d4e89; color: #fff; padding: 16px 24px; }
  header h1 { margin: 0; font-size: 1.4rem; }
  header p { margin: 4px 0 0; opacity: .85; font-size: .9rem; }
  main { max-width: 860px; margin: 24px auto; padding: 0 16px; display: grid; gap: 16px; }
  section { background: #fff; border-radius: 8px; padding: 16px 20px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  h2 { font-size: 1.1rem; margin: 0 0 12px; }
  dl { display: grid; grid-template-columns: 10em 1fr; gap: 6px 12px; margin: 0; }
  dt { color: #5a6776; }
  dd { margin: 0; font-weight: bold; }
  .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-top: 12px; }
  select, button { font: inherit; padding: 8px 14px; border-radius: 6px; border: 1px solid #8a97a6; background: #fff; }
  button { cursor: pointer; background: #1d4e89; color: #fff; border-color: #1d4e89; }
  button.secondary { background: #fff; color: #1d4e89; }
  button:disabled { opacity: .45; cursor: not-allowed; }
  button:focus-visible, select:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  .badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: .9rem; }
  .ok { background: #dff3e4; color: #17612e; } .warn { background: #fff1cc; color: #7a5200; } .bad { background: #fde2e1; color: #8a1c14; }
  table { border-collapse: collapse; width: 100%; font-size: .95rem; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e8ee; }
  #message { min-height: 1.4em; }
</style>
</head>
<body>
<header>
  <h1>カードリーダー操作（デモ）</h1>
  <p>${escapeHtml(texts.lead)}端末ID: <span id="terminal-id">—</span></p>
</header>
<main>
  <section aria-labelledby="reader-heading">
    <h2 id="reader-heading">カードリーダーの状態</h2>
    <dl>
      <dt>リーダー</dt><dd><span id="reader-state" class="badge">—</span></dd>
      <dt>カード</dt><dd><span id="card-state" class="badge">—</span></dd>
      <dt>置かれているカード</dt><dd id="inserted-card">—</dd>
    </dl>
    <div class="row">
      <button id="unplug-reader" type="button" class="secondary">リーダーを取り外す</button>
      <button id="replug-reader" type="button" class="secondary">リーダーを接続する</button>
    </div>
  </section>
  <section aria-labelledby="card-heading">
    <h2 id="card-heading">カードの操作</h2>
    <div class="row">
      <label for="card-select">住民のカード</label>
      <select id="card-select" name="card"></select>
      <button id="insert-card" type="button">カードを置く</button>
      <button id="remove-card" type="button" class="secondary">カードを外す</button>
    </div>
    <p id="no-cards" hidden>カードがまだ発行されていません（J-LIS（模擬）がカードを発行すると、ここに表示されます）。</p>
  </section>
  <section aria-labelledby="cards-heading">
    <h2 id="cards-heading">発行済みカード</h2>
    <table>
      <thead><tr><th scope="col">券面の氏名</th><th scope="col">有効期限</th><th scope="col">利用者証明用暗証番号の残り回数</th><th scope="col">署名用パスワードの残り回数</th></tr></thead>
      <tbody id="card-table"></tbody>
    </table>
  </section>
  <p id="message" role="status" aria-live="polite"></p>
</main>
<script>
(() => {
  const $ = (id) => document.getElementById(id);
  let state = null;
  const slotText = { absent: ["カードなし", "warn"], inactive: ["カードあり（待機中）", "ok"], active: ["カードあり（通信中）", "ok"] };
  function render(next) {
    state = next;
    $("terminal-id").textContent = next.terminalId;
    const reader = next.readers[0];
    const plugged = reader ? reader.plugged : false;
    $("reader-state").textContent = !reader ? "リーダーなし" : plugged ? "接続中" : "取り外し中";
    $("reader-state").className = "badge " + (plugged ? "ok" : "bad");
    $("reader-state").dataset.state = !reader ? "missing" : plugged ? "plugged" : "unplugged";
    const slot = reader ? reader.slot : "absent";
    $("card-state").textContent = slotText[slot][0];
    $("card-state").className = "badge " + slotText[slot][1];
    $("card-state").dataset.state = slot;
    $("inserted-card").textContent = reader && reader.insertedCard ? reader.insertedCard.displayLabel : "—";
    $("inserted-card").dataset.cardId = reader && reader.insertedCard ? reader.insertedCard.cardId : "";
    const select = $("card-select");
    const options = next.cards.map((c) => c.cardId + "=" + c.displayLabel).join("|");
    if (select.dataset.options !== options) {
      // Rebuilt only when the list changed, so an open drop-down is not disturbed by a refresh.
      const chosen = select.value;
      select.replaceChildren(...next.cards.map((c) => new Option(c.displayLabel, c.cardId)));
      if (next.cards.some((c) => c.cardId === chosen)) select.value = chosen;
      select.dataset.options = options;
    }
    $("no-cards").hidden = next.cards.length > 0;
    $("card-table").replaceChildren(...next.cards.map((c) => {
      const tr = document.createElement("tr");
      tr.dataset.cardId = c.cardId;
      for (const text of [c.displayLabel, c.cardExpiresOn, c.counters.authPinRemaining + " 回", c.counters.signPasswordRemaining + " 回"]) {
        const td = document.createElement("td"); td.textContent = text; tr.append(td);
      }
      return tr;
    }));
    $("insert-card").disabled = !plugged || next.cards.length === 0;
    $("remove-card").disabled = !reader || slot === "absent";
    $("unplug-reader").disabled = !reader || !plugged;
    $("replug-reader").disabled = !reader || plugged;
  }
  async function act(path, body, done) {
    $("message").textContent = "";
    try {
      const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body || {}) });
      const json = await response.json();
      if (!response.ok) throw new Error(json.error ? json.error.message : response.statusText);
      render(json);
      $("message").textContent = done;
    } catch (error) {
      $("message").textContent = "操作できませんでした: " + error.message;
    }
  }
  const deviceId = () => (state && state.readers[0] ? state.readers[0].deviceId : undefined);
  $("insert-card").addEventListener("click", () => act("/demo/cards/insert", { deviceId: deviceId(), cardId: $("card-select").value }, "カードを置きました。"));
  $("remove-card").addEventListener("click", () => act("/demo/cards/remove", { deviceId: deviceId() }, "カードを外しました。"));
  $("unplug-reader").addEventListener("click", () => act("/demo/reader/unplug", { deviceId: deviceId() }, "リーダーを取り外しました。"));
  $("replug-reader").addEventListener("click", () => act("/demo/reader/replug", { deviceId: deviceId() }, "リーダーを接続しました。"));
  fetch("/demo/state").then((r) => r.json()).then(render);
  const events = new EventSource("/demo/events");
  events.addEventListener("state", (e) => render(JSON.parse(e.data)));
  // PIN tries change inside the card without a reader event; refresh the table now and then.
  setInterval(() => fetch("/demo/state").then((r) => r.json()).then(render).catch(() => undefined), 5000);
})();
</script>
</body>
</html>
`;
}
