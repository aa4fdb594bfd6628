/**
 * @module The operator's settings (設定) for administrators: invoice registration number and collection fee.
 */
import { Hono } from "hono";
import { basisPointsOf, updateOperatorSettings } from "../domain/update-operator-settings.ts";
import { ConsoleError } from "../errors.ts";
import { SettingsPage } from "../views/settings-views.tsx";
import type { ConsoleEnv } from "./env.ts";
import { flash, render } from "./render.tsx";
import { requireAdmin } from "./session.ts";

export const settingsRoutes = new Hono<ConsoleEnv>();

settingsRoutes.get("/settings", requireAdmin, (c) => {
  const operator = c.get("operator");
  return render(
    c,
    "設定",
    <SettingsPage
      csrf={c.get("csrfToken")}
      registrationNumber={operator.invoiceRegistrationNumber}
      feeBasisPoints={operator.collectionFeeBasisPoints}
      ok={flash(c)}
    />,
  );
});

settingsRoutes.post("/settings", requireAdmin, async (c) => {
  const body = await c.req.parseBody();
  const registrationNumber =
    typeof body.registrationNumber === "string" ? body.registrationNumber.trim() : "";
  const feePercent = Number(body.feePercent);
  try {
    await updateOperatorSettings(c.get("deps"), c.get("actor"), { registrationNumber, feePercent });
  } catch (error) {
    if (!(error instanceof ConsoleError) || error.code !== "validation_failed") throw error;
    return render(
      c,
      "設定",
      <SettingsPage
        csrf={c.get("csrfToken")}
        registrationNumber={registrationNumber}
        feeBasisPoints={basisPointsOf(feePercent) || 0}
        error={error.message}
      />,
      400,
    );
  }
  return c.redirect(`/settings?ok=${encodeURIComponent("保存しました。")}`, 303);
});
