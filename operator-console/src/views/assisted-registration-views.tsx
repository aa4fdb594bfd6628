/**
 * @module The assisted registration page (代理登録（STB）): find a household member, open a registration on an STB.
 */
import type { FC } from "hono/jsx";
import type { AssistedRegistration, MemberSearchRow } from "../domain/records.ts";
import { Alert, Csrf, dateTime, genderLabel } from "./layout.tsx";
import { SearchField, Table } from "./parts.tsx";

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
