/**
 * @module Small pieces the staff pages share: alerts, the CSRF field, the pager, how dates, codes and 記号・番号・枝番
 * read in Japanese, and the 一致／相違 marks of the linking screen.
 */
import {
  contributionRatioInTenths,
  insuredCardClassificationLabels,
  limitClassificationFlagLabels,
  qualificationValidityLabels,
  reasonOfLossLabels,
} from "@catv/contracts";
import type { Child, FC } from "hono/jsx";
import type { FieldAgreement } from "../domain/matching.ts";
import type { InsuredPerson, Registration } from "../domain/ports.ts";

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

export const dateTime = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString("ja-JP", {
        timeZone: "Asia/Tokyo",
        dateStyle: "medium",
        timeStyle: "short",
      })
    : "—";

/** 1980-02-17 → 1980年2月17日 */
export const dateJa = (iso: string | null | undefined) =>
  iso ? `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : "—";

export const sexLabel = (code: string) =>
  ({ "1": "男", "2": "女", "3": "未設定", "9": "適用不能" })[code] ?? code;
export const relationshipLabel = (code: string) => (code === "1" ? "本人" : "家族");
export const ratioLabel = (ratio: string) => `${contributionRatioInTenths(ratio)}割`;
export const cardClassLabel = (code: string) =>
  insuredCardClassificationLabels[code as keyof typeof insuredCardClassificationLabels] ?? code;
export const lossLabel = (code: string | null | undefined) =>
  code ? (reasonOfLossLabels[code as keyof typeof reasonOfLossLabels] ?? code) : "";
export const validityLabel = (code: string | null | undefined) =>
  code ? (qualificationValidityLabels[code as keyof typeof qualificationValidityLabels] ?? code) : "—";
export const limitFlagLabel = (flag: string) =>
  limitClassificationFlagLabels[flag as keyof typeof limitClassificationFlagLabels] ?? flag;

/** 記号・番号・枝番 as staff read them: 酒田 210345-01. */
export const numberOf = (p: Pick<InsuredPerson, "symbol" | "number" | "branchNumber">) =>
  `${p.symbol ? `${p.symbol} ` : ""}${p.number}-${p.branchNumber}`;

export const channelLabel = (r: Pick<Registration, "channel" | "siteKind">) =>
  r.channel === "verifier" ? "保険者サイト" : r.siteKind === "in-person" ? "医療機関の窓口" : "自宅の端末";

export const Agreement: FC<{ value: FieldAgreement }> = ({ value }) => (
  <span class={`agree ${value}`}>{value === "match" ? "一致" : value === "differ" ? "相違" : "—"}</span>
);

export const RegistrationState: FC<{ registration: Registration; linked: number }> = ({
  registration,
  linked,
}) =>
  registration.status === "revoked" ? (
    <span class="tag bad">失効</span>
  ) : linked > 0 ? (
    <span class="tag ok">{linked > 1 ? `紐づけ済（${linked}件）` : "紐づけ済"}</span>
  ) : (
    <span class="tag warn">紐づけ待ち</span>
  );
