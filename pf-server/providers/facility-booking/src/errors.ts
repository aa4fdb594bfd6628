/**
 * @module The facility provider's one catalogue of coded errors: the kit's shared codes plus the booking rules'
 * own. The HTTP status is fixed per code; the PF relays status and body to the TV unchanged (and turns
 * `step_up_required` into its own step-up prompt).
 */
import { providerErrors } from "@catv/provider-kit";
import { errorFactory } from "@catv/service-kit";

export const facilityErrors = {
  ...providerErrors,
  step_up_required: { status: 403, message: "有料の予約には暗証番号による認証が必要です。" },
  facility_closed: { status: 409, message: "この日は休館日です。" },
  outside_booking_window: { status: 409, message: "この日は予約を受け付けていません。" },
  slot_taken: { status: 409, message: "この時間帯はすでに予約されています。" },
  booking_limit_reached: { status: 409, message: "同時に持てる予約の上限に達しています。" },
  already_cancelled: { status: 409, message: "この予約はすでに取り消されています。" },
  slot_closed: { status: 409, message: "この時間帯は施設の都合により受付を停止しています。" },
  slot_already_closed: { status: 409, message: "この時間帯はすでに受付を停止しています。" },
  slot_not_closed: { status: 409, message: "この時間帯は受付を停止していません。" },
  cancellation_deadline_passed: { status: 409, message: "取消の受付期限（利用日の前日）を過ぎています。" },
} as const;

export type FacilityErrorCode = keyof typeof facilityErrors;
export const fail = errorFactory(facilityErrors);
