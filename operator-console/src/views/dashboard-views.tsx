/**
 * @module The dashboard (ダッシュボード): counts and monthly charts.
 */
import type { FC } from "hono/jsx";
import type { DashboardData } from "../domain/show-dashboard.ts";
import { BarChart, SplitBar } from "./charts.tsx";
import { Alert } from "./layout.tsx";
import { StatCard } from "./parts.tsx";

const palette = ["#0b5cab", "#e07b00", "#1e7b3c", "#8a3ffc", "#b3261e"];

export const Dashboard: FC<{ data: DashboardData }> = ({ data }) => {
  const months = [...new Set([...data.usage.map((u) => u.month), ...data.registrations.map((r) => r.month)])]
    .sort()
    .slice(-12);
  const providers = [...new Map(data.usage.map((u) => [u.providerId, u.providerName])).entries()];
  const usageFor = (p: string, m: string, key: "count" | "amountYen") =>
    data.usage.find((u) => u.providerId === p && u.month === m)?.[key] ?? 0;
  const short = (m: string) => `${Number(m.slice(5))}月`;
  const logins = data.logins.slice(-12);
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
            categories={logins.map((l) => (l.provisional ? `${short(l.month)}（速報）` : short(l.month)))}
            series={[{ label: "ログイン数", color: palette[2] ?? "", values: logins.map((l) => l.count) }]}
          />
          {logins.length === 0 ? (
            <p class="muted">
              共通的PFから利用料明細を取得すると表示されます（数分ごとに自動で取得します）。
            </p>
          ) : (
            logins.some((l) => l.provisional) && (
              <p class="muted">（速報）は当月の途中集計で、月末まで増えます。</p>
            )
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
