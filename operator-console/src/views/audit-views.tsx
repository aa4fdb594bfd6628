/**
 * @module The audit log page (監査ログ), for administrators.
 */
import type { FC } from "hono/jsx";
import type { AuditEntry } from "../domain/records.ts";
import { dateTime } from "./layout.tsx";
import { HouseholdLink, SearchField, Table } from "./parts.tsx";

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
