/**
 * @module The staff login page (受付・医事課の職員): login ID and password, an error in plain Japanese.
 */
import { html } from "hono/html";
import { type Html, page } from "./layout.ts";

export function loginPage(frame: {
  institutionName: string;
  next: string;
  error?: string;
  loginId?: string;
}): Html {
  return page(
    { title: "ログイン", institutionName: frame.institutionName },
    html`<section class="panel login">
  <h1>職員ログイン</h1>
  <p class="muted">受付状況（マイナ保険証）と顧客管理の画面です。</p>
  ${frame.error ? html`<p class="error" role="alert">${frame.error}</p>` : ""}
  <form method="post" action="/login">
    <input type="hidden" name="next" value="${frame.next}">
    <label>ログインID<input name="loginId" autocomplete="username" required value="${frame.loginId ?? ""}" autofocus></label>
    <label>パスワード<input name="password" type="password" autocomplete="current-password" required></label>
    <button class="primary" type="submit">ログイン</button>
  </form>
</section>`,
  );
}

export function errorPage(frame: { institutionName: string; title: string; message: string }): Html {
  return page(
    { title: frame.title, institutionName: frame.institutionName },
    html`<section class="panel"><h1>${frame.title}</h1><p>${frame.message}</p><p><a href="/desk">受付状況へ</a>・<a href="/records">顧客管理へ</a></p></section>`,
  );
}
