/**
 * @module The intake list (受付一覧): the registrations the PF reported with their verified 4情報, by what is left
 * to do.
 */
import type { FC } from "hono/jsx";
import type { IntakeRow } from "../domain/list-intake.ts";
import type { IntakeView, Page } from "../domain/ports.ts";
import { Layout, type PageContext } from "./layout.tsx";
import { channelLabel, dateJa, dateTime, numberOf, Pager, RegistrationState, sexLabel } from "./parts.tsx";

const tabs: { view: IntakeView; label: string }[] = [
  { view: "pending", label: "紐づけ待ち" },
  { view: "review", label: "4情報の変更" },
  { view: "linked", label: "紐づけ済" },
  { view: "revoked", label: "失効" },
  { view: "all", label: "すべて" },
];

export const IntakePage: FC<{
  ctx: PageContext;
  view: IntakeView;
  page: Page<IntakeRow>;
  counts: Record<IntakeView, number>;
  offset: number;
  limit: number;
}> = ({ ctx, view, page, counts, offset, limit }) => (
  <Layout ctx={ctx} title="受付一覧・紐づけ">
    <p class="muted">
      共通的PFで利用者登録した方の申請情報（署名用電子証明書で確認済みの4情報）です。被保険者を特定して、共通的PFIDを紐づけてください。
    </p>
    <nav class="tabs" aria-label="表示の切り替え">
      {tabs.map((t) => (
        <a href={`/intake?view=${t.view}`} class={t.view === view ? "active" : ""}>
          {t.label}（{counts[t.view]}）
        </a>
      ))}
    </nav>
    <table id="intake-table">
      <thead>
        <tr>
          <th>受付日時</th>
          <th>共通的PFID</th>
          <th>氏名</th>
          <th>生年月日</th>
          <th>性別</th>
          <th>住所</th>
          <th>登録場所</th>
          <th>状態</th>
          <th>被保険者</th>
        </tr>
      </thead>
      <tbody>
        {page.items.length === 0 && (
          <tr>
            <td colspan={9} class="muted">
              該当する受付はありません。
            </td>
          </tr>
        )}
        {page.items.map(({ registration: r, linkedPersons }) => (
          <tr data-account-id={r.accountId}>
            <td class="nowrap">{dateTime(r.receivedAt)}</td>
            <td class="mono nowrap">
              <a href={`/intake/${r.accountId}`}>{r.accountId}</a>
            </td>
            <td class="nowrap">
              {r.fourInfo.name}
              {r.reviewPending && <span class="tag warn">変更あり</span>}
            </td>
            <td class="nowrap">{dateJa(r.fourInfo.dateOfBirth)}</td>
            <td>{sexLabel(r.fourInfo.gender)}</td>
            <td>{r.fourInfo.address}</td>
            <td class="nowrap">{channelLabel(r)}</td>
            <td>
              <RegistrationState registration={r} linked={linkedPersons.length} />
            </td>
            <td class="nowrap">
              {linkedPersons.map((p) => (
                <div>
                  <a href={`/persons/${p.id}`}>{numberOf(p)}</a>
                </div>
              ))}
              {linkedPersons.length === 0 && r.status === "active" && (
                <a class="button secondary" href={`/intake/${r.accountId}`}>
                  紐づける
                </a>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <Pager
      total={page.total}
      offset={offset}
      limit={limit}
      href={(o) => `/intake?view=${view}&offset=${o}`}
    />
  </Layout>
);
