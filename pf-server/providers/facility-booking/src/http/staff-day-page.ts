/**
 * @module The day view page (予約台帳): a date picker and town filter, then each facility's slots for the day with
 * their booking (number, channel, CATV operator by name), cancelled bookings shown as cancelled, closures with
 * their reason, and the forms to close a slot to new bookings (受付停止) or reopen it.
 */
import { addDays } from "@catv/contracts/calendar";
import { html, raw } from "hono/html";
import { NOTICE_MAX_LENGTH, REASON_MAX_LENGTH } from "../domain/close-slot.ts";
import type { DayBooking, DayBookings, DayFacility, DaySlotState } from "../domain/list-day-bookings.ts";
import { japaneseDate, japaneseDateTime, staffPage, yen } from "./staff-layout.ts";

export interface DayPageState {
  /** The dates on which staff may close and reopen slots (today to the end of the booking window). */
  actionable: { from: string; to: string };
  /** What the last action did, after its redirect. */
  done?: { kind: "closed" | "reopened"; keptBookingId: string | null };
  /** A refused action, in plain Japanese. */
  error?: string;
}

const FEE_OUTCOME_JA = {
  charged: "使用料あり",
  refunded: "還付",
  kept: "使用料収受（取消料）",
  free: "無料",
} as const;
const CHANNEL_JA = { tv: "テレビ", counter: "窓口" } as const;

const query = (day: DayBookings, date: string) =>
  `/staff/bookings?date=${date}${day.townCode ? `&town=${encodeURIComponent(day.townCode)}` : ""}`;

function bookingCells(b: DayBooking) {
  return html`<td>${b.bookingId}</td><td>${CHANNEL_JA[b.channel]}</td><td>${b.operatorName ?? "—"}</td>`;
}

function slotState(slot: DaySlotState, facility: DayFacility) {
  if (facility.closedReason) return html`<span class="badge dayoff">${facility.closedReason}</span>`;
  const parts = [];
  if (slot.closure) parts.push(html`<span class="badge stopped">受付停止中</span> ${slot.closure.reason}`);
  if (slot.booking) parts.push(html`<span class="badge booked">予約あり</span>`);
  if (!slot.closure && !slot.booking) parts.push(html`<span class="badge free">空き</span>`);
  if (slot.closure && slot.booking)
    parts.push(html`<br><small>予約は有効のまま。予約者にお知らせを表示中</small>`);
  return html`${parts}`;
}

function slotActions(day: DayBookings, facility: DayFacility, slot: DaySlotState, state: DayPageState) {
  if (facility.closedReason || day.date < state.actionable.from || day.date > state.actionable.to) {
    return html`<span class="muted">—</span>`;
  }
  const hidden = html`<input type="hidden" name="facilityId" value="${facility.facilityId}">
<input type="hidden" name="date" value="${day.date}"><input type="hidden" name="slotCode" value="${slot.code}">
<input type="hidden" name="town" value="${day.townCode ?? ""}">`;
  if (slot.closure) {
    return html`<form method="post" action="/staff/slots/reopen">${hidden}
<button type="submit" class="secondary">受付再開</button></form>
<small>${slot.closure.closedBy}・${japaneseDateTime(slot.closure.closedAt)}</small>`;
  }
  return html`<details><summary>受付停止…</summary>
<form method="post" action="/staff/slots/close">${hidden}
<label>理由（利用者に表示）<input name="reason" required maxlength="${REASON_MAX_LENGTH}" placeholder="設備点検のため"></label>
${
  slot.booking
    ? html`<label>予約者へのお知らせ（空欄なら定型文）<textarea name="noticeToBooked" rows="2" maxlength="${NOTICE_MAX_LENGTH}"></textarea></label>
<small>この時間帯の予約（${slot.booking.bookingId}）は取り消されず、そのまま有効です。</small>`
    : ""
}
<button type="submit">この時間帯の受付を停止</button></form></details>`;
}

function facilitySection(day: DayBookings, f: DayFacility, state: DayPageState) {
  return html`<section id="${f.facilityId}">
<h3>${f.townName} ${f.name} ${f.closedReason ? html`<span class="badge dayoff">${f.closedReason}</span>` : ""}</h3>
<table class="day">
<colgroup><col style="width:8.5rem"><col style="width:6rem"><col style="width:17rem"><col style="width:10rem"><col style="width:4.5rem"><col style="width:14rem"><col></colgroup>
<tr><th>時間帯</th><th>使用料</th><th>状態</th><th>予約番号</th><th>経路</th><th>CATV事業者</th><th>操作</th></tr>
${f.slots.map(
  (s) => html`<tr>
<td>${s.label}<br><small>${s.startsAt}〜${s.endsAt}</small></td><td>${s.feeYen ? yen(s.feeYen) : "無料"}</td>
<td>${slotState(s, f)}</td>
${s.booking ? bookingCells(s.booking) : html`<td>—</td><td>—</td><td>—</td>`}
<td>${slotActions(day, f, s, state)}</td></tr>
${s.cancelled.map(
  (b) => html`<tr class="was-cancelled"><td></td><td>${b.feeYen ? yen(b.feeYen) : "無料"}</td>
<td><span class="badge cancelled">取消済</span> ${b.cancelledAt ? japaneseDateTime(b.cancelledAt) : ""}<br><small>${FEE_OUTCOME_JA[b.feeOutcome]}</small></td>
${bookingCells(b)}<td></td></tr>`,
)}`,
)}
</table></section>`;
}

function banner(state: DayPageState) {
  if (state.error) return html`<p class="error" role="alert">${state.error}</p>`;
  if (state.done?.kind === "closed") {
    return html`<p class="ok" role="status">受付を停止しました。${
      state.done.keptBookingId
        ? `この時間帯の予約（${state.done.keptBookingId}）はそのまま有効で、予約者にはお知らせが表示されます。`
        : ""
    }</p>`;
  }
  if (state.done?.kind === "reopened") return html`<p class="ok" role="status">受付を再開しました。</p>`;
  return "";
}

export function dayPage(day: DayBookings, state: DayPageState) {
  const booked = day.facilities.flatMap((f) => f.slots).filter((s) => s.booking).length;
  return staffPage(
    `予約台帳 ${japaneseDate(day.date)}`,
    "bookings",
    html`<h1>予約台帳 ${japaneseDate(day.date)}</h1>
<form method="get" action="/staff/bookings" class="toolbar">
<label>日付<input type="date" name="date" value="${day.date}" required></label>
<label>市町村<select name="town"><option value="">すべて</option>${day.towns.map(
      (t) =>
        html`<option value="${t.code}"${t.code === day.townCode ? raw(" selected") : ""}>${t.name}</option>`,
    )}</select></label>
<button type="submit">表示</button>
<a href="${query(day, addDays(day.date, -1))}">← 前日</a><a href="${query(day, addDays(day.date, 1))}">翌日 →</a>
</form>
${banner(state)}
<p>${day.facilities.length}施設・予約あり${booked}件。テレビ経由の予約は共通的PFから通知されたCATV事業者名で、利用者個人は予約番号でのみ表示します。受付停止した時間帯は新しい予約を受け付けず、すでにある予約は取り消されません。</p>
${day.facilities.map((f) => facilitySection(day, f, state))}`,
  );
}
