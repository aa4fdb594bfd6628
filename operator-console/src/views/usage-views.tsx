/**
 * @module The service usage page (サービス利用実績).
 */
import type { FC } from "hono/jsx";
import type { UsageListRow } from "../domain/records.ts";
import { dateTime, monthLabel, yen } from "./layout.tsx";
import { HouseholdLink, SearchField, SearchSelect, Table } from "./parts.tsx";

/** A charge, a charge a reversal cancelled (the booking was cancelled and refunded), or the reversal itself. */
const UsageKind: FC<{ row: UsageListRow }> = ({ row: u }) => {
  if (u.kind === "charge") {
    return u.reversedByUsageId ? (
      <>
        <span class="tag revoked">取消済み</span>
        <div class="muted">
          {dateTime(u.reversedAt)} 取消（<span class="mono">{u.reversedByUsageId}</span>）
        </div>
      </>
    ) : (
      <span class="tag">利用</span>
    );
  }
  return (
    <>
      <span class="tag revoked">取消</span>
      <div class="muted">
        {u.reversedChargeAt
          ? `${dateTime(u.reversedChargeAt)} の利用（${u.reversesUsageId}）を取消`
          : `取消の対象（${u.reversesUsageId ?? "—"}）が見つかりません`}
      </div>
    </>
  );
};

export const UsagePage: FC<{
  rows: UsageListRow[];
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
            <UsageKind row={u} />
          </td>
          <td class="num">{u.taxRatePercent}%</td>
          <td class={u.reversedByUsageId ? "num cancelled" : "num"}>
            {yen(u.kind === "reversal" ? -u.amountYen : u.amountYen)}
          </td>
        </tr>
      )}
    />
    <p class="muted">
      取消済みの利用は、取消（返金）の行の金額と相殺されます。取消が締め後に届いたときは、翌月以降の請求から差し引きます。
    </p>
  </>
);
