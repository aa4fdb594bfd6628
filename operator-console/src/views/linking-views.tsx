/**
 * @module Pages for cable IDs: the linking queue, the linking screen (参考１－２), the list of all cable IDs, and
 * the review list for "updated" and "revoked" events.
 */
import type { FourInfo } from "@catv/contracts";
import type { Child, FC } from "hono/jsx";
import { type FieldComparison, fourInfoFieldLabels } from "../domain/compare-with-four-info.ts";
import type { LinkingCandidate } from "../domain/find-linking-candidates.ts";
import type { ManualLink } from "../domain/link-cable-id.ts";
import type { CableIdRecord, ReviewRecord } from "../domain/records.ts";
import { Alert, Csrf, dateTime, genderLabel } from "./layout.tsx";
import {
  cableIdStatusLabels,
  Field,
  HouseholdLink,
  householdStatusLabels,
  methodLabel,
  SearchField,
  SearchSelect,
  Table,
  UnlinkForm,
} from "./parts.tsx";

export const FourInfoList: FC<{ info: FourInfo }> = ({ info }) => (
  <dl class="kv">
    <dt>氏名</dt>
    <dd>{info.name}</dd>
    <dt>生年月日</dt>
    <dd>{info.dateOfBirth}</dd>
    <dt>性別</dt>
    <dd>{genderLabel(info.gender)}</dd>
    <dt>住所</dt>
    <dd>{info.address}</dd>
  </dl>
);

export const LinkingQueue: FC<{ rows: CableIdRecord[]; ok?: string | undefined }> = ({ rows, ok }) => (
  <>
    {ok && <Alert kind="ok">{ok}</Alert>}
    <p class="muted">
      利用者登録の4情報が世帯員と一致しなかったケーブルIDです。申請情報をもとに世帯を検索し、同一人物を特定して紐づけてください。
    </p>
    <Table
      head={["ケーブルID", "登録日時", "氏名（4情報）", "生年月日", "住所（4情報）", "STB", ""]}
      rows={rows}
      empty="紐づけ待ちのケーブルIDはありません。"
      row={(r) => (
        <tr>
          <td class="mono">{r.cableId}</td>
          <td>{dateTime(r.registeredAt)}</td>
          <td>{r.fourInfo.name}</td>
          <td>{r.fourInfo.dateOfBirth}</td>
          <td>{r.fourInfo.address}</td>
          <td class="mono">{r.terminalId}</td>
          <td>
            <a class="button" href={`/linking/${r.cableId}`}>
              世帯を検索して紐づけ
            </a>
          </td>
        </tr>
      )}
    />
  </>
);

const Same: FC<{ same: boolean; children?: Child }> = ({ same, children }) => (
  <span>
    {children} {same ? <span class="tag linked">一致</span> : <span class="tag pending">不一致</span>}
  </span>
);

/** The register's value of a compared field as staff read it. */
const shown = (c: FieldComparison, value: string) => (c.field === "gender" ? genderLabel(value) : value);

const CorrectMemberBox: FC<{ checked?: boolean }> = ({ checked }) => (
  <label>
    <input type="checkbox" name="correctMember" value="1" checked={checked} /> ④
    世帯員の氏名・生年月日・性別を4情報に修正
  </label>
);

export const LinkingScreen: FC<{
  row: CableIdRecord;
  query: { name: string; birthDate: string; address: string };
  candidates: LinkingCandidate[];
  csrf: string;
  error?: string | undefined;
}> = ({ row, query, candidates, csrf, error }) => (
  <>
    {error && <Alert kind="error">{error}</Alert>}
    <div class="grid2">
      <div class="card">
        <h2>① 利用者の申請情報（電子証明書の4情報）</h2>
        <dl class="kv">
          <dt>ケーブルID</dt>
          <dd class="mono">{row.cableId}</dd>
          <dt>登録日時</dt>
          <dd>{dateTime(row.registeredAt)}</dd>
        </dl>
        <FourInfoList info={row.fourInfo} />
      </div>
      <form class="card" method="get" action={`/linking/${row.cableId}`}>
        <h2>検索条件</h2>
        <p class="muted">申請情報を検索キーとして顧客管理DBを検索します。条件を外すと候補が広がります。</p>
        <Field label="氏名" name="name" type="text" value={query.name} />
        <Field label="生年月日" name="birthDate" type="date" value={query.birthDate} />
        <Field label="住所（一部でも可）" name="address" type="text" value={query.address} class="wide" />
        <button type="submit">検索</button>
      </form>
    </div>
    <h2>② 同一人物の特定 ③ 紐づけ</h2>
    <p class="muted">
      4情報と1項目でも一致しない世帯員に紐づけるときは、相違点を確認する画面が出ます。本人確認書類などで同一人物であることを確かめてから紐づけてください。
    </p>
    <Table
      head={["契約者ID", "世帯員", "生年月日", "性別", "住所", "紐づけ"]}
      rows={candidates}
      empty="候補が見つかりません。検索条件を変えてください。"
      row={({ member: m, comparison }) => {
        const same = (field: FieldComparison["field"]) =>
          comparison.find((c) => c.field === field)?.same ?? false;
        const allSame = comparison.every((c) => c.same);
        return (
          <tr>
            <td>
              <HouseholdLink id={m.householdId} contractId={m.contractId} />
              {m.status === "closed" && <span class="tag closed">{householdStatusLabels.closed}</span>}
            </td>
            <td>
              <Same same={same("name")}>{m.name}</Same>
              <div class="muted mono">{m.memberId}</div>
            </td>
            <td>
              <Same same={same("birthDate")}>{m.birthDate}</Same>
            </td>
            <td>
              <Same same={same("gender")}>{genderLabel(m.gender)}</Same>
            </td>
            <td>
              <Same same={same("address")}>{m.address}</Same>
            </td>
            <td>
              {m.status === "active" && (
                <form method="post" action={`/linking/${row.cableId}/link`}>
                  <Csrf token={csrf} />
                  <input type="hidden" name="memberId" value={m.memberId} />
                  <CorrectMemberBox />
                  {allSame ? (
                    <button type="submit">この世帯員に紐づける</button>
                  ) : (
                    <button class="secondary" type="submit">
                      相違を確認して紐づける
                    </button>
                  )}
                </form>
              )}
            </td>
          </tr>
        );
      }}
    />
  </>
);

/** Before a link to a member whose records differ from the 4情報: each field side by side, and a confirmation. */
export const LinkConfirmation: FC<{ link: ManualLink; correctMember: boolean; csrf: string }> = ({
  link,
  correctMember,
  csrf,
}) => {
  const { row, member, household, comparison } = link;
  const differences = comparison.filter((c) => !c.same);
  return (
    <>
      <Alert kind="warn">
        4情報と世帯員の記録が一致しません（{differences.map((c) => fourInfoFieldLabels[c.field]).join("・")}
        ）。別人に紐づけると、その人の請求・サービス利用がこの世帯に付きます。相違点を確認してください。
      </Alert>
      <div class="card">
        <h2>
          ケーブルID <span class="mono">{row.cableId}</span> → 世帯員{" "}
          <span class="mono">{member.memberId}</span>
          （契約者ID <HouseholdLink id={household.id} contractId={household.contractId} />）
        </h2>
        <Table
          head={["項目", "申請情報（電子証明書の4情報）", "顧客管理DBの記録", "判定"]}
          rows={comparison}
          row={(c) => (
            <tr class={c.same ? "" : "diff"}>
              <th>{fourInfoFieldLabels[c.field]}</th>
              <td>{shown(c, c.certificate)}</td>
              <td>{shown(c, c.register)}</td>
              <td>
                {c.same ? <span class="tag linked">一致</span> : <span class="tag pending">不一致</span>}
              </td>
            </tr>
          )}
        />
        <form method="post" action={`/linking/${row.cableId}/link`} class="confirm">
          <Csrf token={csrf} />
          <input type="hidden" name="memberId" value={member.memberId} />
          <input type="hidden" name="confirmMismatch" value="1" />
          {differences.map((c) => (
            <input type="hidden" name="acknowledged" value={c.field} />
          ))}
          <CorrectMemberBox checked={correctMember} />
          <label>
            <input type="checkbox" name="checkedIdentity" value="1" required />{" "}
            上記の相違を確認し、本人確認書類などで同一人物であることを確かめました
          </label>
          <div class="actions">
            <button class="danger" type="submit">
              相違を承知で紐づける
            </button>
            <a href={`/linking/${row.cableId}`}>紐づけずに戻る</a>
          </div>
        </form>
      </div>
    </>
  );
};

export const CableIdList: FC<{
  rows: CableIdRecord[];
  status: string;
  q: string;
  csrf: string;
  ok?: string | undefined;
}> = ({ rows, status, q, csrf, ok }) => (
  <>
    {ok && <Alert kind="ok">{ok}</Alert>}
    <form class="search" method="get" action="/cable-ids">
      <SearchField
        label="ケーブルID・契約者ID（一部でも可）"
        name="q"
        type="text"
        value={q}
        placeholder="例: K7Q2-M4XA / k7q2m4xa / NT-00012"
        size={32}
      />
      <SearchSelect
        label="状態"
        name="status"
        choices={[["", "すべて"], ...Object.entries(cableIdStatusLabels)]}
        selected={status}
      />
      <button type="submit">表示</button>
    </form>
    <Table
      head={["ケーブルID", "状態", "契約者ID", "世帯員", "紐づけ方法", "登録日時", ""]}
      rows={rows}
      empty={q ? "該当するケーブルIDはありません。" : "ケーブルIDはまだありません。"}
      row={(r) => (
        <tr>
          <td class="mono">{r.cableId}</td>
          <td>
            <span class={`tag ${r.status}`}>{cableIdStatusLabels[r.status]}</span>
          </td>
          <td>
            <HouseholdLink id={r.householdId} contractId={r.contractId} />
          </td>
          <td>{r.memberName ?? "—"}</td>
          <td>{methodLabel(r.linkMethod)}</td>
          <td>{dateTime(r.registeredAt)}</td>
          <td>
            {r.status === "pending" && <a href={`/linking/${r.cableId}`}>紐づける</a>}
            {r.status === "linked" && (
              <UnlinkForm cableId={r.cableId} back="/cable-ids" csrf={csrf} size={10} button="解除" />
            )}
          </td>
        </tr>
      )}
    />
  </>
);

const reviewKind = (k: ReviewRecord["kind"]) =>
  k === "renewed" ? "証明書更新" : k === "reissued" ? "再発行" : "失効";

export const ReviewList: FC<{ open: ReviewRecord[]; done: ReviewRecord[]; csrf: string }> = ({
  open,
  done,
  csrf,
}) => (
  <>
    <p class="muted">
      共通的PFからの「更新」（カード更新・転居等で4情報が変わった）と「失効」の通知です。内容を確認し、必要なら世帯情報を修正してから確認済みにしてください。
    </p>
    {open.length === 0 && <Alert kind="ok">未確認の通知はありません。</Alert>}
    {open.map((r) => (
      <div class="card">
        <div class="actions">
          <strong>{reviewKind(r.kind)}</strong>
          <span class="mono">{r.cableId}</span>
          <HouseholdLink id={r.householdId} contractId={r.contractId} otherwise={null} />
          <span class="muted">{dateTime(r.receivedAt)}</span>
        </div>
        {r.detail && <p>{r.detail}</p>}
        {(r.previousFourInfo || r.newFourInfo) && (
          <Table
            head={["項目", "変更前", "変更後"]}
            rows={["name", "dateOfBirth", "gender", "address"] as const}
            row={(k) => {
              const before = r.previousFourInfo?.[k] ?? "—";
              const after = r.newFourInfo?.[k] ?? "—";
              return (
                <tr class={before !== after ? "diff" : ""}>
                  <td>{{ name: "氏名", dateOfBirth: "生年月日", gender: "性別", address: "住所" }[k]}</td>
                  <td>{k === "gender" && before !== "—" ? genderLabel(before) : before}</td>
                  <td>{k === "gender" && after !== "—" ? genderLabel(after) : after}</td>
                </tr>
              );
            }}
          />
        )}
        <form method="post" action={`/reviews/${r.id}/ack`} class="actions">
          <Csrf token={csrf} />
          <button type="submit">確認済みにする</button>
        </form>
      </div>
    ))}
    {done.length > 0 && (
      <>
        <h2>確認済み</h2>
        <Table
          head={["種別", "ケーブルID", "受信", "確認"]}
          rows={done}
          row={(r) => (
            <tr>
              <td>{reviewKind(r.kind)}</td>
              <td class="mono">{r.cableId}</td>
              <td>{dateTime(r.receivedAt)}</td>
              <td>
                {dateTime(r.reviewedAt)} {r.reviewedBy}
              </td>
            </tr>
          )}
        />
      </>
    )}
  </>
);
