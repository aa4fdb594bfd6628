/**
 * @module The page frame of the staff screens: the insurer and staff member on top, the side navigation, and the
 * bare frame of the login page.
 */
import { raw } from "hono/html";
import type { Child, FC } from "hono/jsx";

const doctype = raw("<!DOCTYPE html>");

export interface PageContext {
  insurerName: string;
  staffName: string;
  role: "staff" | "admin";
  csrfToken: string;
  path: string;
  pendingCount: number;
}

const nav: { href: string; label: string; admin?: boolean; badge?: boolean; group?: string }[] = [
  { href: "/", label: "ダッシュボード", group: "業務" },
  { href: "/intake", label: "受付一覧・紐づけ", badge: true },
  { href: "/persons", label: "被保険者" },
  { href: "/csv", label: "CSV一括紐づけ" },
  { href: "/eligibility-log", label: "資格確認の照会履歴", group: "記録" },
  { href: "/audit", label: "監査ログ", admin: true },
];

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
        <title>{`${title} | ${ctx.insurerName} 被保険者管理`}</title>
        <link rel="stylesheet" href="/static/insurer.css" />
      </head>
      <body>
        <header class="top">
          <span class="brand">被保険者管理・共通的PFID紐づけ</span>
          <span>{ctx.insurerName}</span>
          <span class="who">
            <span>
              {ctx.staffName}（{ctx.role === "admin" ? "管理者" : "担当者"}）
            </span>
            <form method="post" action="/logout">
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
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
                return (
                  <>
                    {item.group && <div class="group">{item.group}</div>}
                    <a
                      href={item.href}
                      class={active ? "active" : ""}
                      aria-current={active ? "page" : undefined}
                    >
                      {item.label}
                      {item.badge && ctx.pendingCount > 0 && <span class="badge">{ctx.pendingCount}</span>}
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

export const Bare: FC<{ title: string; bodyClass?: string; children?: Child }> = ({
  title,
  bodyClass,
  children,
}) => (
  <>
    {doctype}
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/static/insurer.css" />
      </head>
      <body class={bodyClass}>{children}</body>
    </html>
  </>
);
