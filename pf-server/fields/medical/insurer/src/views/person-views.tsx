/**
 * @module The 被保険者 pages: the register searched, and one person with their household, their 資格 as a reception
 * would be answered today, the 共通的PFID they are linked to and the corrections made to their record.
 */
import type { FC } from "hono/jsx";
import { correctableFieldLabels } from "../domain/matching.ts";
import type { InsuredPerson, Page } from "../domain/ports.ts";
import type { PersonView } from "../domain/show-insured-person.ts";
import { Layout, type PageContext } from "./layout.tsx";
import {
  cardClassLabel,
  dateJa,
  dateTime,
  limitFlagLabel,
  lossLabel,
  numberOf,
  Pager,
  ratioLabel,
  relationshipLabel,
  sexLabel,
} from "./parts.tsx";

export const PersonListPage: FC<{
  ctx: PageContext;
  text: string;
  page: Page<InsuredPerson>;
  offset: number;
  limit: number;
}> = ({ ctx, text, page, offset, limit }) => (
  <Layout ctx={ctx} title="被保険者">
    <form method="get" action="/persons" class="search">
      <div class="field">
        <label for="p-text">氏名・カナ・記号・番号</label>
        <input id="p-text" type="text" name="q" value={text} />
      </div>
      <button type="submit">検索</button>
    </form>
    <table id="persons">
      <thead>
        <tr>
          <th>記号・番号・枝番</th>
          <th>本人・家族</th>
          <th>氏名</th>
          <th>カナ</th>
          <th>生年月日</th>
          <th>性別</th>
          <th>資格取得</th>
          <th>資格喪失</th>
        </tr>
      </thead>
      <tbody>
        {page.items.map((p) => (
          <tr>
            <td class="nowrap">
              <a href={`/persons/${p.id}`}>{numberOf(p)}</a>
            </td>
            <td>{relationshipLabel(p.relationship)}</td>
            <td class="nowrap">{p.name}</td>
            <td class="nowrap">{p.nameKana}</td>
            <td class="nowrap">{dateJa(p.birthDate)}</td>
            <td>{sexLabel(p.sex)}</td>
            <td class="nowrap">{dateJa(p.qualificationDate)}</td>
            <td class="nowrap">
              {p.disqualificationDate
                ? `${dateJa(p.disqualificationDate)}（${lossLabel(p.reasonOfLoss)}）`
                : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <Pager
      total={page.total}
      offset={offset}
      limit={limit}
      href={(o) => `/persons?q=${encodeURIComponent(text)}&offset=${o}`}
    />
  </Layout>
);

export const PersonPage: FC<{ ctx: PageContext; view: PersonView }> = ({ ctx, view }) => {
  const p = view.person;
  const live = view.links.filter((l) => !l.unlinkedAt);
  return (
    <Layout ctx={ctx} title={`被保険者 ${numberOf(p)}`}>
      <div class="grid2">
        <div class="card">
          <h2>被保険者情報</h2>
          <dl class="kv">
            <dt>記号・番号・枝番</dt>
            <dd>{numberOf(p)}</dd>
            <dt>本人・家族</dt>
            <dd>{relationshipLabel(p.relationship)}</dd>
            <dt>氏名</dt>
            <dd>
              {p.name}（{p.nameKana}）
            </dd>
            <dt>生年月日</dt>
            <dd>{dateJa(p.birthDate)}</dd>
            <dt>性別</dt>
            <dd>{sexLabel(p.sex)}</dd>
            <dt>住所</dt>
            <dd>{p.address}</dd>
            <dt>被保険者証区分</dt>
            <dd>{cardClassLabel(p.cardClassification)}</dd>
            <dt>資格取得日</dt>
            <dd>{dateJa(p.qualificationDate)}</dd>
            <dt>資格喪失日</dt>
            <dd>
              {view.loss
                ? `${dateJa(view.loss.disqualificationDate)}（${lossLabel(view.loss.reasonOfLoss)}）`
                : "—"}
            </dd>
          </dl>
        </div>
        <div class="card">
          <h2>本日（{dateJa(view.today)}）の資格</h2>
          <dl class="kv" id="today">
            <dt>資格</dt>
            <dd>{view.covered ? <span class="tag ok">有効</span> : <span class="tag bad">無効</span>}</dd>
            {view.covered && (
              <>
                <dt>負担割合</dt>
                <dd>{ratioLabel(view.ratio)}</dd>
                {view.elderly && (
                  <>
                    <dt>高齢受給者証</dt>
                    <dd>
                      {ratioLabel(view.elderly.contributionRatio)}（{dateJa(view.elderly.validFrom)}〜
                      {dateJa(view.elderly.validUntil)}）
                    </dd>
                  </>
                )}
                <dt>限度額適用区分</dt>
                <dd>
                  {limitFlagLabel(view.limit.classificationFlag)}（{view.limit.classificationFlag}）
                </dd>
              </>
            )}
            <dt>共通的PFID</dt>
            <dd class="mono">
              {live.length === 0
                ? "未紐づけ"
                : live.map((l) => <a href={`/intake/${l.accountId}`}>{l.accountId}</a>)}
            </dd>
          </dl>
        </div>
      </div>
      <div class="card">
        <h2>同じ記号・番号の方</h2>
        <table>
          <tbody>
            {view.household.map((m) => (
              <tr>
                <td class="nowrap">
                  <a href={`/persons/${m.id}`}>{numberOf(m)}</a>
                </td>
                <td>{relationshipLabel(m.relationship)}</td>
                <td>{m.name}</td>
                <td>{dateJa(m.birthDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="card">
        <h2>記録の修正履歴</h2>
        {view.corrections.length === 0 ? (
          <p class="muted">修正はありません。</p>
        ) : (
          <table id="corrections">
            <thead>
              <tr>
                <th>日時</th>
                <th>項目</th>
                <th>修正前</th>
                <th>修正後</th>
                <th>根拠</th>
                <th>担当</th>
              </tr>
            </thead>
            <tbody>
              {view.corrections.map((c) => (
                <tr>
                  <td class="nowrap">{dateTime(c.at)}</td>
                  <td>{correctableFieldLabels[c.field]}</td>
                  <td>{c.oldValue}</td>
                  <td>{c.newValue}</td>
                  <td class="mono small">{c.accountId ? `申請 ${c.accountId}` : ""}</td>
                  <td>{c.staffLoginId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Layout>
  );
};
