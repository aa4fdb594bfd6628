/**
 * @module The administrator console's pages: tenants, terminals, the webhook outbox, JPKI status, metering and
 * fee statements, and the audit log. Each renders what one use case answered; none reads the store.
 */
import type { FC } from "hono/jsx";
import type { listOperators } from "../../domain/list-operators.ts";
import type { listProviders } from "../../domain/list-providers.ts";
import type { AuditRow, OutboxListStatus } from "../../storage/repositories.ts";
import type { listMedicalTenants } from "../domain/list-medical-tenants.ts";
import type { TerminalView } from "../domain/list-terminals.ts";
import type { JpkiStatus } from "../domain/read-jpki-status.ts";
import type { readOutboxOverview } from "../domain/read-outbox-overview.ts";
import { Alert, Csrf, dateTime, Layout, type PageContext, yen } from "./layout.tsx";
import { ADMIN_BASE } from "./paths.ts";

const policyLabel = { ocsp: "OCSP（都度）", crl: "CRL（定期取得）" } as const;

export const TenantsPage: FC<{
  ctx: PageContext;
  operators: Awaited<ReturnType<typeof listOperators>>;
  providers: Awaited<ReturnType<typeof listProviders>>;
  medical: Awaited<ReturnType<typeof listMedicalTenants>>;
}> = ({ ctx, operators, providers, medical }) => (
  <Layout ctx={ctx} title="テナント">
    <h2>CATV事業者（{operators.length}社）</h2>
    <table>
      <thead>
        <tr>
          <th>ID</th>
          <th>名称</th>
          <th>市町村</th>
          <th>失効確認</th>
          <th>Webhook</th>
          <th class="num">端末</th>
          <th>事業者間ログイン</th>
          <th>更新</th>
        </tr>
      </thead>
      <tbody>
        {operators.map((op) => (
          <tr>
            <td class="mono">{op.id}</td>
            <td>{op.name}</td>
            <td>
              {op.prefecture} {op.town}
            </td>
            <td>{policyLabel[op.revocationPolicy]}</td>
            <td>
              {op.webhookUrl ? (
                <span class="tag active">登録済</span>
              ) : (
                <span class="tag pending">未登録</span>
              )}
            </td>
            <td class="num">
              <a href={`${ADMIN_BASE}/terminals?owner=${encodeURIComponent(op.id)}`}>{op.terminals.length}</a>
            </td>
            <td>{op.crossOperatorLogins ? "許可" : "—"}</td>
            <td>{dateTime(op.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <h2>サービス事業者（{providers.length}社）</h2>
    <table>
      <thead>
        <tr>
          <th>ID</th>
          <th>名称</th>
          <th>サービス</th>
          <th>PINなし</th>
          <th>Webhook</th>
        </tr>
      </thead>
      <tbody>
        {providers.map((p) => (
          <tr>
            <td class="mono">{p.id}</td>
            <td>{p.name}</td>
            <td>
              {p.services.map((s) => (
                <div>
                  {s.name}
                  <span class="muted">（{s.requiresPin ? "PIN必須" : "PINなし可"}）</span>
                </div>
              ))}
            </td>
            <td>{p.pinlessAllowed ? "可" : "不可"}</td>
            <td>
              {p.webhookUrl ? (
                <span class="tag active">登録済</span>
              ) : (
                <span class="tag pending">未登録</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <h2>保険者（{medical.insurers.length}）</h2>
    <table>
      <thead>
        <tr>
          <th>ID</th>
          <th>名称</th>
          <th>失効確認</th>
          <th>Webhook</th>
        </tr>
      </thead>
      <tbody>
        {medical.insurers.map((insurer) => (
          <tr>
            <td class="mono">{insurer.id}</td>
            <td>{insurer.name}</td>
            <td>{policyLabel[insurer.revocationPolicy]}</td>
            <td>
              {insurer.webhookSet ? (
                <span class="tag active">登録済</span>
              ) : (
                <span class="tag pending">未登録</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <h2>医療機関（{medical.institutions.length}）</h2>
    <table>
      <thead>
        <tr>
          <th>ID</th>
          <th>名称</th>
          <th>受付</th>
          <th>医療機関コード</th>
          <th>照会できる保険者</th>
          <th class="num">端末</th>
        </tr>
      </thead>
      <tbody>
        {medical.institutions.flatMap((institution) =>
          institution.receptions.map((reception) => (
            <tr>
              <td class="mono">{institution.id}</td>
              <td>{institution.name}</td>
              <td>{reception.name}</td>
              <td class="mono">{reception.institutionCode ?? "—"}</td>
              <td class="mono">{reception.insurerIds.join(", ")}</td>
              <td class="num">
                <a href={`${ADMIN_BASE}/terminals?owner=${encodeURIComponent(institution.id)}`}>
                  {reception.terminals}
                </a>
              </td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  </Layout>
);

export const TerminalsPage: FC<{
  ctx: PageContext;
  terminals: TerminalView[];
  /** Site owners, for the filter. */
  owners: { id: string; name: string }[];
  /** CATV operators, whose portal site a new STB joins. */
  operators: { id: string; name: string }[];
  ownerFilter: string;
  notice?: { kind: "ok" | "error"; text: string } | undefined;
}> = ({ ctx, terminals, owners, operators, ownerFilter, notice }) => (
  <Layout ctx={ctx} title="端末（STB・受付）">
    {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
    <form class="search" method="get" action={`${ADMIN_BASE}/terminals`}>
      <div>
        <label for="owner">設置者（事業者・医療機関）</label>
        <select id="owner" name="owner">
          <option value="">すべて</option>
          {owners.map((owner) => (
            <option value={owner.id} selected={owner.id === ownerFilter}>
              {owner.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        絞り込む
      </button>
    </form>
    <table>
      <thead>
        <tr>
          <th>端末ID</th>
          <th>設置者</th>
          <th>設置場所</th>
          <th>状態</th>
          <th>登録</th>
          <th>最終利用</th>
          {ctx.role === "admin" && <th>操作</th>}
        </tr>
      </thead>
      <tbody>
        {terminals.map((t) => (
          <tr>
            <td class="mono">{t.terminalId}</td>
            <td>{t.ownerName}</td>
            <td>{t.siteName}</td>
            <td>
              <span class={`tag ${t.status}`}>{t.status === "active" ? "有効" : "無効"}</span>
            </td>
            <td>{dateTime(t.createdAt)}</td>
            <td>{t.lastUsedAt ? dateTime(t.lastUsedAt) : <span class="muted">未使用</span>}</td>
            {ctx.role === "admin" && (
              <td>
                <form
                  class="inline"
                  method="post"
                  action={`${ADMIN_BASE}/terminals/${encodeURIComponent(t.terminalId)}/status`}
                >
                  <Csrf token={ctx.csrfToken} />
                  <input type="hidden" name="status" value={t.status === "active" ? "disabled" : "active"} />
                  <button type="submit" class={t.status === "active" ? "danger" : "secondary"}>
                    {t.status === "active" ? "無効にする" : "有効にする"}
                  </button>
                </form>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
    {ctx.role === "admin" && (
      <div class="card">
        <h2>端末の登録</h2>
        <p class="muted">STBの公開鍵（ES256, P-256 のJWK）を登録すると、その端末の署名が受け付けられます。</p>
        <form method="post" action={`${ADMIN_BASE}/terminals`}>
          <Csrf token={ctx.csrfToken} />
          <div class="grid2">
            <div class="field">
              <label for="new-operator">事業者</label>
              <select id="new-operator" name="operatorId" required>
                {operators.map((op) => (
                  <option value={op.id}>{op.name}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="terminalId">端末ID</label>
              <input
                id="terminalId"
                name="terminalId"
                type="text"
                required
                pattern="[A-Za-z0-9_.:\-]{3,64}"
              />
            </div>
          </div>
          <div class="field">
            <label for="publicJwk">公開鍵（JWK）</label>
            <textarea id="publicJwk" name="publicJwk" rows={3} class="wide" required />
          </div>
          <button type="submit">登録する</button>
        </form>
      </div>
    )}
  </Layout>
);

const outboxTabs: { status: OutboxListStatus; label: string }[] = [
  { status: "pending", label: "送信待ち" },
  { status: "failed", label: "再送待ち（失敗）" },
  { status: "dead", label: "送信停止（dead）" },
  { status: "delivered", label: "送信済み" },
];
const statusLabel = { pending: "送信待ち", delivered: "送信済み", dead: "送信停止" } as const;

export const OutboxPage: FC<{
  ctx: PageContext;
  status: OutboxListStatus;
  overview: Awaited<ReturnType<typeof readOutboxOverview>>;
  now: Date;
  notice?: { kind: "ok" | "error"; text: string } | undefined;
}> = ({ ctx, status, overview, now, notice }) => (
  <Layout ctx={ctx} title="Webhook送信（アウトボックス）">
    {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
    <h2>送信先ごとの状況</h2>
    {overview.destinations.length === 0 ? (
      <p class="muted">未送信のイベントはありません。</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>送信先</th>
            <th class="num">送信待ち</th>
            <th class="num">うち再送待ち</th>
            <th class="num">送信停止</th>
            <th>最古の送信待ち</th>
          </tr>
        </thead>
        <tbody>
          {overview.destinations.map((d) => (
            <tr>
              <td>
                {d.name} <span class="muted mono">{d.targetId}</span>
              </td>
              <td class="num">{d.pending}</td>
              <td class="num">{d.retrying}</td>
              <td class="num">{d.dead > 0 ? <span class="tag dead">{d.dead}</span> : 0}</td>
              <td>
                {d.oldestPendingAt
                  ? `${dateTime(d.oldestPendingAt)}（${Math.round((now.getTime() - Date.parse(d.oldestPendingAt)) / 1000)}秒前）`
                  : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    <h2>イベント</h2>
    <nav class="tabs" aria-label="状態">
      {outboxTabs.map((tab) => (
        <a
          href={`${ADMIN_BASE}/outbox?status=${tab.status}`}
          class={tab.status === status ? "active" : ""}
          aria-current={tab.status === status ? "page" : undefined}
        >
          {tab.label}
        </a>
      ))}
    </nav>
    {overview.events.length === 0 ? (
      <p class="muted">該当するイベントはありません。</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>イベントID</th>
            <th>種類</th>
            <th>送信先</th>
            <th>状態</th>
            <th class="num">試行</th>
            <th>最後のエラー</th>
            <th>作成</th>
            <th>{status === "delivered" ? "送信" : "次の試行"}</th>
            {status === "dead" && ctx.role === "admin" && <th>操作</th>}
          </tr>
        </thead>
        <tbody>
          {overview.events.map((e) => (
            <tr>
              <td class="mono">{e.id}</td>
              <td class="mono">{e.type}</td>
              <td>{e.targetName}</td>
              <td>
                <span class={`tag ${e.status}`}>{statusLabel[e.status]}</span>
              </td>
              <td class="num">{e.attempts}</td>
              <td class="mono">{e.lastError ?? "—"}</td>
              <td>{dateTime(e.createdAt)}</td>
              <td>{dateTime(status === "delivered" ? e.deliveredAt : e.nextAttemptAt)}</td>
              {status === "dead" && ctx.role === "admin" && (
                <td>
                  <form
                    class="inline"
                    method="post"
                    action={`${ADMIN_BASE}/outbox/${encodeURIComponent(e.id)}/retry`}
                  >
                    <Csrf token={ctx.csrfToken} />
                    <button type="submit">再送する</button>
                  </form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </Layout>
);

const kindLabel = { sign: "署名用", auth: "利用者証明用" } as const;

export const JpkiPage: FC<{ ctx: PageContext; status: JpkiStatus; now: Date }> = ({ ctx, status, now }) => (
  <Layout ctx={ctx} title="JPKI状態">
    <div class="grid3">
      <div class="card">
        <div class="muted">OCSPレスポンダ（J-LIS）</div>
        <div class="stat">
          {status.ocsp.reachable ? (
            <span class="tag success">応答あり</span>
          ) : (
            <span class="tag failure">応答なし</span>
          )}
        </div>
        <div class="muted">
          {status.ocsp.milliseconds} ms · {status.ocsp.detail}
        </div>
      </div>
      <div class="card">
        <div class="muted">トラストアンカー（CA証明書）</div>
        <div class="stat">
          {status.anchors.length}
          <small> 件</small>
        </div>
        <div class="muted">券面事項確認AP CA鍵 {status.kenkakuKeys} 件</div>
      </div>
      <div class="card">
        <div class="muted">保持しているCRL</div>
        <div class="stat">
          {status.crls.length}
          <small> 件</small>
        </div>
      </div>
    </div>
    {status.anchorsError && (
      <Alert kind="error">トラストアンカーを取得できません: {status.anchorsError}</Alert>
    )}
    <h2>トラストアンカー</h2>
    <table>
      <thead>
        <tr>
          <th>用途</th>
          <th>サブジェクト</th>
          <th>有効期間</th>
        </tr>
      </thead>
      <tbody>
        {status.anchors.map((a) => (
          <tr>
            <td>{kindLabel[a.purpose]}</td>
            <td class="mono">{a.subject}</td>
            <td>
              {dateTime(a.notBefore)} 〜 {dateTime(a.notAfter)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <h2>CRL</h2>
    {status.crls.length === 0 ? (
      <p class="muted">まだCRLを取得していません（CRL方式の事業者の確認時、または定期取得で取得します）。</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>種類</th>
            <th class="num">失効件数</th>
            <th>発行（thisUpdate）</th>
            <th>経過</th>
            <th>次回更新（nextUpdate）</th>
            <th>取得</th>
          </tr>
        </thead>
        <tbody>
          {status.crls.map((crl) => {
            const stale = crl.nextUpdate.getTime() < now.getTime();
            return (
              <tr>
                <td>{kindLabel[crl.kind]}</td>
                <td class="num">{crl.entries}</td>
                <td>{dateTime(crl.thisUpdate.toISOString())}</td>
                <td>{Math.round((now.getTime() - crl.thisUpdate.getTime()) / 1000)}秒</td>
                <td>
                  {dateTime(crl.nextUpdate.toISOString())}
                  {stale && <span class="tag dead"> 期限切れ</span>}
                </td>
                <td>{dateTime(crl.fetchedAt.toISOString())}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    )}
  </Layout>
);

export const MeteringPage: FC<{
  ctx: PageContext;
  operators: { id: string; name: string }[];
  operatorId: string;
  month: string;
  statement:
    | {
        lines: {
          item: string;
          description: string;
          count: number;
          unitPriceYen: number;
          amountYen: number;
        }[];
        subtotalYen: number;
        taxYen: number;
        totalYen: number;
        provisional: boolean;
      }
    | undefined;
  counts: Record<string, number>;
}> = ({ ctx, operators, operatorId, month, statement, counts }) => (
  <Layout ctx={ctx} title="従量計測・利用料">
    <form class="search" method="get" action={`${ADMIN_BASE}/metering`}>
      <div>
        <label for="operator">事業者</label>
        <select id="operator" name="operator">
          {operators.map((op) => (
            <option value={op.id} selected={op.id === operatorId}>
              {op.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="month">月</label>
        <input id="month" name="month" type="month" value={month} required />
      </div>
      <button type="submit" class="secondary">
        表示する
      </button>
    </form>
    {statement && (
      <div class="card">
        <h2>
          利用料明細 {month}
          {statement.provisional && <span class="tag pending"> 集計中（月途中）</span>}
        </h2>
        <table>
          <thead>
            <tr>
              <th>項目</th>
              <th class="num">件数</th>
              <th class="num">単価</th>
              <th class="num">金額</th>
            </tr>
          </thead>
          <tbody>
            {statement.lines.map((l) => (
              <tr>
                <td>
                  {l.item}
                  <div class="muted">{l.description}</div>
                </td>
                <td class="num">{l.count.toLocaleString("ja-JP")}</td>
                <td class="num">{yen(l.unitPriceYen)}</td>
                <td class="num">{yen(l.amountYen)}</td>
              </tr>
            ))}
            <tr>
              <th colSpan={3}>小計（税抜）</th>
              <td class="num">{yen(statement.subtotalYen)}</td>
            </tr>
            <tr>
              <th colSpan={3}>消費税</th>
              <td class="num">{yen(statement.taxYen)}</td>
            </tr>
            <tr>
              <th colSpan={3}>合計</th>
              <td class="num">{yen(statement.totalYen)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    )}
    <h2>計測値</h2>
    {Object.keys(counts).length === 0 ? (
      <p class="muted">この月の計測値はありません。</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>計測項目</th>
            <th class="num">件数</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(counts)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([metric, count]) => (
              <tr>
                <td class="mono">{metric}</td>
                <td class="num">{count.toLocaleString("ja-JP")}</td>
              </tr>
            ))}
        </tbody>
      </table>
    )}
  </Layout>
);

export const AuditPage: FC<{
  ctx: PageContext;
  tenants: { id: string; name: string }[];
  filter: { event: string; outcome: string; tenantId: string; code: string };
  rows: AuditRow[];
  nextHref: string | undefined;
}> = ({ ctx, tenants, filter, rows, nextHref }) => (
  <Layout ctx={ctx} title="監査ログ">
    <form class="search" method="get" action={`${ADMIN_BASE}/audit`}>
      <div>
        <label for="event">イベント（前方一致）</label>
        <input id="event" name="event" type="text" value={filter.event} placeholder="login" />
      </div>
      <div>
        <label for="outcome">結果</label>
        <select id="outcome" name="outcome">
          <option value="">すべて</option>
          <option value="success" selected={filter.outcome === "success"}>
            成功
          </option>
          <option value="failure" selected={filter.outcome === "failure"}>
            失敗・拒否
          </option>
        </select>
      </div>
      <div>
        <label for="tenant">テナント</label>
        <select id="tenant" name="tenant">
          <option value="">すべて</option>
          {tenants.map((op) => (
            <option value={op.id} selected={op.id === filter.tenantId}>
              {op.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="code">エラーコード</label>
        <input id="code" name="code" type="text" value={filter.code} />
      </div>
      <button type="submit" class="secondary">
        検索
      </button>
    </form>
    <table>
      <thead>
        <tr>
          <th class="num">#</th>
          <th>日時</th>
          <th>イベント</th>
          <th>結果</th>
          <th>コード</th>
          <th>実行者</th>
          <th>テナント</th>
          <th>端末</th>
          <th>リクエストID</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td class="num">{r.seq}</td>
            <td>{dateTime(r.at)}</td>
            <td class="mono">{r.event}</td>
            <td>
              <span class={`tag ${r.outcome}`}>{r.outcome === "success" ? "成功" : "失敗"}</span>
            </td>
            <td class="mono">{r.code ?? ""}</td>
            <td>
              {r.actorKind}
              {r.actorId && <span class="muted mono"> {r.actorId}</span>}
            </td>
            <td class="mono">{r.tenantId ?? ""}</td>
            <td class="mono">{r.terminalId ?? ""}</td>
            <td class="mono muted">{r.requestId ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
    {rows.length === 0 && <p class="muted">該当する記録はありません。</p>}
    {nextHref && (
      <div class="pager">
        <a href={nextHref}>さらに古い記録 →</a>
      </div>
    )}
  </Layout>
);
