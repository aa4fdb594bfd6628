/**
 * @module The reception terminal's page shell: the header with the hospital's name and a clock, the screen area the
 * terminal's code draws into, the reader's state, and the boot data the page needs — the firmware bridge's WebSocket
 * URL and per-boot token (as the STB firmware hands its app), the recognition method, the retry poll — in a JSON
 * script element (inert under the CSP; `<` escaped so nothing in it can close the element).
 */
import { html, raw } from "hono/html";
import type { Html } from "./layout.ts";

export interface ReceptionBootData {
  bridge: { wsUrl: string; token: string } | null;
  institutionName: string;
  method: "pinless" | "pin";
  retryPollMs: number;
}

export function receptionPage(boot: ReceptionBootData, script: string): Html {
  const json = JSON.stringify(boot).replace(/</g, "\\u003c");
  return html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>外来受付（マイナ保険証）— ${boot.institutionName}</title>
<link rel="stylesheet" href="/assets/terminal.css">
<script type="module" src="${script}"></script>
</head>
<body class="terminal">
<header class="terminal-header">
  <div class="brand">${boot.institutionName}<small>外来受付 / Reception</small></div>
  <div class="clock" id="clock"></div>
</header>
<main id="screen" aria-live="polite"></main>
<footer class="terminal-footer">
  <span id="reader-state" data-state="unknown">カードリーダー：確認中</span>
  <span>マイナ保険証で受付 / Check in with your My Number card</span>
</footer>
<script type="application/json" id="reception-boot">${raw(json)}</script>
</body>
</html>`;
}
