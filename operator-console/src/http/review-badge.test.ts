import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, loggedIn } from "../test-support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ householdsPerTown: 1 });
});
afterAll(() => h.close());

describe("open reviews badge", () => {
  it("counts every review waiting for staff, past the 200 the review page lists, and only the operator's own", async () => {
    for (let i = 0; i < 205; i++) {
      await h.repos.cableIds.addReview("op-a", {
        cableId: `RRRR-RRRR-RRRR-${String(i).padStart(4, "0")}`,
        kind: "revoked",
        previousFourInfo: null,
        newFourInfo: null,
        detail: "利用者証明用電子証明書の失効（テスト）",
        receivedAt: "2026-05-01T00:00:00.000Z",
      });
    }
    expect(await h.repos.cableIds.listReviews("op-a", true)).toHaveLength(200);
    expect(await h.repos.cableIds.openReviewCount("op-a")).toBe(205);
    expect(await h.repos.cableIds.openReviewCount("op-b")).toBe(0);

    const browser = await loggedIn(h, "a-staff");
    const page = await (await browser.get("/")).text();
    expect(page).toMatch(/href="\/reviews"[^>]*>更新・失効の確認<span class="badge">205<\/span>/);
    expect(page).toContain('<a href="/reviews">205</a>');
  });
});
