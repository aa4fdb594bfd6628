/**
 * @module The audit trail page (操作記録): every staff action on the staff pages, done or refused, newest first.
 */
import { html } from "hono/html";
import type { StaffAuditEntry } from "../domain/ports.ts";
import { facilityErrors } from "../errors.ts";
import { japaneseDate, japaneseDateTime, staffPage } from "./staff-layout.ts";

const ACTION_JA = { "slot.close": "受付停止", "slot.reopen": "受付再開" } as const;

function outcome(code: string): string {
  if (code === "done") return "実施";
  const spec = (facilityErrors as Record<string, { message: string }>)[code];
  return `拒否：${spec?.message ?? code}`;
}

function detail(entry: StaffAuditEntry): string {
  if (!entry.detail) return "";
  const d = JSON.parse(entry.detail) as { reason?: string; keptBookingId?: string | null };
  return [d.reason ? `理由：${d.reason}` : "", d.keptBookingId ? `予約${d.keptBookingId}は有効のまま` : ""]
    .filter(Boolean)
    .join("／");
}

/** Names of the facilities (`id`) and of their slots (`id/code`), as staff know them. */
export type FacilityNames = Map<string, string>;

export function auditPage(entries: StaffAuditEntry[], names: FacilityNames) {
  return staffPage(
    "操作記録",
    "audit",
    html`<h1>操作記録</h1>
<p>職員ページでの操作（実施したもの、受け付けなかったもの）を新しい順に表示します（最新${entries.length}件）。</p>
${
  entries.length === 0
    ? html`<p class="muted">まだ操作はありません。</p>`
    : html`<table><tr><th>日時</th><th>職員</th><th>操作</th><th>施設</th><th>利用日・時間帯</th><th>結果</th><th>内容</th><th>要求ID</th></tr>
${entries.map(
  (
    e,
  ) => html`<tr><td style="white-space:nowrap">${japaneseDateTime(e.at)}</td><td style="white-space:nowrap">${e.staff}</td><td style="white-space:nowrap">${ACTION_JA[e.action]}</td>
<td>${names.get(e.facilityId) ?? e.facilityId}</td>
<td>${/^\d{4}-\d{2}-\d{2}$/.test(e.useDate) ? japaneseDate(e.useDate) : e.useDate} ${names.get(`${e.facilityId}/${e.slotCode}`) ?? e.slotCode}</td><td>${outcome(e.outcome)}</td>
<td>${detail(e)}</td><td><small>${e.requestId}</small></td></tr>`,
)}</table>`
}`,
  );
}
