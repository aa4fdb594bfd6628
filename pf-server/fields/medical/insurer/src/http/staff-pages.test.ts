import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Harness,
  KENPO,
  personId,
  residents,
  staffBrowser,
  startHarness,
} from "../test-support/harness.ts";

let h: Harness;
let admin: Awaited<ReturnType<typeof staffBrowser>>;
let accountId: string;
beforeAll(async () => {
  h = await startHarness();
  admin = await staffBrowser(h, "kenpo-admin");
  accountId = await h.register(KENPO, residents.kitamuraShota);
  await admin.post(`/intake/${accountId}/link`, { personId: personId(KENPO, "4101", "52", "00") });
  await h.askEligibility(KENPO, accountId, { requestId: "elg_pages_0001" });
});
afterAll(() => h.close());

const text = async (path: string) => {
  const res = await admin.get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return res.text();
};

describe("the staff pages render what they are for, in Japanese", () => {
  it("the dashboard counts what waits", async () => {
    expect(await text("/")).toMatch(/紐づけ待ち[\s\S]*本日の資格確認/);
  });

  it("the register searches by reading and by 番号", async () => {
    const byKana = await text(`/persons?q=${encodeURIComponent("きたむら")}`);
    expect(byKana).toContain("北村 翔太");
    expect(byKana).toContain("北村 修");
    expect(await text("/persons?q=52")).toContain("4101 52-00");
  });

  it("one person's page shows today's 資格 and the 共通的PFID they are linked to", async () => {
    const page = await text(`/persons/${personId(KENPO, "4101", "52", "00")}`);
    expect(page).toContain("負担割合");
    expect(page).toContain(accountId);
  });

  it("the 照会履歴 lists the eligibility requests answered", async () => {
    const page = await text("/eligibility-log");
    expect(page).toContain("elg_pages_0001");
    expect(page).toContain("0610499996");
    expect(page).toContain("有効");
  });

  it("the audit log names who linked what, without names or addresses", async () => {
    const page = await text("/audit");
    expect(page).toContain("link.create");
    expect(page).not.toContain(residents.kitamuraShota.address);
  });

  it("the CSV page offers both exports and the upload", async () => {
    const page = await text("/csv");
    expect(page).toContain('href="/csv/intake.csv"');
    expect(page).toContain('enctype="multipart/form-data"');
  });

  it("an unknown page is a Japanese error page", async () => {
    const res = await admin.get("/no-such-page");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("ページが見つかりません");
  });
});

describe("what anyone may fetch", () => {
  it("answers the health check", async () => {
    expect(await (await h.app.request("/health")).json()).toEqual({
      status: "ok",
      service: "medical-insurer",
    });
  });

  it("serves the stylesheet and the registration page's script", async () => {
    expect((await h.app.request("/static/insurer.css")).headers.get("content-type")).toBe(
      "text/css; charset=utf-8",
    );
    const script = await h.app.request("/static/registration.js");
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  });
});
