/**
 * @module The page frame: top bar with the operator and staff member, side navigation, and shared bits (alerts,
 * CSRF field, yen formatting, pager).
 */
import { raw } from "hono/html";
import type { Child, FC } from "hono/jsx";

const doctype = raw("<!DOCTYPE html>");

export interface PageContext {
  operatorName: string;
  staffName: string;
  role: "staff" | "admin";
  csrfToken: string;
  path: string;
  pendingLinks: number;
  openReviews: number;
}

const nav: { href: string; label: string; admin?: boolean; badge?: "links" | "reviews"; group?: string }[] = [
  { href: "/", label: "ダッシュボード", group: "業務" },
  { href: "/households", label: "世帯（契約）" },
  { href: "/linking", label: "紐づけ待ち", badge: "links" },
  { href: "/cable-ids", label: "ケーブルID一覧" },
  { href: "/reviews", label: "更新・失効の確認", badge: "reviews" },
  { href: "/assisted", label: "代理登録（STB）" },
  { href: "/sessions", label: "ログイン履歴" },
  { href: "/usage", label: "サービス利用実績", group: "請求・精算" },
  { href: "/billing", label: "月次締め・請求書" },
  { href: "/pf-fees", label: "共通的PF利用料" },
  { href: "/audit", label: "監査ログ", admin: true, group: "管理" },
  { href: "/settings", label: "設定", admin: true },
];

export const yen = (n: number) => `${n < 0 ? "−" : ""}¥${Math.abs(n).toLocaleString("ja-JP")}`;
export const dateTime = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString("ja-JP", {
        timeZone: "Asia/Tokyo",
        dateStyle: "medium",
        timeStyle: "short",
      })
    : "—";
/** JIS X 0303 sex codes as staff read them. */
export const genderLabels: Record<string, string> = { "1": "男性", "2": "女性", "9": "適用不能" };
export const genderLabel = (g: string) => genderLabels[g] ?? "適用不能";
export const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

export const Csrf: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

export const Alert: FC<{ kind: "ok" | "error" | "warn"; children?: Child }> = ({ kind, children }) => (
  <div class={`alert ${kind}`} role={kind === "error" ? "alert" : "status"}>
    {children}
  </div>
);

export const Pager: FC<{
  total: number;
  offset: number;
  limit: number;
  href: (offset: number) => string;
}> = ({ total, offset, limit, href }) => (
  <div class="pager">
    <span class="muted">
      全{total.toLocaleString("ja-JP")}件中 {total === 0 ? 0 : offset + 1}〜{Math.min(offset + limit, total)}
      件
    </span>
    {offset > 0 && <a href={href(Math.max(0, offset - limit))}>← 前へ</a>}
    {offset + limit < total && <a href={href(offset + limit)}>次へ →</a>}
  </div>
);

export const Layout: FC<{ ctx: PageContext; title: string; children?: Child }> = ({
  ctx,
  title,
  children,
}) => (
  <>
    {doctype}
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${ctx.operatorName} 顧客管理`}</title>
        <link rel="stylesheet" href="/static/console.css" />
      </head>
      <body>
        <header class="top">
          <span class="brand">顧客管理システム</span>
          <span>{ctx.operatorName}</span>
          <span class="who">
            <span>
              {ctx.staffName}（{ctx.role === "admin" ? "管理者" : "担当者"}）
            </span>
            <form method="post" action="/logout">
              <Csrf token={ctx.csrfToken} />
              <button type="submit">ログアウト</button>
            </form>
          </span>
        </header>
        <div class="shell">
          <nav class="side" aria-label="メニュー">
            {nav
              .filter((item) => !item.admin || ctx.role === "admin")
              .map((item) => {
                const active = item.href === "/" ? ctx.path === "/" : ctx.path.startsWith(item.href);
                const count =
                  item.badge === "links" ? ctx.pendingLinks : item.badge === "reviews" ? ctx.openReviews : 0;
                return (
                  <>
                    {item.group && <div class="group">{item.group}</div>}
                    <a
                      href={item.href}
                      class={active ? "active" : ""}
                      aria-current={active ? "page" : undefined}
                    >
                      {item.label}
                      {count > 0 && <span class="badge">{count}</span>}
                    </a>
                  </>
                );
              })}
          </nav>
          <main>
            <h1>{title}</h1>
            {children}
          </main>
        </div>
      </body>
    </html>
  </>
);

export const Bare: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <>
    {doctype}
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/static/console.css" />
      </head>
      <body>{children}</body>
    </html>
  </>
);
