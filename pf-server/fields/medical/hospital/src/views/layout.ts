/**
 * @module The staff pages' frame: the hospital's name, the navigation (受付状況, 顧客管理), the staff member with
 * the logout button (a POST with the session's CSRF token), and the one stylesheet. Scripts only from 'self'.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageFrame {
  title: string;
  institutionName: string;
  current?: "desk" | "records";
  staff?: { displayName: string; csrfToken: string };
  scripts?: string[];
}

export function page(frame: PageFrame, body: Html): Html {
  const link = (href: string, name: "desk" | "records", text: string) =>
    html`<a href="${href}" ${frame.current === name ? html`aria-current="page"` : ""}>${text}</a>`;
  return html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} — ${frame.institutionName}</title>
<link rel="stylesheet" href="/assets/staff.css">
${(frame.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
</head>
<body>
<header class="top">
  <span class="brand">${frame.institutionName} 医事課</span>
  ${
    frame.staff
      ? html`<nav aria-label="メニュー">${link("/desk", "desk", "受付状況")}${link("/records", "records", "顧客管理（患者記録）")}</nav>
  <span>${frame.staff.displayName}</span>
  <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${frame.staff.csrfToken}"><button type="submit">ログアウト</button></form>`
      : html`<nav></nav>`
  }
</header>
<main>
${body}
</main>
</body>
</html>`;
}
