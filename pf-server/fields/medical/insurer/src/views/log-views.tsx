/**
 * @module The records: 資格確認の照会履歴 (what the PF asked and what was answered) and the audit log (admins).
 */
import type { FC } from "hono/jsx";
import type { AuditEntry, EligibilityRequestRecord, Page } from "../domain/ports.ts";
import { Layout, type PageContext } from "./layout.tsx";
import { dateJa, dateTime, Pager, validityLabel } from "./parts.tsx";

export const EligibilityLogPage: FC<{
  ctx: PageContext;
  page: Page<EligibilityRequestRecord>;
  offset: number;
  limit: number;
}> = ({ ctx, page, offset, limit }) => (
  <Layout ctx={ctx} title="資格確認の照会履歴">
    <p class="muted">
      医療機関の窓口からの資格確認（共通的PF経由）に、資格確認データ受付サーバが回答した記録です。
    </p>
    <table id="eligibility-log">
      <thead>
        <tr>
          <th>処理日時</th>
          <th>照会番号</th>
          <th>医療機関コード</th>
          <th>資格確認日</th>
          <th>共通的PFID</th>
          <th>本人確認</th>
          <th>限度額同意</th>
          <th>回答</th>
        </tr>
      </thead>
      <tbody>
        {page.items.map((r) => (
          <tr>
            <td class="nowrap">{dateTime(r.processedAt)}</td>
            <td class="mono small">{r.requestId}</td>
            <td class="mono">{r.medicalInstitutionCode}</td>
            <td class="nowrap">{dateJa(r.confirmationDate)}</td>
            <td class="mono nowrap">
              <a href={`/intake/${r.accountId}`}>{r.accountId}</a>
            </td>
            <td>{r.acr.endsWith(":pin") ? "暗証番号" : "暗証番号なし"}</td>
            <td>{r.limitConsent ? "あり" : "なし"}</td>
            <td class="nowrap">{r.processingStatus === "1" ? validityLabel(r.validity) : "エラー"}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <Pager total={page.total} offset={offset} limit={limit} href={(o) => `/eligibility-log?offset=${o}`} />
  </Layout>
);

export const AuditPage: FC<{ ctx: PageContext; page: Page<AuditEntry>; offset: number; limit: number }> = ({
  ctx,
  page,
  offset,
  limit,
}) => (
  <Layout ctx={ctx} title="監査ログ">
    <table id="audit-log">
      <thead>
        <tr>
          <th>日時</th>
          <th>操作者</th>
          <th>操作</th>
          <th>対象</th>
          <th>内容</th>
          <th>受付番号</th>
        </tr>
      </thead>
      <tbody>
        {page.items.map((e) => (
          <tr>
            <td class="nowrap">{dateTime(e.at)}</td>
            <td>{e.actor === "pf" ? "共通的PF" : e.actor === "web" ? "保険者サイト" : e.actor}</td>
            <td class="mono small">{e.action}</td>
            <td class="mono small">{e.target ?? ""}</td>
            <td>{e.detail}</td>
            <td class="mono small">{e.requestId}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <Pager total={page.total} offset={offset} limit={limit} href={(o) => `/audit?offset=${o}`} />
  </Layout>
);
