/**
 * @module Cable-ID pages: linking queue and screen, list, unlinking, and the review of updated/revoked events.
 */
import { type Context, Hono } from "hono";
import { audit } from "../domain/context.ts";
import { linkCableIdManually, unlinkCableId } from "../domain/link-cable-id.ts";
import { ConsoleError } from "../errors.ts";
import { CableIdList, LinkingQueue, LinkingScreen, ReviewList } from "../views/linking-views.tsx";
import type { ConsoleEnv } from "./env.ts";
import { flash, intParam, render } from "./render.tsx";

export const linkingRoutes = new Hono<ConsoleEnv>();

linkingRoutes.get("/linking", (c) => {
  const rows = c
    .get("deps")
    .repos.cableIds.list(c.get("actor").operatorId, { status: "pending", limit: 500 });
  return render(c, "紐づけ待ち", <LinkingQueue rows={rows} ok={flash(c)} />);
});

function linkingScreen(c: Context<ConsoleEnv>, cableId: string, error?: string) {
  const { repos } = c.get("deps");
  const operatorId = c.get("actor").operatorId;
  const row = repos.cableIds.get(operatorId, cableId);
  if (!row) throw new ConsoleError("not_found", "ケーブルIDが見つかりません。");
  const searched = c.req.query("name") !== undefined;
  const query = searched
    ? {
        name: c.req.query("name") ?? "",
        birthDate: c.req.query("birthDate") ?? "",
        address: c.req.query("address") ?? "",
      }
    : { name: row.fourInfo.name, birthDate: "", address: "" };
  const candidates = repos.households.searchMembers(operatorId, query, 50);
  return render(
    c,
    `ケーブルID ${row.cableId} の紐づけ`,
    <LinkingScreen row={row} query={query} candidates={candidates} csrf={c.get("csrfToken")} error={error} />,
    error ? 409 : 200,
  );
}

linkingRoutes.get("/linking/:cableId", (c) => linkingScreen(c, c.req.param("cableId")));

linkingRoutes.post("/linking/:cableId/link", async (c) => {
  const body = await c.req.parseBody();
  const memberId = typeof body.memberId === "string" ? body.memberId : "";
  const cableId = c.req.param("cableId");
  try {
    linkCableIdManually(c.get("deps"), c.get("actor"), cableId, memberId, {
      correctMember: body.correctMember === "1",
    });
  } catch (error) {
    if (
      error instanceof ConsoleError &&
      (error.code === "cable_id_not_pending" || error.code === "household_closed")
    ) {
      return linkingScreen(c, cableId, error.message);
    }
    throw error;
  }
  return c.redirect(`/linking?ok=${encodeURIComponent(`${cableId} を ${memberId} に紐づけました。`)}`, 303);
});

linkingRoutes.get("/cable-ids", (c) => {
  const s = c.req.query("status");
  const status = s === "linked" || s === "pending" || s === "revoked" ? s : undefined;
  const rows = c.get("deps").repos.cableIds.list(c.get("actor").operatorId, { status, limit: 500 });
  return render(
    c,
    "ケーブルID一覧",
    <CableIdList rows={rows} status={status ?? ""} csrf={c.get("csrfToken")} ok={flash(c)} />,
  );
});

linkingRoutes.post("/cable-ids/:cableId/unlink", async (c) => {
  const body = await c.req.parseBody();
  const reason = typeof body.reason === "string" ? body.reason.trim() : "";
  if (!reason) throw new ConsoleError("validation_failed", "解除理由を入力してください。");
  const cableId = c.req.param("cableId");
  unlinkCableId(c.get("deps"), c.get("actor"), cableId, reason);
  // A path of this console only: "//host" (a number is an IPv4 address) would leave it.
  const back =
    typeof body.back === "string" && /^\/(?!\/)[a-z0-9/-]*$/.test(body.back) ? body.back : "/cable-ids";
  return c.redirect(`${back}?ok=${encodeURIComponent(`${cableId} の紐づけを解除しました。`)}`, 303);
});

linkingRoutes.get("/reviews", (c) => {
  const { repos } = c.get("deps");
  const operatorId = c.get("actor").operatorId;
  return render(
    c,
    "更新・失効の確認",
    <ReviewList
      open={repos.cableIds.listReviews(operatorId, true)}
      done={repos.cableIds.listReviews(operatorId, false)}
      csrf={c.get("csrfToken")}
    />,
  );
});

linkingRoutes.post("/reviews/:id{[0-9]+}/ack", (c) => {
  const deps = c.get("deps");
  const actor = c.get("actor");
  const review = deps.repos.cableIds.getReview(actor.operatorId, intParam(c.req.param("id")));
  if (!review) throw new ConsoleError("not_found");
  deps.repos.transaction(() => {
    deps.repos.cableIds.markReviewed(actor.operatorId, review.id, actor.loginId, deps.now().toISOString());
    audit(deps, actor, "cable_id.review", {
      householdId: review.householdId,
      contractId: review.contractId,
      detail: `${review.cableId} ${review.kind} を確認`,
    });
  });
  return c.redirect("/reviews", 303);
});
