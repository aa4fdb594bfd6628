/**
 * @module Pages for household contracts: search list, detail, create/edit form, CSV import.
 */
import type { FC } from "hono/jsx";
import { type CsvRowError, csvColumns } from "../domain/households-csv.ts";
import { contractFieldLabels, type ImportPlan, type PlannedUpdate } from "../domain/import-households-csv.ts";
import type { CableIdRecord, Household, HouseholdSummary, Statement } from "../domain/records.ts";
import { Alert, Csrf, dateTime, genderLabel, genderLabels, monthLabel, Pager, yen } from "./layout.tsx";
import {
  Field,
  HouseholdLink,
  householdStatusLabels,
  methodLabel,
  Options,
  SearchField,
  SearchSelect,
  StatCard,
  Table,
  UnlinkForm,
} from "./parts.tsx";

export const HouseholdList: FC<{
  rows: HouseholdSummary[];
  total: number;
  q: string;
  status: string;
  offset: number;
  limit: number;
  ok?: string | undefined;
}> = ({ rows, total, q, status, offset, limit, ok }) => (
  <>
    {ok && <Alert kind="ok">{ok}</Alert>}
    <form class="search" method="get" action="/households">
      <SearchField
        label="契約者ID・氏名・住所・ケーブルID"
        name="q"
        type="text"
        value={q}
        placeholder="例: NT-00012 / 南砺 太郎 / 福野3-2 / K7Q2-M4XA"
        size={36}
      />
      <SearchSelect
        label="状態"
        name="status"
        choices={[["", "すべて"], ...Object.entries(householdStatusLabels)]}
        selected={status}
      />
      <button type="submit">検索</button>
      <span class="actions">
        <a class="button secondary" href="/households/new">
          新規登録
        </a>
        <a class="button secondary" href="/households/import">
          CSV取込
        </a>
        <a class="button secondary" href="/households/export.csv?encoding=utf-8">
          CSV出力（UTF-8）
        </a>
        <a class="button secondary" href="/households/export.csv?encoding=shift_jis">
          CSV出力（Shift_JIS）
        </a>
      </span>
    </form>
    <Table
      head={["契約者ID", "住所", "世帯員", "プラン", { num: "月額（税込）" }, "ケーブルID", "状態"]}
      rows={rows}
      empty="該当する世帯はありません。"
      row={(h) => (
        <tr>
          <td>
            <HouseholdLink id={h.id} contractId={h.contractId} />
          </td>
          <td>{h.address}</td>
          <td>{h.memberNames}</td>
          <td>{h.plan}</td>
          <td class="num">{yen(h.monthlyFeeYen)}</td>
          <td>{h.linkedCount > 0 ? `${h.linkedCount}件 紐づけ済` : <span class="muted">なし</span>}</td>
          <td>
            <span class={`tag ${h.status}`}>{householdStatusLabels[h.status]}</span>
          </td>
        </tr>
      )}
    />
    <Pager
      total={total}
      offset={offset}
      limit={limit}
      href={(o) => `/households?q=${encodeURIComponent(q)}&status=${status}&offset=${o}`}
    />
  </>
);

export const HouseholdDetail: FC<{
  household: Household;
  cableIds: CableIdRecord[];
  statements: Statement[];
  csrf: string;
  ok?: string | undefined;
}> = ({ household: h, cableIds, statements, csrf, ok }) => (
  <>
    {ok && <Alert kind="ok">{ok}</Alert>}
    <div class="grid2">
      <div class="card">
        <h2>契約情報</h2>
        <dl class="kv">
          <dt>契約者ID</dt>
          <dd class="mono">{h.contractId}</dd>
          <dt>住所</dt>
          <dd>{h.address}</dd>
          <dt>プラン</dt>
          <dd>{h.plan}</dd>
          <dt>月額料金（税込）</dt>
          <dd>{yen(h.monthlyFeeYen)}</dd>
          <dt>利用開始日</dt>
          <dd>{h.serviceStartDate}</dd>
          <dt>状態</dt>
          <dd>
            <span class={`tag ${h.status}`}>
              {h.status === "active"
                ? householdStatusLabels.active
                : `${householdStatusLabels.closed}（${dateTime(h.closedAt)}）`}
            </span>
          </dd>
        </dl>
        {h.status === "active" && (
          <div class="actions">
            <a class="button" href={`/households/${h.id}/edit`}>
              編集
            </a>
            <a class="button secondary" href={`/usage?household=${h.id}`}>
              利用実績
            </a>
            <form class="inline" method="post" action={`/households/${h.id}/close`}>
              <Csrf token={csrf} />
              <label class="inline">
                <input type="checkbox" name="confirm" value="1" required /> 解約を確認
              </label>{" "}
              <button class="danger" type="submit">
                解約する
              </button>
            </form>
          </div>
        )}
      </div>
      <div class="card">
        <h2>請求書</h2>
        {statements.length === 0 ? (
          <p class="muted">締め済みの請求書はまだありません。</p>
        ) : (
          <table>
            <tbody>
              {statements.map((s) => (
                <tr>
                  <td>
                    <a href={`/billing/${s.month}/statements/${h.id}`}>{monthLabel(s.month)}分</a>
                  </td>
                  <td class="num">{yen(s.totalYen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
    <div class="card">
      <h2>世帯員とケーブルID</h2>
      <Table
        head={["世帯員ID", "氏名", "生年月日", "性別", "ケーブルID", "紐づけ", ""]}
        rows={h.members}
        row={(m) => {
          const linked = cableIds.filter((c) => c.memberRowId === m.id);
          return (
            <tr>
              <td class="mono">{m.memberId}</td>
              <td>{m.name}</td>
              <td>{m.birthDate}</td>
              <td>{genderLabel(m.gender)}</td>
              <td class="mono">
                {linked.length === 0 ? (
                  <span class="muted">未登録</span>
                ) : (
                  linked.map((c) => <div>{c.cableId}</div>)
                )}
              </td>
              <td>
                {linked.map((c) => (
                  <div>
                    <span class={`tag ${c.status}`}>
                      {c.status === "revoked" ? "失効" : methodLabel(c.linkMethod)}
                    </span>{" "}
                    <span class="muted">{dateTime(c.linkedAt)}</span>
                  </div>
                ))}
              </td>
              <td>
                {linked
                  .filter((c) => c.status === "linked")
                  .map((c) => (
                    <UnlinkForm
                      cableId={c.cableId}
                      back={`/households/${h.id}`}
                      csrf={csrf}
                      size={12}
                      button="紐づけ解除"
                    />
                  ))}
                {linked.length === 0 && h.status === "active" && (
                  <a href={`/assisted?member=${encodeURIComponent(m.memberId)}`}>STBで代理登録</a>
                )}
              </td>
            </tr>
          );
        }}
      />
    </div>
  </>
);

export interface FormValues {
  contractId: string;
  address: string;
  plan: string;
  monthlyFeeYen: string;
  serviceStartDate: string;
  members: { memberId?: string | undefined; name: string; birthDate: string; gender: string }[];
}

export const HouseholdForm: FC<{
  action: string;
  values: FormValues;
  csrf: string;
  editing: boolean;
  error?: string | undefined;
}> = ({ action, values, csrf, editing, error }) => {
  const rows = [
    ...values.members,
    ...Array.from({ length: 2 }, () => ({ memberId: undefined, name: "", birthDate: "", gender: "" })),
  ];
  return (
    <form method="post" action={action} class="card">
      {error && <Alert kind="error">{error}</Alert>}
      <Csrf token={csrf} />
      <div class="grid2">
        <Field
          label="契約者ID（世帯）"
          name="contractId"
          type="text"
          value={values.contractId}
          required
          readonly={editing}
        />
        <Field label="プラン" name="plan" type="text" value={values.plan} required list="plans">
          <datalist id="plans">
            <option value="ベーシック" />
            <option value="スタンダード" />
            <option value="プレミアム" />
            <option value="ネット＋テレビ" />
          </datalist>
        </Field>
        <Field
          label="住所（都道府県から）"
          name="address"
          type="text"
          value={values.address}
          required
          class="wide"
        />
        <Field
          label="月額料金（税込・円）"
          name="monthlyFeeYen"
          type="number"
          min="0"
          value={values.monthlyFeeYen}
          required
        />
        <Field
          label="利用開始日"
          name="serviceStartDate"
          type="date"
          value={values.serviceStartDate}
          required
        >
          <div class="muted">月額料金はこの日の属する月の翌月分から請求します（1日開始ならその月から）。</div>
        </Field>
      </div>
      <h2>世帯員</h2>
      <p class="muted">
        氏名・生年月日・住所が電子証明書の4情報と一致すると、登録時に自動で紐づけられます。空欄の行は無視されます。
      </p>
      <Table
        head={["世帯員ID", "氏名", "生年月日", "性別"]}
        rows={rows}
        row={(m) => (
          <tr>
            <td class="mono">
              {m.memberId ?? <span class="muted">（自動採番）</span>}
              <input type="hidden" name="memberId" value={m.memberId ?? ""} />
            </td>
            <td>
              <input type="text" name="memberName" value={m.name} aria-label="氏名" />
            </td>
            <td>
              <input type="date" name="memberBirthDate" value={m.birthDate} aria-label="生年月日" />
            </td>
            <td>
              <select name="memberGender" aria-label="性別">
                <Options choices={[["", "—"], ...Object.entries(genderLabels)]} selected={m.gender} />
              </select>
            </td>
          </tr>
        )}
      />
      <div class="actions">
        <button type="submit">{editing ? "保存" : "登録"}</button>
        <a href={editing ? action : "/households"}>キャンセル</a>
      </div>
    </form>
  );
};

export const ImportPage: FC<{
  csrf: string;
  errors?: CsvRowError[] | undefined;
  message?: string | undefined;
  ok?: string | undefined;
}> = ({ csrf, errors, message, ok }) => (
  <>
    {ok && <Alert kind="ok">{ok}</Alert>}
    {message && <Alert kind="error">{message}</Alert>}
    {errors && errors.length > 0 && <CsvErrors errors={errors} />}
    <form class="card" method="post" action="/households/import" enctype="multipart/form-data">
      <Csrf token={csrf} />
      <Field label="CSVファイル" name="file" type="file" accept=".csv,text/csv" required />
      <div class="field">
        <label for="encoding">文字コード</label>
        <select id="encoding" name="encoding">
          <option value="auto">自動判定（UTF-8 / Shift_JIS）</option>
          <option value="utf-8">UTF-8</option>
          <option value="shift_jis">Shift_JIS</option>
        </select>
      </div>
      <button type="submit">内容を確認</button>
      <span class="muted"> 取り込む前に、新規登録・更新される世帯を確認できます。</span>
    </form>
    <div class="card">
      <h2>形式</h2>
      <p>
        1行目は見出し行、以降は世帯員1人につき1行です。同じ契約者IDの行は1世帯にまとめます（住所・プラン・月額料金・利用開始日は同じ値にしてください）。「CSV出力」したファイルをExcelで直してそのまま取り込めます。
      </p>
      <pre class="mono">
        {csvColumns.map((c) => c.header).join(",")}
        {"\n"}
        NT-10001,富山県南砺市福野3丁目2番5号,スタンダード,4400,2024/4/1,,南砺 太郎,1975/4/1,1
      </pre>
      <ul class="muted">
        <li>
          既に登録されている契約者IDの世帯は、ファイルの内容に更新します。世帯員は世帯員IDで（空欄なら氏名と生年月日が同じ人を）特定し、見つからない行は世帯員として追加します。ファイルにない世帯・世帯員は削除しません。新規の世帯の世帯員IDは自動採番です。
        </li>
        <li>
          利用開始日と世帯員IDは省略できます（列ごとなくても可）。利用開始日が空欄の新規世帯は取り込んだ日から利用開始です。
        </li>
        <li>
          日付は 1980/5/6、1980-05-06、1980年5月6日 のいずれも使えます。月額料金は税込の円（4,400 も可）。
        </li>
        <li>
          性別は 1（男性）・2（女性）・9（適用不能）、または 男性・女性。見出しは英語名（
          {csvColumns.map((c) => c.key).join(",")}）も使えます。
        </li>
      </ul>
    </div>
  </>
);

const CsvErrors: FC<{ errors: CsvRowError[] }> = ({ errors }) => (
  <div class="card">
    <Alert kind="error">
      CSVに{errors.length}件の誤りがあります。1件も取り込んでいません。修正して再度取り込んでください。
    </Alert>
    <Table
      head={[{ num: "行" }, "内容"]}
      rows={errors}
      row={(e) => (
        <tr>
          <td class="num">{e.line}</td>
          <td>{e.message}</td>
        </tr>
      )}
    />
  </div>
);

/** What changes in an existing household, in words: the contract's fields, then its members. */
const changeSummary = (u: PlannedUpdate) =>
  [
    u.fields.map((f) => contractFieldLabels[f]).join("・"),
    u.membersChanged.length > 0 &&
      `世帯員${u.membersChanged.length}名の変更（${u.membersChanged.join("、")}）`,
    u.membersAdded > 0 && `世帯員${u.membersAdded}名の追加`,
  ]
    .filter(Boolean)
    .join("、");

const previewRows = 200;

/** The import staff are about to confirm: what is created, what is updated and how; nothing is written yet. */
export const ImportPreview: FC<{
  plan: ImportPlan;
  payload: string;
  encoding: string;
  csrf: string;
  warning?: string | undefined;
}> = ({ plan, payload, encoding, csrf, warning }) => {
  const rows = [
    ...plan.created.map((c) => ({
      line: c.line,
      kind: "新規",
      contract: <span class="mono">{c.input.contractId}</span>,
      what: `世帯員${c.input.members.length}名（利用開始日 ${c.input.serviceStartDate}）`,
    })),
    ...plan.updated.map((u) => ({
      line: u.line,
      kind: "更新",
      contract: <HouseholdLink id={u.householdId} contractId={u.contractId} />,
      what: changeSummary(u),
    })),
  ].sort((a, b) => a.line - b.line);
  return (
    <>
      {warning && <Alert kind="warn">{warning}</Alert>}
      <div class="grid3">
        <StatCard label="新規登録する世帯">{plan.created.length}件</StatCard>
        <StatCard label="更新する世帯">{plan.updated.length}件</StatCard>
        <StatCard label="変更のない世帯">{plan.unchanged}件</StatCard>
      </div>
      <p class="muted">
        まだ取り込んでいません。内容を確かめて「取り込む」を押してください。ファイルにない世帯・世帯員は削除しません。
      </p>
      {rows.length === 0 ? (
        <Alert kind="ok">
          ファイルの{plan.unchanged}世帯はすべて登録済みの内容と同じです。取り込む変更はありません。
        </Alert>
      ) : (
        <>
          <Table
            head={[{ num: "行" }, "区分", "契約者ID", "内容"]}
            rows={rows.slice(0, previewRows)}
            row={(r) => (
              <tr>
                <td class="num">{r.line}</td>
                <td>
                  <span class={`tag ${r.kind === "新規" ? "active" : "pending"}`}>{r.kind}</span>
                </td>
                <td>{r.contract}</td>
                <td>{r.what}</td>
              </tr>
            )}
          />
          {rows.length > previewRows && <p class="muted">ほか {rows.length - previewRows} 世帯</p>}
          <form method="post" action="/households/import/apply" class="actions">
            <Csrf token={csrf} />
            <input type="hidden" name="payload" value={payload} />
            <input type="hidden" name="encoding" value={encoding} />
            <input type="hidden" name="digest" value={plan.digest} />
            <button type="submit">
              取り込む（新規{plan.created.length}世帯・更新{plan.updated.length}世帯）
            </button>
            <a href="/households/import">取り込まずに戻る</a>
          </form>
        </>
      )}
    </>
  );
};
