/**
 * @module The registration page of the insurer's web site (参考１－１ ①②): what registering means, the consent text,
 * the 署名用パスワード, and the card read by the person's own reader; the page's script (browser/registration-page.ts)
 * does the card work, and this backend talks to the PF. The page's settings travel as a JSON data block (no inline
 * script: the CSP forbids it).
 */
import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import type { Insurer } from "../domain/ports.ts";
import { Bare } from "./layout.tsx";

export interface RegistrationPageConfig {
  insurerId: string;
  csrfToken: string;
  challengePath: string;
  completePath: string;
  /** The reader software's WebSocket address and token, when this PC has one running. */
  reader: { wsUrl: string; token: string } | null;
}

/** JSON inside a `<script type="application/json">`: `<` escaped so no `</script>` can end the block early. */
const jsonBlock = (value: unknown) => raw(JSON.stringify(value).replaceAll("<", "\\u003c"));

export const RegistrationPage: FC<{
  insurer: Insurer;
  config: RegistrationPageConfig;
  consentVersion: string;
}> = ({ insurer, config, consentVersion }) => (
  <Bare title={`マイナンバーカードの利用登録 | ${insurer.name}`} bodyClass="public">
    <header class="site">{insurer.name}</header>
    <main>
      <h1>マイナンバーカードで資格確認を受けるための利用登録</h1>
      <div class="card">
        <p>
          登録すると、医療機関の受付でマイナンバーカードをカードリーダーにかざすだけで、{insurer.name}
          の資格（有効かどうか、負担割合など）が確認できるようになります。カードを職員に預ける必要はありません。
        </p>
        <ol class="steps">
          <li>下の説明を読んで同意してください。</li>
          <li>署名用電子証明書のパスワード（英数字6〜16文字）を入力してください。</li>
          <li>マイナンバーカードをカードリーダーに置いて「カードを読み取って登録」を押してください。</li>
          <li>登録後、{insurer.name}が被保険者の記録と照合して紐づけます（数日かかることがあります）。</li>
        </ol>
      </div>
      <div class="card">
        <h2>同意事項</h2>
        <div class="consent" tabindex={0} id="consent-text">
          <p>
            1.
            共通的PF（共通プラットフォーム）は、署名用電子証明書を地方公共団体情報システム機構（J-LIS）で確認し、あなた専用の番号（共通的PFID）を発行します。
          </p>
          <p>
            2. 電子証明書に記載された基本4情報（氏名・生年月日・性別・住所）を、{insurer.name}
            に提供します。{insurer.name}は、被保険者の記録との照合（本人の特定）にだけ使います。
          </p>
          <p>
            3. 個人番号（マイナンバー）は読み取りません。電子証明書のシリアル番号は共通的PFの外に出ません。
          </p>
          <p>4. 医療機関で資格確認をするとき、{insurer.name}は共通的PFIDをもとに資格情報を回答します。</p>
          <p class="small">同意文書の版: {consentVersion}</p>
        </div>
        <label class="check">
          <input type="checkbox" id="consent" />
          上記に同意します
        </label>
        <div class="field">
          <label for="sign-password">署名用電子証明書のパスワード（英数字6〜16文字）</label>
          <input id="sign-password" type="password" autocomplete="off" maxLength={16} inputMode="text" />
        </div>
        <p class="status" id="reader-status" data-state="init" role="status" aria-live="polite">
          カードリーダーを確認しています…
        </p>
        <div class="actions">
          <button type="button" id="register" disabled>
            カードを読み取って登録
          </button>
        </div>
        <p class="status" id="result" data-state="idle" role="status" aria-live="polite" hidden />
      </div>
      <p class="muted small">
        パスワードを5回続けて間違えるとロックされ、お住まいの市区町村の窓口で初期化が必要になります。医療機関の窓口でも、職員の案内で登録できます。
      </p>
    </main>
    <script type="application/json" id="registration-config">
      {jsonBlock(config)}
    </script>
    <script type="module" src="/static/registration.js" />
  </Bare>
);

export const RegistrationUnavailablePage: FC<{ title: string; message: string }> = ({ title, message }) => (
  <Bare title={title} bodyClass="public">
    <header class="site">{title}</header>
    <main>
      <div class="card">
        <p>{message}</p>
      </div>
    </main>
  </Bare>
);
