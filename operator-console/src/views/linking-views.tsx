/**
 * @module Pages for cable IDs: the linking queue, the linking screen (参考１－２), the list of all cable IDs, and
 * the review list for "updated" and "revoked" events.
 */
import type { FourInfo } from "@catv/contracts";
import type { FC } from "hono/jsx";
import { normaliseAddress, normaliseName } from "../domain/normalise-address.ts";
import type { CableIdRecord, MemberSearchRow, ReviewRecord } from "../domain/records.ts";
import { Alert, Csrf, dateTime, genderLabel } from "./layout.tsx";
import {
  cableIdStatusLabels,
  Field,
  HouseholdLink,
  householdStatusLabels,
  methodLabel,
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

const Same: FC<{ same: boolean; children?: unknown }> = ({ same, children }) => (
  <span>
    {children as string}{" "}
    {same ? <span class="tag linked">一致</span> : <span class="tag pending">不一致</span>}
  </span>
);

export const LinkingScreen: FC<{
  row: CableIdRecord;
  query: { name: string; birthDate: string; address: string };
  candidates: MemberSearchRow[];
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
    <Table
      head={["契約者ID", "世帯員", "生年月日", "住所", "紐づけ"]}
      rows={candidates}
      empty="候補が見つかりません。検索条件を変えてください。"
      row={(m) => (
        <tr>
          <td>
            <HouseholdLink id={m.householdId} contractId={m.contractId} />
            {m.status === "closed" && <span class="tag closed">{householdStatusLabels.closed}</span>}
          </td>
          <td>
            <Same same={normaliseName(m.name) === normaliseName(row.fourInfo.name)}>{m.name}</Same>
            <div class="muted mono">{m.memberId}</div>
          </td>
          <td>
            <Same same={m.birthDate === row.fourInfo.dateOfBirth}>{m.birthDate}</Same>
          </td>
          <td>
            <Same same={m.addressKey === normaliseAddress(row.fourInfo.address)}>{m.address}</Same>
          </td>
          <td>
            {m.status === "active" && (
              <form method="post" action={`/linking/${row.cableId}/link`}>
                <Csrf token={csrf} />
                <input type="hidden" name="memberId" value={m.memberId} />
                <label>
                  <input type="checkbox" name="correctMember" value="1" /> ④
                  世帯員の氏名・生年月日を4情報に修正
                </label>
                <button type="submit">この世帯員に紐づける</button>
              </form>
            )}
          </td>
        </tr>
      )}
    />
  </>
);

export const CableIdList: FC<{
  rows: CableIdRecord[];
  status: string;
  csrf: string;
  ok?: string | undefined;
}> = ({ rows, status, csrf, ok }) => (
  <>
    {ok && <Alert kind="ok">{ok}</Alert>}
    <form class="search" method="get" action="/cable-ids">
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
