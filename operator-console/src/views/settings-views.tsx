/**
 * @module The operator settings page (設定), for administrators: invoice registration number and collection fee.
 */
import type { FC } from "hono/jsx";
import { Alert, Csrf } from "./layout.tsx";
import { Field } from "./parts.tsx";

export const SettingsPage: FC<{
  csrf: string;
  registrationNumber: string;
  feeBasisPoints: number;
  error?: string | undefined;
  ok?: string | undefined;
}> = ({ csrf, registrationNumber, feeBasisPoints, error, ok }) => (
  <form class="card" method="post" action="/settings">
    {ok && <Alert kind="ok">{ok}</Alert>}
    {error && <Alert kind="error">{error}</Alert>}
    <Csrf token={csrf} />
    <Field
      label="適格請求書発行事業者登録番号（T＋13桁）"
      name="registrationNumber"
      type="text"
      value={registrationNumber}
      required
    />
    <Field
      label="代行回収手数料率（%、小数2桁まで）"
      name="feePercent"
      type="number"
      min="0"
      max="50"
      step="0.01"
      value={(feeBasisPoints / 100).toFixed(2)}
      required
    >
      <div class="muted">締め済みの月には影響しません。次に締める月から適用されます。</div>
    </Field>
    <button type="submit">保存</button>
  </form>
);
