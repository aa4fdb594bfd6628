/**
 * @module Cable-ID pages: linking queue and screen, list, unlinking, and the review of updated/revoked events.
 */
import { type Context, Hono } from "hono";
import { acknowledgeReview } from "../domain/acknowledge-review.ts";
import { fourInfoFields } from "../domain/compare-with-four-info.ts";
import { findLinkingCandidates } from "../domain/find-linking-candidates.ts";
import { linkCableIdManually, showManualLink, unlinkCableId } from "../domain/link-cable-id.ts";
import { listCableIds } from "../domain/list-cable-ids.ts";
import { listReviews } from "../domain/list-reviews.ts";
import { ConsoleError } from "../errors.ts";
import {
  CableIdList,
  LinkConfirmation,
  LinkingQueue,
  LinkingScreen,
  ReviewList,
} from "../views/linking-views.tsx";
import type { ConsoleEnv } from "./env.ts";
import { flash, intParam, render } from "./render.tsx";

export const linkingRoutes = new Hono<ConsoleEnv>();

linkingRoutes.get("/linking", async (c) => {
  const rows = await listCableIds(c.get("deps"), c.get("actor").operatorId, { status: "pending" });
  return render(c, "紐づけ待ち", <LinkingQueue rows={rows} ok={flash(c)} />);
});

async function linkingScreen(c: Context<ConsoleEnv>, cableId: string, error?: string) {
  const searched = c.req.query("name") !== undefined;
  const { row, query, candidates } = await findLinkingCandidates(
    c.get("deps"),
    c.get("actor").operatorId,
    cableId,
    searched
      ? {
          name: c.req.query("name") ?? "",
          birthDate: c.req.query("birthDate") ?? "",
          address: c.req.query("address") ?? "",
        }
      : undefined,
  );
  return render(
    c,
    `ケーブルID ${row.cableId} の紐づけ`,
    <LinkingScreen row={row} query={query} candidates={candidates} csrf={c.get("csrfToken")} error={error} />,
    error ? 409 : 200,
  );
}

linkingRoutes.get("/linking/:cableId", (c) => linkingScreen(c, c.req.param("cableId")));

linkingRoutes.post("/linking/:cableId/link", async (c) => {
  const body = await c.req.parseBody({ all: true });
  const text = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : "");
  const memberId = text("memberId");
  const correctMember = text("correctMember") === "1";
  const acknowledged = [body.acknowledged ?? []].flat();
  // Only the confirmation page sends confirmMismatch, with the fields it showed as differing.
  const confirmedDifferences =
    text("confirmMismatch") === "1"
      ? fourInfoFields.filter((field) => acknowledged.includes(field))
      : undefined;
  const cableId = c.req.param("cableId");
  try {
    await linkCableIdManually(c.get("deps"), c.get("actor"), cableId, memberId, {
      correctMember,
      ...(confirmedDifferences ? { confirmedDifferences } : {}),
    });
  } catch (error) {
    if (error instanceof ConsoleError && error.code === "link_mismatch_unconfirmed") {
      const link = await showManualLink(c.get("deps"), c.get("actor").operatorId, cableId, memberId);
      return render(
        c,
        `ケーブルID ${cableId} の紐づけ — 相違点の確認`,
        <LinkConfirmation link={link} correctMember={correctMember} csrf={c.get("csrfToken")} />,
        409,
      );
    }
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

linkingRoutes.get("/cable-ids", async (c) => {
  const s = c.req.query("status");
  const status = s === "linked" || s === "pending" || s === "revoked" ? s : undefined;
  const q = c.req.query("q") ?? "";
  const rows = await listCableIds(c.get("deps"), c.get("actor").operatorId, { status, q });
  return render(
    c,
    "ケーブルID一覧",
    <CableIdList rows={rows} status={status ?? ""} q={q} csrf={c.get("csrfToken")} ok={flash(c)} />,
  );
});

linkingRoutes.post("/cable-ids/:cableId/unlink", async (c) => {
  const body = await c.req.parseBody();
  const reason = typeof body.reason === "string" ? body.reason.trim() : "";
  if (!reason) throw new ConsoleError("validation_failed", "解除理由を入力してください。");
  const cableId = c.req.param("cableId");
  await unlinkCableId(c.get("deps"), c.get("actor"), cableId, reason);
  // A path of this console only: "//host" (a number is an IPv4 address) would leave it.
  const back =
    typeof body.back === "string" && /^\/(?!\/)[a-z0-9/-]*$/.test(body.back) ? body.back : "/cable-ids";
  return c.redirect(`${back}?ok=${encodeURIComponent(`${cableId} の紐づけを解除しました。`)}`, 303);
});

linkingRoutes.get("/reviews", async (c) => {
  const { open, done } = await listReviews(c.get("deps"), c.get("actor").operatorId);
  return render(c, "更新・失効の確認", <ReviewList open={open} done={done} csrf={c.get("csrfToken")} />);
});

linkingRoutes.post("/reviews/:id{[0-9]+}/ack", async (c) => {
  await acknowledgeReview(c.get("deps"), c.get("actor"), intParam(c.req.param("id")));
  return c.redirect("/reviews", 303);
});
