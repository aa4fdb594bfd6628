/**
 * @module Pages for billing: the months list and close form, one closed month (settlements and statements), the
 * printable statement (適格請求書), and the PF's fee statement.
 */
import type { FC } from "hono/jsx";
import type { BillingMonths as BillingMonthsData } from "../domain/list-billing-months.ts";
import type { FeeStatement } from "../domain/pf-client.ts";
import type { MonthClosePreview } from "../domain/preview-month-close.ts";
import type {
  ClosedMonth,
  Household,
  Operator,
  Settlement,
  Statement,
  StatementLine,
} from "../domain/records.ts";
import { Alert, Csrf, dateTime, monthLabel, Pager, yen } from "./layout.tsx";
import { SearchField, SearchSelect, StatCard, Table } from "./parts.tsx";

/** "7月1日" of a JST date `YYYY-MM-DD`. */
const dayLabel = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const percent = (basisPoints: number) => `${(basisPoints / 100).toFixed(2)}%`;

export const BillingMonths: FC<{
  data: BillingMonthsData;
  isAdmin: boolean;
  feeRate: number;
  ok?: string | undefined;
}> = ({ data: { months, closable, current }, isAdmin, feeRate, ok }) => {
  const currentCount = current.usage.reduce((n, u) => n + u.count, 0);
  const currentYen = current.usage.reduce((n, u) => n + u.amountYen, 0);
  return (
    <>
      {ok && <Alert kind="ok">{ok}</Alert>}
      <div class="card">
        <h2>月次締め</h2>
        <p class="muted">
          締めた月の利用実績は凍結され、世帯ごとの請求書とサービス事業者ごとの精算が作られます。締め後に届いた利用実績は翌月以降の未締め月に計上されます。同じ月を二度締めても二重請求にはなりません。
          月額料金は利用開始日の属する月の翌月分から（1日開始ならその月から）、解約した月の分まで請求します。代行回収手数料率:{" "}
          {percent(feeRate)}
        </p>
        {isAdmin ? (
          <form method="get" action="/billing/close" class="actions">
            <label for="month">締める月</label>
            <select id="month" name="month">
              {closable.map((m, i) => (
                <option value={m} selected={i === 0}>
                  {monthLabel(m)}
                </option>
              ))}
            </select>
            <button type="submit">締めの内容を確認</button>
          </form>
        ) : (
          <p>月次締めは管理者が行います。</p>
        )}
        <p class="current-month">
          当月（{monthLabel(current.month)}）は月が終わるまで締められません。当月の利用実績{" "}
          {currentCount.toLocaleString("ja-JP")}件（{yen(currentYen)}）は、{dayLabel(current.closableFrom)}
          から締められる{monthLabel(current.month)}分の請求書に載ります。
        </p>
      </div>
      <Table
        head={["請求月", { num: "請求書" }, { num: "請求合計（税込）" }, "締め日時", "担当"]}
        rows={months}
        empty="締め済みの月はありません。"
        row={(m) => (
          <tr>
            <td>
              <a href={`/billing/${m.month}`}>{monthLabel(m.month)}</a>
            </td>
            <td class="num">{m.statementCount.toLocaleString("ja-JP")}件</td>
            <td class="num">{yen(m.totalYen)}</td>
            <td>{dateTime(m.closedAt)}</td>
            <td>{m.closedBy}</td>
          </tr>
        )}
      />
    </>
  );
};

/** Before a close: what it will bill, and the one button that closes the month for good. */
export const CloseConfirmation: FC<{ preview: MonthClosePreview; csrf: string }> = ({ preview: p, csrf }) => {
  const label = monthLabel(p.month);
  if (p.closed) {
    return (
      <Alert kind="ok">
        {label}は {dateTime(p.closed.closedAt)} に締め済みです（{p.closed.closedBy}）。{" "}
        <a href={`/billing/${p.month}`}>請求・精算を見る</a>
      </Alert>
    );
  }
  const usageRecords = p.providers.reduce((n, x) => n + x.recordsCollected + x.reversals + x.uncollected, 0);
  return (
    <>
      <Alert kind="warn">
        {label}を締めますか。締めると取り消せません。{label}
        分の請求書と精算が確定し、後から届く{label}の利用実績は翌月以降の請求に回ります。
      </Alert>
      <div class="grid3">
        <StatCard label="月額料金を請求する世帯">{p.feeHouseholds.toLocaleString("ja-JP")}件</StatCard>
        <StatCard label="月額料金（税込）の合計">{yen(p.cableFeesYen)}</StatCard>
        <StatCard label="サービス利用のみ請求する世帯">
          {p.usageOnlyHouseholds.toLocaleString("ja-JP")}件
        </StatCard>
      </div>
      <p class="muted">
        利用開始日が{label}2日以降の世帯と、{label}より前に解約した世帯には、{label}
        分の月額料金を請求しません（サービス利用があればその分だけ請求します）。
      </p>
      <h2>サービス事業者への精算（代行回収手数料率 {percent(p.collectionFeeBasisPoints)}）</h2>
      <Table
        head={[
          "サービス事業者",
          { num: "回収件数" },
          { num: "取消" },
          { num: "未回収（世帯未紐づけ）" },
          { num: "回収額" },
          { num: "代行回収手数料" },
          { num: "支払額" },
        ]}
        rows={p.providers}
        empty={`${label}のサービス利用実績はありません。`}
        row={(x) => (
          <tr>
            <td>{x.providerName}</td>
            <td class="num">{x.recordsCollected}</td>
            <td class="num">{x.reversals}</td>
            <td class="num">{x.uncollected}</td>
            <td class="num">{yen(x.grossYen)}</td>
            <td class="num">{yen(x.collectionFeeYen)}</td>
            <td class="num">{yen(x.netPayableYen)}</td>
          </tr>
        )}
      />
      <form method="post" action="/billing/close" class="actions">
        <Csrf token={csrf} />
        <input type="hidden" name="month" value={p.month} />
        <input type="hidden" name="confirm" value="1" />
        <button class="danger" type="submit">
          締めを確定する
        </button>
        <a href="/billing">締めずに戻る</a>
        <span class="muted">利用実績 {usageRecords.toLocaleString("ja-JP")}件を凍結します。</span>
      </form>
    </>
  );
};

export const MonthPage: FC<{
  month: ClosedMonth;
  settlements: Settlement[];
  statements: Statement[];
  total: number;
  offset: number;
  limit: number;
  q: string;
  isAdmin: boolean;
  csrf: string;
  ok?: string | undefined;
}> = ({ month, settlements, statements, total, offset, limit, q, isAdmin, csrf, ok }) => (
  <>
    {ok && <Alert kind="ok">{ok}</Alert>}
    <div class="grid3">
      <StatCard label="請求書">{month.statementCount.toLocaleString("ja-JP")}件</StatCard>
      <StatCard label="請求合計（税込）">{yen(month.totalYen)}</StatCard>
      <div class="card">
        <div class="muted">締め</div>
        <div>
          {dateTime(month.closedAt)}（{month.closedBy}）
        </div>
        <div class="muted">手数料率 {(month.collectionFeeBasisPoints / 100).toFixed(2)}%</div>
      </div>
    </div>
    <h2>サービス事業者への精算（共通的PF経由で送付）</h2>
    <Table
      head={[
        "サービス事業者",
        { num: "回収件数" },
        { num: "取消" },
        { num: "未回収" },
        { num: "回収額" },
        { num: "代行回収手数料" },
        { num: "支払額" },
        "送付状況",
      ]}
      rows={settlements}
      empty="この月のサービス利用はありません。"
      row={(s) => (
        <tr>
          <td>{s.providerName}</td>
          <td class="num">{s.recordsCollected}</td>
          <td class="num">{s.reversals}</td>
          <td class="num">{s.uncollected}</td>
          <td class="num">{yen(s.grossYen)}</td>
          <td class="num">{yen(s.collectionFeeYen)}</td>
          <td class="num">{yen(s.netPayableYen)}</td>
          <td>
            {s.status === "accepted" ? (
              <span class="tag accepted">受付済 {dateTime(s.sentAt)}</span>
            ) : (
              <>
                <span class="tag pending">未送付（{s.attempts}回試行）</span>
                {s.lastError && <div class="muted">{s.lastError}</div>}
              </>
            )}
          </td>
        </tr>
      )}
    />
    {isAdmin && settlements.some((s) => s.status === "pending") && (
      <form method="post" action={`/billing/${month.month}/settlements/send`} class="actions">
        <Csrf token={csrf} />
        <button type="submit">未送付の精算を今すぐ送付</button>
        <span class="muted">（自動でも再送されます）</span>
      </form>
    )}
    <h2>請求書</h2>
    <form class="search" method="get" action={`/billing/${month.month}`}>
      <SearchField label="契約者ID" name="q" type="text" value={q} />
      <button type="submit">検索</button>
      <a class="button secondary" href={`/billing/${month.month}/statements.csv`}>
        請求明細CSV出力
      </a>
    </form>
    <Table
      head={[
        "契約者ID",
        "住所",
        { num: "10%対象" },
        { num: "8%対象" },
        { num: "非課税等" },
        { num: "合計（税込）" },
      ]}
      rows={statements}
      row={(s) => (
        <tr>
          <td>
            <a href={`/billing/${month.month}/statements/${s.householdId}`}>{s.contractId}</a>
          </td>
          <td>{s.address}</td>
          <td class="num">{yen(s.total10Yen)}</td>
          <td class="num">{yen(s.total8Yen)}</td>
          <td class="num">{yen(s.total0Yen)}</td>
          <td class="num">{yen(s.totalYen)}</td>
        </tr>
      )}
    />
    <Pager
      total={total}
      offset={offset}
      limit={limit}
      href={(o) => `/billing/${month.month}?q=${encodeURIComponent(q)}&offset=${o}`}
    />
  </>
);

/** A qualified invoice (適格請求書): issuer and registration number, date, items with rates, per-rate totals and tax. */
export const StatementPage: FC<{
  operator: Operator;
  household: Household | undefined;
  statement: Statement;
  lines: StatementLine[];
  issuedAt: string;
}> = ({ operator, household, statement: s, lines, issuedAt }) => (
  <>
    <div class="actions no-print">
      <a href={`/billing/${s.month}`}>← {monthLabel(s.month)}の請求一覧</a>
      <span class="muted">印刷するとA4の請求書になります（ブラウザの印刷機能を使ってください）。</span>
    </div>
    <article class="invoice">
      <h1>請求書</h1>
      <div class="parties">
        <div>
          <div>{s.address}</div>
          <div>
            {household?.members[0]?.name ?? ""} 様（契約者ID {s.contractId}）
          </div>
          <p>
            ご請求金額 <span class="total">{yen(s.totalYen)}</span>（税込）
          </p>
          <div class="muted">{monthLabel(s.month)}ご利用分</div>
        </div>
        <div>
          <div>
            <strong>{operator.name}</strong>
          </div>
          <div>
            {operator.prefecture}
            {operator.town}
          </div>
          <div>登録番号 {operator.invoiceRegistrationNumber}</div>
          <div>発行日 {new Date(issuedAt).toLocaleDateString("ja-JP", { timeZone: "Asia/Tokyo" })}</div>
        </div>
      </div>
      <Table
        head={["内容", { num: "税率" }, { num: "金額（税込）" }]}
        rows={lines}
        row={(l) => (
          <tr>
            <td>
              {l.description}
              {l.kind === "reversal" && "（取消）"}
              {l.taxRatePercent === 8 && " ※"}
            </td>
            <td class="num">{l.taxRatePercent === 0 ? "非課税" : `${l.taxRatePercent}%`}</td>
            <td class="num">{yen(l.amountYen)}</td>
          </tr>
        )}
      />
      <table>
        <tbody>
          <tr>
            <th>10%対象</th>
            <td class="num">{yen(s.total10Yen)}</td>
            <th>内消費税</th>
            <td class="num">{yen(s.tax10Yen)}</td>
          </tr>
          <tr>
            <th>8%対象</th>
            <td class="num">{yen(s.total8Yen)}</td>
            <th>内消費税</th>
            <td class="num">{yen(s.tax8Yen)}</td>
          </tr>
          {s.total0Yen !== 0 && (
            <tr>
              <th>非課税・不課税</th>
              <td class="num">{yen(s.total0Yen)}</td>
              <th></th>
              <td></td>
            </tr>
          )}
          <tr>
            <th>合計</th>
            <td class="num">
              <strong>{yen(s.totalYen)}</strong>
            </td>
            <th>消費税合計</th>
            <td class="num">{yen(s.tax10Yen + s.tax8Yen)}</td>
          </tr>
        </tbody>
      </table>
      <p class="muted">
        ※は軽減税率（8%）対象。サービス利用料はサービス事業者に代わって当社が代行回収しています。消費税額は税率ごとに合計した金額から算出しています（端数切捨て）。
      </p>
    </article>
  </>
);

export const FeeStatementPage: FC<{
  month: string;
  months: string[];
  result?:
    | { statement: FeeStatement; fetchedAt: string; stale: boolean; error?: string | undefined }
    | undefined;
  error?: string | undefined;
}> = ({ month, months, result, error }) => (
  <>
    <form class="search" method="get" action="/pf-fees">
      <SearchSelect
        label="対象月"
        name="month"
        choices={months.map((m) => [m, monthLabel(m)])}
        selected={month}
      />
      <button type="submit">取得</button>
    </form>
    {error && <Alert kind="error">{error}</Alert>}
    {result?.stale && (
      <Alert kind="warn">
        共通的PFに接続できないため、{dateTime(result.fetchedAt)} に取得した内容を表示しています。（
        {result.error}）
      </Alert>
    )}
    {result && (
      <div class="card">
        <h2>
          共通的PF利用料 明細（{monthLabel(result.statement.month)}分）{" "}
          {result.statement.provisional && <span class="tag pending">速報</span>}{" "}
          <span class="muted">取得 {dateTime(result.fetchedAt)}</span>
        </h2>
        {result.statement.provisional && (
          <p class="muted">
            当月の途中集計です（{dateTime(result.statement.asOf)}{" "}
            時点）。件数と金額は月末まで増えます。確定した明細は月が終わってから表示されます。
          </p>
        )}
        <Table
          head={["項目", "内容", { num: "件数" }, { num: "単価" }, { num: "金額" }]}
          rows={result.statement.lines}
          row={(l) => (
            <tr>
              <td>{l.item}</td>
              <td>{l.description}</td>
              <td class="num">{l.count.toLocaleString("ja-JP")}</td>
              <td class="num">{yen(l.unitPriceYen)}</td>
              <td class="num">{yen(l.amountYen)}</td>
            </tr>
          )}
        >
          <tr>
            <th colspan={4}>小計</th>
            <td class="num">{yen(result.statement.subtotalYen)}</td>
          </tr>
          <tr>
            <th colspan={4}>消費税</th>
            <td class="num">{yen(result.statement.taxYen)}</td>
          </tr>
          <tr>
            <th colspan={4}>合計</th>
            <td class="num">
              <strong>{yen(result.statement.totalYen)}</strong>
            </td>
          </tr>
        </Table>
      </div>
    )}
  </>
);
