/**
 * @module Pages for the dashboard, assisted registration, usage, audit log and settings.
 */
import type { FC } from "hono/jsx";
import type { AuditEntry } from "../db/audit-repository.ts";
import type { MemberSearchRow } from "../db/households-repository.ts";
import type { AssistedRegistration } from "../db/pf-sync-repository.ts";
import type { UsageRow } from "../db/usage-repository.ts";
import { BarChart, SplitBar } from "./charts.tsx";
import { Alert, Csrf, dateTime, genderLabel, monthLabel, yen } from "./layout.tsx";
import { Field, HouseholdLink, SearchField, SearchSelect, StatCard, Table } from "./parts.tsx";

const palette = ["#0b5cab", "#e07b00", "#1e7b3c", "#8a3ffc", "#b3261e"];

export interface DashboardData {
  households: number;
  cableIdCounts: { pending: number; linked: number; revoked: number };
  openReviews: number;
  pendingDeliveries: number;
  registrations: { month: string; count: number }[];
  logins: { month: string; count: number }[];
  usage: { month: string; providerId: string; providerName: string; count: number; amountYen: number }[];
}

export const Dashboard: FC<{ data: DashboardData }> = ({ data }) => {
  const months = [...new Set([...data.usage.map((u) => u.month), ...data.registrations.map((r) => r.month)])]
    .sort()
    .slice(-12);
  const providers = [...new Map(data.usage.map((u) => [u.providerId, u.providerName])).entries()];
  const usageFor = (p: string, m: string, key: "count" | "amountYen") =>
    data.usage.find((u) => u.providerId === p && u.month === m)?.[key] ?? 0;
  const short = (m: string) => `${Number(m.slice(5))}月`;
  const loginMonths = data.logins.map((l) => l.month).slice(-12);
  return (
    <>
      <div class="grid4">
        <StatCard label="契約世帯">{data.households.toLocaleString("ja-JP")}</StatCard>
        <StatCard label="紐づけ済みケーブルID">{data.cableIdCounts.linked.toLocaleString("ja-JP")}</StatCard>
        <StatCard label="紐づけ待ち">
          <a href="/linking">{data.cableIdCounts.pending}</a>
        </StatCard>
        <StatCard label="未確認の更新・失効">
          <a href="/reviews">{data.openReviews}</a>
        </StatCard>
      </div>
      {data.pendingDeliveries > 0 && (
        <Alert kind="warn">
          共通的PFへの紐づけ状態の通知が{data.pendingDeliveries}件未送信です（自動で再送しています）。
        </Alert>
      )}
      <div class="grid2">
        <div class="card">
          <h2>利用者登録（月別）</h2>
          <BarChart
            categories={months.map(short)}
            series={[
              {
                label: "登録数",
                color: palette[0] ?? "",
                values: months.map((m) => data.registrations.find((r) => r.month === m)?.count ?? 0),
              },
            ]}
          />
        </div>
        <div class="card">
          <h2>ログイン（月別・共通的PF利用料明細より）</h2>
          <BarChart
            categories={loginMonths.map(short)}
            series={[
              {
                label: "ログイン数",
                color: palette[2] ?? "",
                values: data.logins.slice(-12).map((l) => l.count),
              },
            ]}
          />
          {loginMonths.length === 0 && (
            <p class="muted">「共通的PF利用料」で明細を取得すると表示されます。</p>
          )}
        </div>
        <div class="card">
          <h2>ケーブルIDの紐づけ状況</h2>
          <SplitBar
            parts={[
              { label: "紐づけ済み", color: "#1e7b3c", value: data.cableIdCounts.linked },
              { label: "紐づけ待ち", color: "#e07b00", value: data.cableIdCounts.pending },
              { label: "失効", color: "#b3261e", value: data.cableIdCounts.revoked },
            ]}
          />
        </div>
        <div class="card">
          <h2>サービス利用件数（事業者別・月別）</h2>
          <BarChart
            categories={months.map(short)}
            series={providers.map(([id, name], i) => ({
              label: name,
              color: palette[i % palette.length] ?? "",
              values: months.map((m) => usageFor(id, m, "count")),
            }))}
          />
        </div>
        <div class="card">
          <h2>代行回収額（事業者別・月別、税込）</h2>
          <BarChart
            categories={months.map(short)}
            format={(n) => `¥${n.toLocaleString("ja-JP")}`}
            series={providers.map(([id, name], i) => ({
              label: name,
              color: palette[i % palette.length] ?? "",
              values: months.map((m) => usageFor(id, m, "amountYen")),
            }))}
          />
        </div>
      </div>
    </>
  );
};

export const AssistedPage: FC<{
  csrf: string;
  terminals: string[];
  query: string;
  members: MemberSearchRow[];
  selected?: string | undefined;
  recent: AssistedRegistration[];
  opened?: { registrationSessionId: string; expiresAt: string; terminalId: string } | undefined;
  error?: string | undefined;
}> = ({ csrf, terminals, query, members, selected, recent, opened, error }) => (
  <>
    {error && <Alert kind="error">{error}</Alert>}
    {opened && (
      <Alert kind="ok">
        STB {opened.terminalId} で登録を開始しました（受付番号 {opened.registrationSessionId}、有効期限{" "}
        {dateTime(opened.expiresAt)}）。
        テレビの画面に従ってカードをかざしてもらってください。登録が完了すると自動的にこの世帯員に紐づきます。
      </Alert>
    )}
    <p class="muted">
      スタッフが訪問・窓口で利用者登録を手伝うときに使います。世帯員とSTBを選ぶと、共通的PFに登録セッションを開き、登録後のケーブルIDはその世帯員に紐づいた状態で届きます。
    </p>
    <form class="search" method="get" action="/assisted">
      <SearchField label="世帯員を検索（氏名・契約者ID）" name="q" type="text" value={query} size={30} />
      <button type="submit">検索</button>
    </form>
    <form class="card" method="post" action="/assisted">
      <Csrf token={csrf} />
      <Table
        head={["", "契約者ID", "世帯員", "生年月日", "性別", "住所"]}
        rows={members}
        empty="世帯員を検索してください。"
        row={(m) => (
          <tr>
            <td>
              <input
                type="radio"
                name="memberId"
                value={m.memberId}
                id={`m-${m.memberId}`}
                checked={m.memberId === selected}
                required
              />
            </td>
            <td>{m.contractId}</td>
            <td>
              <label for={`m-${m.memberId}`}>{m.name}</label>
            </td>
            <td>{m.birthDate}</td>
            <td>{genderLabel(m.gender)}</td>
            <td>{m.address}</td>
          </tr>
        )}
      />
      <div class="actions">
        <label for="terminalId">STB</label>
        <select id="terminalId" name="terminalId" required>
          {terminals.map((t) => (
            <option value={t}>{t}</option>
          ))}
        </select>
        <button type="submit" disabled={members.length === 0}>
          このSTBで登録を開始
        </button>
      </div>
    </form>
    <h2>最近の代理登録</h2>
    <Table
      head={["開始", "世帯員ID", "STB", "受付番号", "有効期限", "担当"]}
      rows={recent}
      row={(r) => (
        <tr>
          <td>{dateTime(r.openedAt)}</td>
          <td class="mono">{r.memberId}</td>
          <td class="mono">{r.terminalId}</td>
          <td class="mono">{r.registrationSessionId}</td>
          <td>{dateTime(r.expiresAt)}</td>
          <td>{r.openedBy}</td>
        </tr>
      )}
    />
  </>
);

export const UsagePage: FC<{
  rows: UsageRow[];
  providers: { providerId: string; providerName: string }[];
  filter: { household: string; provider: string; month: string };
}> = ({ rows, providers, filter }) => (
  <>
    <form class="search" method="get" action="/usage">
      <SearchSelect
        label="サービス事業者"
        name="provider"
        choices={[["", "すべて"], ...providers.map((p) => [p.providerId, p.providerName] as const)]}
        selected={filter.provider}
      />
      <SearchField label="請求月" name="month" type="month" value={filter.month} />
      <input type="hidden" name="household" value={filter.household} />
      <button type="submit">表示</button>
      {filter.household && <a href="/usage">世帯の絞り込みを解除</a>}
    </form>
    <Table
      head={[
        "利用日時",
        "請求月",
        "契約者ID",
        "サービス事業者",
        "内容",
        "種別",
        { num: "税率" },
        { num: "金額（税込）" },
      ]}
      rows={rows}
      empty="利用実績はありません。"
      row={(u) => (
        <tr>
          <td>{dateTime(u.occurredAt)}</td>
          <td>{monthLabel(u.billingMonth)}</td>
          <td>
            <HouseholdLink
              id={u.householdId}
              contractId={u.contractId}
              otherwise={<span class="tag pending">未紐づけ</span>}
            />
          </td>
          <td>{u.providerName}</td>
          <td>
            {u.description}
            <div class="muted mono">{u.usageId}</div>
          </td>
          <td>
            {u.kind === "reversal" ? (
              <span class="tag revoked">取消（{u.reversesUsageId}）</span>
            ) : (
              <span class="tag">利用</span>
            )}
          </td>
          <td class="num">{u.taxRatePercent}%</td>
          <td class="num">{yen(u.kind === "reversal" ? -u.amountYen : u.amountYen)}</td>
        </tr>
      )}
    />
  </>
);

export const AuditPage: FC<{
  rows: AuditEntry[];
  filter: { action: string; staff: string; from: string; to: string };
}> = ({ rows, filter }) => {
  const qs = new URLSearchParams(filter).toString();
  return (
    <>
      <form class="search" method="get" action="/audit">
        <SearchField
          label="操作（前方一致）"
          name="action"
          type="text"
          value={filter.action}
          placeholder="household. / cable_id."
        />
        <SearchField label="ログインID" name="staff" type="text" value={filter.staff} />
        <div>
          <label for="from">期間</label>
          <input id="from" name="from" type="date" value={filter.from} /> 〜{" "}
          <input id="to" name="to" type="date" value={filter.to} aria-label="期間の終わり" />
        </div>
        <button type="submit">検索</button>
        <a class="button secondary" href={`/audit.csv?${qs}`}>
          CSV出力
        </a>
      </form>
      <Table
        head={["日時", "担当", "操作", "世帯", "内容"]}
        rows={rows}
        row={(a) => (
          <tr>
            <td>{dateTime(a.at)}</td>
            <td>{a.staffLoginId}</td>
            <td class="mono">{a.action}</td>
            <td>
              <HouseholdLink id={a.householdId} contractId={a.contractId} />
            </td>
            <td>{a.detail}</td>
          </tr>
        )}
      />
    </>
  );
};

export const SettingsPage: FC<{
  csrf: string;
  registrationNumber: string;
  feeBasisPoints: number;
  error?: string | undefined;
  ok?: string | undefined;
}> = ({ csrf, registrationNumber, feeBasisPoints, error, ok }) => (
  <form class="card" method="post" action="/settings">
    {ok && <Alert kind="ok">{ok}</Alert>}
    {error && <Alert kind="error">{error}</Alert>}
    <Csrf token={csrf} />
    <Field
      label="適格請求書発行事業者登録番号（T＋13桁）"
      name="registrationNumber"
      type="text"
      value={registrationNumber}
      required
    />
    <Field
      label="代行回収手数料率（%、小数2桁まで）"
      name="feePercent"
      type="number"
      min="0"
      max="50"
      step="0.01"
      value={(feeBasisPoints / 100).toFixed(2)}
      required
    >
      <div class="muted">締め済みの月には影響しません。次に締める月から適用されます。</div>
    </Field>
    <button type="submit">保存</button>
  </form>
);
