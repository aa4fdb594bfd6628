import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshFeeStatements } from "../domain/refresh-fee-statements.ts";
import {
  type Browser,
  createHarness,
  deliver,
  type Harness,
  loggedIn,
  registeredEvent,
  usageEvent,
  yamadaTaro,
} from "../test-support/harness.ts";

let h: Harness;
let admin: Browser;
const cable = "GGGG-GGGG-GGGG-0001";

beforeAll(async () => {
  h = await createHarness();
  await deliver(h, registeredEvent(cable, yamadaTaro));
  await deliver(h, usageEvent("g-1", cable, 1_100, "2026-05-03T01:00:00.000Z"));
  admin = await loggedIn(h, "a-admin");
});
afterAll(() => h.close());

describe("billing pages", () => {
  it("offers the latest closable month first, chosen", async () => {
    const page = await (await admin.get("/billing")).text();
    const options = [...page.matchAll(/<option value="([0-9-]+)"( selected)?/g)].map((m) => [m[1], !!m[2]]);
    expect(options[0]).toEqual(["2026-05", true]);
    expect(options.filter(([, selected]) => selected)).toHaveLength(1);
  });

  it("asks for confirmation, with what the close will bill, before closing a month", async () => {
    const res = await admin.post("/billing/close", { month: "2026-05" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/billing/close?month=2026-05");
    expect(await h.repos.billing.getMonth("op-a", "2026-05")).toBeUndefined();
    const page = await (await admin.get("/billing/close?month=2026-05")).text();
    expect(page).toContain("2026年5月を締めますか");
    expect(page).toContain("締めると取り消せません");
    const households = await h.repos.households.count("op-a");
    expect(page).toMatch(new RegExp(`月額料金を請求する世帯[\\s\\S]*?>${households}件<`));
    expect(page).toContain("公共施設予約");
    expect(page).toContain("¥1,100");
    expect(page).toContain("締めを確定する");
  });

  it("closes a month once confirmed and shows its statements and settlements", async () => {
    await admin.get("/billing/close?month=2026-05");
    const res = await admin.post("/billing/close", { month: "2026-05", confirm: "1" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/billing\/2026-05\?ok=/);
    const page = await (await admin.get("/billing/2026-05")).text();
    expect(page).toContain("NT-00001");
    expect(page).toContain("公共施設予約");
  });

  it("says a second close changed nothing", async () => {
    const res = await admin.post("/billing/close", { month: "2026-05", confirm: "1" });
    expect(decodeURIComponent(res.headers.get("location") ?? "")).toContain("締め済みです");
  });

  it("refuses to close a month that is not over yet", async () => {
    expect((await admin.post("/billing/close", { month: "2026-06", confirm: "1" })).status).toBe(409);
  });

  it("renders the statement as a qualified invoice with the registration number and per-rate tax", async () => {
    const id = (await h.repos.households.getByContractId("op-a", "NT-00001"))?.id;
    const text = await (await admin.get(`/billing/2026-05/statements/${id}`)).text();
    expect(text).toMatch(/登録番号 T[0-9]{13}/);
    expect(text).toContain("10%対象");
    expect(text).toContain("¥5,500");
    expect(text).toContain("¥500");
  });

  it("exports the month's statement lines as CSV", async () => {
    const bytes = new Uint8Array(await (await admin.get("/billing/2026-05/statements.csv")).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads UTF-8
    const csv = new TextDecoder().decode(bytes);
    expect(csv.split("\r\n")[0]).toBe(
      "month,contract_id,kind,provider_id,usage_id,description,amount_yen,tax_rate_percent",
    );
    expect(csv).toContain("2026-05,NT-00001,charge,prov-facility,g-1,");
  });
});

describe("PF fee statement page", () => {
  it("offers the month in progress first, chosen, and shows it as provisional with when it was counted", async () => {
    const page = await (await admin.get("/pf-fees")).text();
    const options = [...page.matchAll(/<option value="([0-9-]+)"( selected)?/g)].map((m) => [m[1], !!m[2]]);
    expect(options[0]).toEqual(["2026-06", true]);
    expect(h.pf.calls.some((c) => c.path === "/v1/operator/fee-statements/2026-06")).toBe(true);
    expect(page).toContain("速報");
    expect(page).toContain("月末まで増えます");
  });

  it("fills the dashboard's login chart with the month in progress without staff opening the fee page", async () => {
    const other = await loggedIn(h, "b-admin");
    expect(await (await other.get("/")).text()).not.toContain("ログイン数: 120");
    await refreshFeeStatements(h.deps);
    const dashboard = await (await other.get("/")).text();
    expect(dashboard).toContain("6月（速報） ログイン数: 120");
    expect(
      h.pf.calls.some(
        (c) => c.path === "/v1/operator/fee-statements/2026-06" && c.authorization === "Bearer api-key-b",
      ),
    ).toBe(true);
  });

  it("fetches and shows the PF's statement for the month", async () => {
    const text = await (await admin.get("/pf-fees?month=2026-05")).text();
    expect(text).toContain("ログイン");
    expect(text).toContain("¥759");
    expect(
      h.pf.calls.some(
        (c) => c.path === "/v1/operator/fee-statements/2026-05" && c.authorization === "Bearer api-key-a",
      ),
    ).toBe(true);
  });

  it("shows the last copy, marked as such, when the PF cannot be reached", async () => {
    h.pf.respond = () => ({ status: 503 });
    const res = await admin.get("/pf-fees?month=2026-05");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("取得した内容を表示しています");
    expect(text).toContain("¥759");
  });

  it("explains the failure when there is no copy", async () => {
    const res = await admin.get("/pf-fees?month=2026-04");
    expect(res.status).toBe(502);
    expect(await res.text()).toContain("共通的PF");
  });
});

describe("settings", () => {
  it("refuses a registration number with a wrong check digit", async () => {
    await admin.get("/settings");
    const res = await admin.post("/settings", { registrationNumber: "T1234567890123", feePercent: "5" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("チェックデジット");
  });

  it("saves a new collection fee rate for the next close", async () => {
    const current = (await h.repos.accounts.getOperator("op-a"))?.invoiceRegistrationNumber ?? "";
    await admin.post("/settings", { registrationNumber: current, feePercent: "3.25" });
    expect((await h.repos.accounts.getOperator("op-a"))?.collectionFeeBasisPoints).toBe(325);
    expect((await h.repos.billing.getMonth("op-a", "2026-05"))?.collectionFeeBasisPoints).toBe(500);
  });
});
