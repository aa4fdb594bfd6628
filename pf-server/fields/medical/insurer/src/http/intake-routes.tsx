/**
 * @module The dashboard, the intake list and the linking screen (参考１－２): each route parses the request, calls one
 * use case and renders its page; a refusal of a link (differences not confirmed, a second link, a correction that
 * cannot be made) shows the confirmation page again with the reason.
 */
import { CodedError } from "@catv/service-kit";
import { Hono } from "hono";
import { linkAccount } from "../domain/link-account.ts";
import { acknowledgeReview, listIntake } from "../domain/list-intake.ts";
import { criteriaOfFourInfo, type SearchCriteria } from "../domain/matching.ts";
import type { CorrectableField, IntakeView } from "../domain/ports.ts";
import { searchInsuredPersons } from "../domain/search-insured-persons.ts";
import { showDashboard } from "../domain/show-dashboard.ts";
import { showLinkConfirmation, showLinking } from "../domain/show-linking.ts";
import { unlinkAccount } from "../domain/unlink-account.ts";
import { DashboardPage } from "../views/dashboard-views.tsx";
import { IntakePage } from "../views/intake-views.tsx";
import { ConfirmLinkPage, LinkingPage } from "../views/linking-views.tsx";
import type { InsurerEnv } from "./env.ts";
import { offsetOf, pageContext } from "./page-context.ts";
import { field, fields } from "./session.ts";

const VIEWS: readonly IntakeView[] = ["pending", "linked", "review", "revoked", "all"];
const CORRECTABLE: readonly CorrectableField[] = ["name", "address", "birthDate", "sex"];
const DONE_MESSAGES: Record<string, string> = {
  linked: "共通的PFIDを紐づけました。共通的PFに通知します。",
  unlinked: "紐づけを解除しました。共通的PFに通知します。",
  reviewed: "4情報の変更を確認済みにしました。",
};

export const intakeRoutes = new Hono<InsurerEnv>();

intakeRoutes.get("/", async (c) =>
  c.html(
    <DashboardPage
      ctx={await pageContext(c)}
      dashboard={await showDashboard(c.get("deps"), c.get("actor"))}
    />,
  ),
);

intakeRoutes.get("/intake", async (c) => {
  const requested = c.req.query("view") as IntakeView | undefined;
  const view = requested && VIEWS.includes(requested) ? requested : "pending";
  const offset = offsetOf(c);
  const limit = 50;
  const { page, counts } = await listIntake(c.get("deps"), c.get("actor"), { view, offset, limit });
  return c.html(
    <IntakePage
      ctx={await pageContext(c)}
      view={view}
      page={page}
      counts={counts}
      offset={offset}
      limit={limit}
    />,
  );
});

function criteriaFromQuery(query: Record<string, string>): SearchCriteria {
  const text = (name: string) => {
    const value = query[name]?.trim();
    return value ? value : undefined;
  };
  const sex = text("sex");
  return {
    ...(text("name") ? { name: text("name") } : {}),
    ...(text("kana") ? { kana: text("kana") } : {}),
    ...(text("birthDate") && /^\d{4}-\d{2}-\d{2}$/.test(text("birthDate")!)
      ? { birthDate: text("birthDate") }
      : {}),
    ...(text("address") ? { address: text("address") } : {}),
    ...(sex === "1" || sex === "2" || sex === "3" ? { sex } : {}),
  };
}

intakeRoutes.get("/intake/:accountId", async (c) => {
  const deps = c.get("deps");
  const actor = c.get("actor");
  const view = await showLinking(deps, actor, c.req.param("accountId"));
  const query = c.req.query();
  const fromApplication = criteriaOfFourInfo(view.registration.fourInfo);
  const given = criteriaFromQuery(query);
  // The application's 4情報 are the default conditions (参考１－２ ①); staff may change them. The 代替文字 flags
  // stay with the name only while staff search with the application's own name.
  const criteria =
    query.search === "1" && Object.keys(given).length > 0
      ? {
          ...given,
          ...(given.name === fromApplication.name && fromApplication.nameAlternativeFlags
            ? { nameAlternativeFlags: fromApplication.nameAlternativeFlags }
            : {}),
        }
      : fromApplication;
  let candidates: Awaited<ReturnType<typeof searchInsuredPersons>> | undefined;
  let message: { kind: "ok" | "error" | "warn"; text: string } | undefined;
  const done = query.done ? DONE_MESSAGES[query.done] : undefined;
  if (done) message = { kind: "ok", text: done };
  if (view.registration.status === "active") {
    try {
      candidates = await searchInsuredPersons(deps, actor, criteria);
    } catch (error) {
      if (!(error instanceof CodedError)) throw error;
      message = { kind: "error", text: error.message };
    }
  }
  return c.html(
    <LinkingPage
      ctx={await pageContext(c)}
      view={view}
      criteria={criteria}
      candidates={candidates}
      message={message}
    />,
  );
});

intakeRoutes.get("/intake/:accountId/link/:personId", async (c) => {
  const confirmation = await showLinkConfirmation(
    c.get("deps"),
    c.get("actor"),
    c.req.param("accountId"),
    c.req.param("personId"),
  );
  return c.html(<ConfirmLinkPage ctx={await pageContext(c)} confirmation={confirmation} />);
});

intakeRoutes.post("/intake/:accountId/link", async (c) => {
  const accountId = c.req.param("accountId");
  const body = await c.req.parseBody({ all: true });
  const personId = field(body, "personId");
  const corrections = fields(body, "correct").filter((f): f is CorrectableField =>
    CORRECTABLE.includes(f as CorrectableField),
  );
  try {
    await linkAccount(c.get("deps"), c.get("actor"), {
      accountId,
      personId,
      corrections,
      confirmMismatch: field(body, "confirmMismatch") === "1",
      confirmSecondLink: field(body, "confirmSecondLink") === "1",
      method: "screen",
    });
  } catch (error) {
    if (!(error instanceof CodedError) || error.status >= 500 || error.code === "registration_unknown")
      throw error;
    if (error.code === "person_unknown") throw error;
    const confirmation = await showLinkConfirmation(c.get("deps"), c.get("actor"), accountId, personId);
    return c.html(
      <ConfirmLinkPage ctx={await pageContext(c)} confirmation={confirmation} error={error.message} />,
      error.status,
    );
  }
  return c.redirect(`/intake/${encodeURIComponent(accountId)}?done=linked`, 303);
});

intakeRoutes.post("/intake/:accountId/unlink", async (c) => {
  const accountId = c.req.param("accountId");
  const body = await c.req.parseBody();
  await unlinkAccount(c.get("deps"), c.get("actor"), {
    accountId,
    personId: field(body, "personId"),
    reason: field(body, "reason"),
  });
  return c.redirect(`/intake/${encodeURIComponent(accountId)}?done=unlinked`, 303);
});

intakeRoutes.post("/intake/:accountId/review", async (c) => {
  const accountId = c.req.param("accountId");
  await acknowledgeReview(c.get("deps"), c.get("actor"), accountId);
  return c.redirect(`/intake/${encodeURIComponent(accountId)}?done=reviewed`, 303);
});
