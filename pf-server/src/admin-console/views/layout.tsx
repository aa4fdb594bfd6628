/**
 * @module The administrator console's page frame: top bar with the staff member, side navigation, and shared
 * bits (alerts, CSRF field, date formatting).
 */
import { raw } from "hono/html";
import type { Child, FC } from "hono/jsx";
import { ADMIN_BASE } from "./paths.ts";

const doctype = raw("<!DOCTYPE html>");

export interface PageContext {
  staffName: string;
  role: "admin" | "staff";
  csrfToken: string;
  path: string;
}

const nav: { href: string; label: string; group?: string }[] = [
  { href: `${ADMIN_BASE}/tenants`, label: "テナント", group: "テナント" },
  { href: `${ADMIN_BASE}/terminals`, label: "端末（STB・受付）" },
  { href: `${ADMIN_BASE}/outbox`, label: "Webhook送信", group: "運用" },
  { href: `${ADMIN_BASE}/jpki`, label: "JPKI状態" },
  { href: `${ADMIN_BASE}/metering`, label: "従量計測・利用料", group: "請求" },
  { href: `${ADMIN_BASE}/audit`, label: "監査ログ", group: "監査" },
];

export const dateTime = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString("ja-JP", {
        timeZone: "Asia/Tokyo",
        dateStyle: "medium",
        timeStyle: "medium",
      })
    : "—";
export const yen = (n: number) => `¥${n.toLocaleString("ja-JP")}`;

export const Csrf: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

export const Alert: FC<{ kind: "ok" | "error" | "warn"; children?: Child }> = ({ kind, children }) => (
  <div class={`alert ${kind}`} role={kind === "error" ? "alert" : "status"}>
    {children}
  </div>
);

const Head: FC<{ title: string }> = ({ title }) => (
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{`${title} | 共通的PF 管理コンソール`}</title>
    <link rel="stylesheet" href={`${ADMIN_BASE}/static/admin.css`} />
  </head>
);

export const Layout: FC<{ ctx: PageContext; title: string; children?: Child }> = ({
  ctx,
  title,
  children,
}) => (
  <>
    {doctype}
    <html lang="ja">
      <Head title={title} />
      <body>
        <header class="top">
          <span class="brand">共通的PF 管理コンソール</span>
          <span class="who">
            <span>
              {ctx.staffName}（{ctx.role === "admin" ? "管理者" : "運用担当（閲覧）"}）
            </span>
            <form method="post" action={`${ADMIN_BASE}/logout`}>
              <Csrf token={ctx.csrfToken} />
              <button type="submit">ログアウト</button>
            </form>
          </span>
        </header>
        <div class="shell">
          <nav class="side" aria-label="メニュー">
            {nav.map((item) => {
              const active = ctx.path.startsWith(item.href);
              return (
                <>
                  {item.group && <div class="group">{item.group}</div>}
                  <a
                    href={item.href}
                    class={active ? "active" : ""}
                    aria-current={active ? "page" : undefined}
                  >
                    {item.label}
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
      <Head title={title} />
      <body>{children}</body>
    </html>
  </>
);
