import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, createHarness, type Harness, loggedIn } from "../test-support/harness.ts";

let h: Harness;
let staff: Browser;
beforeAll(async () => {
  h = await createHarness();
  staff = await loggedIn(h, "a-staff");
});
afterAll(() => h.close());

const rowOf = (page: string, cableId: string) =>
  page.split("<tr>").find((row) => row.includes(cableId)) ?? "";

describe("ログイン履歴", () => {
  it("shows for each session whether the card was read by the STB's reader or the viewer's phone", async () => {
    const page = await (await staff.get("/sessions")).text();
    expect(rowOf(page, "JJJJ-JJJJ-JJJJ-0001")).toContain("スマートフォン");
    expect(rowOf(page, "JJJJ-JJJJ-JJJJ-0001")).toContain("暗証番号（スマートフォン）");
    expect(rowOf(page, "JJJJ-JJJJ-JJJJ-0002")).toContain("STBのカードリーダー");
  });

  it("asks the PF with this operator's own API key", async () => {
    await staff.get("/sessions");
    const call = h.pf.calls.filter((c) => c.path === "/v1/operator/sessions").at(-1);
    expect(call?.authorization).toBe("Bearer api-key-a");
  });
});
