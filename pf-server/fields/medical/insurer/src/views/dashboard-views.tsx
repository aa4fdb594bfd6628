/**
 * @module The dashboard: what waits for staff and whether the PF has heard of every link.
 */
import type { FC } from "hono/jsx";
import type { Dashboard } from "../domain/show-dashboard.ts";
import { Layout, type PageContext } from "./layout.tsx";
import { Alert, dateTime } from "./parts.tsx";

export const DashboardPage: FC<{ ctx: PageContext; dashboard: Dashboard }> = ({ ctx, dashboard }) => (
  <Layout ctx={ctx} title="ダッシュボード">
    {dashboard.refusedByPf.length > 0 && (
      <Alert kind="error">
        共通的PFが受け付けなかった紐づけ状態があります（{dashboard.refusedByPf.length}
        件）。共通的PFIDを確認してください:{" "}
        {dashboard.refusedByPf.map((e) => (
          <>
            <a class="mono" href={`/intake/${e.accountId}`}>
              {e.accountId}
            </a>{" "}
          </>
        ))}
      </Alert>
    )}
    <div class="grid4">
      <div class="card">
        <div class="muted">紐づけ待ち</div>
        <div class="stat" id="count-pending">
          {dashboard.intake.pending}
          <small> 件</small>
        </div>
        <a href="/intake?view=pending">受付一覧へ</a>
      </div>
      <div class="card">
        <div class="muted">4情報の変更（要確認）</div>
        <div class="stat">
          {dashboard.intake.review}
          <small> 件</small>
        </div>
        <a href="/intake?view=review">確認する</a>
      </div>
      <div class="card">
        <div class="muted">共通的PFへの送信待ち</div>
        <div class="stat">
          {dashboard.owedToPf}
          <small> 件</small>
        </div>
        <span class="muted small">届くまで自動で再送します</span>
      </div>
      <div class="card">
        <div class="muted">本日の資格確認</div>
        <div class="stat">
          {dashboard.eligibilityToday}
          <small> 件</small>
        </div>
        <a href="/eligibility-log">照会履歴へ</a>
      </div>
    </div>
    <div class="card">
      <dl class="kv">
        <dt>受付（全件）</dt>
        <dd>
          {dashboard.intake.all}件（紐づけ済 {dashboard.intake.linked}件・失効 {dashboard.intake.revoked}件）
        </dd>
        <dt>被保険者</dt>
        <dd>{dashboard.persons.toLocaleString("ja-JP")}人</dd>
        {dashboard.refusedByPf[0] && (
          <>
            <dt>最後の送信エラー</dt>
            <dd>
              {dateTime(dashboard.refusedByPf[0].doneAt)}（{dashboard.refusedByPf[0].lastError}）
            </dd>
          </>
        )}
      </dl>
    </div>
  </Layout>
);
