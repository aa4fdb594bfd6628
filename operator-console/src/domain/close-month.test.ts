import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  deliver,
  type Harness,
  registeredEvent,
  usageEvent,
  yamadaTaro,
} from "../test-support/harness.ts";
import { closeMonth } from "./close-month.ts";
import { deliverToPf, settlementIdempotencyKey } from "./deliver-to-pf.ts";
import { importHouseholdsCsv, previewHouseholdsImport } from "./import-households-csv.ts";
import { closeHousehold, createHousehold } from "./manage-households.ts";

let h: Harness;
const linked = "DDDD-DDDD-DDDD-0001";
const unlinked = "DDDD-DDDD-DDDD-0002";

beforeAll(async () => {
  h = await createHarness({ householdsPerTown: 2 });
  await deliver(h, registeredEvent(linked, yamadaTaro));
  await deliver(
    h,
    registeredEvent(unlinked, { name: "知らない 人", address: "南砺市1", dateOfBirth: "1999-01-01" }),
  );
  h.clock.now = new Date("2026-06-01T03:00:00.000Z"); // June in JST; May is closable
  const may = "2026-05-10T01:00:00.000Z";
  await deliver(h, usageEvent("u-1", linked, 1_100, may));
  await deliver(h, usageEvent("u-2", linked, 550, may));
  await deliver(h, usageEvent("u-3", linked, 108, may, { taxRatePercent: 8, providerId: "prov-healthcare" }));
  await deliver(h, usageEvent("u-2r", linked, 550, may, { kind: "reversal", reverses: "u-2" }));
  await deliver(h, usageEvent("u-4", unlinked, 330, may));
});
afterAll(() => h.close());

describe("closeMonth", () => {
  it("refuses to close the current month", async () => {
    await expect(closeMonth(h.deps, h.actor("op-a"), "2026-06")).rejects.toThrow(
      expect.objectContaining({ code: "month_not_closable" }),
    );
  });

  it("writes one statement per active household with the cable fee and the month's service charges", async () => {
    const result = await closeMonth(h.deps, h.actor("op-a"), "2026-05");
    expect(result.alreadyClosed).toBe(false);
    const households = await h.repos.households.count("op-a");
    expect(result.statementCount).toBe(households);
    const yamada = await h.repos.households.getByContractId("op-a", "NT-00001");
    const found = await h.repos.billing.getStatement("op-a", "2026-05", yamada?.id ?? -1);
    expect(found?.lines.map((l) => [l.kind, l.amountYen, l.taxRatePercent])).toEqual([
      ["cable_fee", 4_400, 10],
      ["charge", 1_100, 10],
      ["charge", 550, 10],
      ["charge", 108, 8],
      ["reversal", -550, 10],
    ]);
  });

  it("shows tax per rate as a qualified invoice does (tax-included totals, tax truncated once per rate)", async () => {
    const yamada = await h.repos.households.getByContractId("op-a", "NT-00001");
    const s = (await h.repos.billing.getStatement("op-a", "2026-05", yamada?.id ?? -1))?.statement;
    expect(s).toMatchObject({
      total10Yen: 5_500,
      tax10Yen: 500,
      total8Yen: 108,
      tax8Yen: 8,
      total0Yen: 0,
      totalYen: 5_608,
    });
  });

  it("settles each provider: collected less reversals, the collection fee, and the net payable", async () => {
    const settlements = await h.repos.billing.listSettlements("op-a", "2026-05");
    const facility = settlements.find((s) => s.providerId === "prov-facility");
    expect(facility).toMatchObject({
      recordsCollected: 2,
      reversals: 1,
      uncollected: 1,
      grossYen: 1_100,
      collectionFeeYen: 55,
      netPayableYen: 1_045,
      status: "pending",
    });
    expect(settlements.find((s) => s.providerId === "prov-healthcare")).toMatchObject({
      grossYen: 108,
      collectionFeeYen: 5,
      netPayableYen: 103,
    });
  });

  it("returns the earlier result when closed again and writes nothing more", async () => {
    const before = (await h.repos.billing.listStatements("op-a", "2026-05", undefined, 1000, 0)).total;
    const again = await closeMonth(h.deps, h.actor("op-a"), "2026-05");
    expect(again.alreadyClosed).toBe(true);
    expect((await h.repos.billing.listStatements("op-a", "2026-05", undefined, 1000, 0)).total).toBe(before);
    expect(await h.repos.billing.listSettlements("op-a", "2026-05")).toHaveLength(2);
  });

  it("bills usage that arrives after the close in the next open month", async () => {
    await deliver(h, usageEvent("u-late", linked, 220, "2026-05-31T10:00:00.000Z"));
    const late = (await h.repos.usage.list("op-a", { limit: 100 })).find((u) => u.usageId === "u-late");
    expect(late?.billingMonth).toBe("2026-06");
    const yamada = await h.repos.households.getByContractId("op-a", "NT-00001");
    const may = await h.repos.billing.getStatement("op-a", "2026-05", yamada?.id ?? -1);
    expect(may?.lines.some((l) => l.usageId === "u-late")).toBe(false);
  });

  it("puts a reversal of an already-billed charge on the next month as a credit", async () => {
    await deliver(
      h,
      usageEvent("u-1r", linked, 1_100, "2026-06-02T01:00:00.000Z", { kind: "reversal", reverses: "u-1" }),
    );
    h.clock.now = new Date("2026-07-01T03:00:00.000Z");
    await closeMonth(h.deps, h.actor("op-a"), "2026-06");
    const yamada = await h.repos.households.getByContractId("op-a", "NT-00001");
    const june = await h.repos.billing.getStatement("op-a", "2026-06", yamada?.id ?? -1);
    expect(june?.statement.totalYen).toBe(4_400 + 220 - 1_100);
    const facility = (await h.repos.billing.listSettlements("op-a", "2026-06")).find(
      (s) => s.providerId === "prov-facility",
    );
    expect(facility).toMatchObject({ recordsCollected: 1, reversals: 1, grossYen: -880 });
  });

  it("does not bill another operator's households", async () => {
    expect((await h.repos.billing.listStatements("op-b", "2026-05", undefined, 10, 0)).total).toBe(0);
  });
});

describe("settlement delivery", () => {
  it("sends each settlement to the PF with a stable Idempotency-Key and the per-record statuses", async () => {
    h.pf.calls.length = 0;
    await deliverToPf(h.deps);
    const calls = h.pf.calls.filter((c) => c.path === "/v1/operator/settlements");
    const may = calls.find(
      (c) =>
        (c.body as { month: string; providerId: string }).month === "2026-05" &&
        (c.body as { providerId: string }).providerId === "prov-facility",
    );
    expect(may?.idempotencyKey).toBe(
      settlementIdempotencyKey({ operatorId: "op-a", month: "2026-05", providerId: "prov-facility" }),
    );
    expect(may?.body).toMatchObject({
      grossYen: 1_100,
      collectionFeeYen: 55,
      netPayableYen: 1_045,
      records: expect.arrayContaining([
        { usageId: "u-1", status: "collected", amountYen: 1_100 },
        { usageId: "u-2r", status: "reversed", amountYen: 550 },
        { usageId: "u-4", status: "uncollected", amountYen: 330 },
      ]),
    });
    expect(await h.repos.billing.pendingSettlements()).toHaveLength(0);
  });

  it("keeps a refused settlement pending and succeeds on a later pass", async () => {
    h.clock.now = new Date("2026-08-01T03:00:00.000Z");
    await deliver(h, usageEvent("u-july", linked, 440, "2026-07-05T01:00:00.000Z"));
    await closeMonth(h.deps, h.actor("op-a"), "2026-07");
    h.pf.respond = () => ({ status: 503 });
    await deliverToPf(h.deps);
    const pending = await h.repos.billing.pendingSettlements();
    expect(pending).toHaveLength(1);
    expect(pending[0]?.attempts).toBe(1);
    h.pf.respond = (call) => ({
      status: 201,
      body: { settlementId: `s-${call.idempotencyKey}`, status: "accepted" },
    });
    await deliverToPf(h.deps);
    expect(await h.repos.billing.pendingSettlements()).toHaveLength(0);
  });
});

describe("the cable fee follows each household's service period (利用開始日, 解約日)", () => {
  let s: Harness;
  const statementOf = async (contractId: string, month: string) => {
    const household = await s.repos.households.getByContractId("op-a", contractId);
    return s.repos.billing.getStatement("op-a", month, household?.id ?? -1);
  };
  const member = (name: string, birthDate: string) => ({ name, birthDate, gender: "1" });
  const household = (contractId: string, serviceStartDate: string, who: ReturnType<typeof member>) => ({
    contractId,
    address: `富山県南砺市平${contractId.slice(-2)}番地`,
    plan: "スタンダード",
    monthlyFeeYen: 4_400,
    serviceStartDate,
    members: [who],
  });

  beforeAll(async () => {
    s = await createHarness({ householdsPerTown: 0 });
    const admin = s.actor("op-a");
    s.clock.now = new Date("2026-04-20T03:00:00.000Z");
    await createHousehold(
      s.deps,
      admin,
      household("NT-60002", "2026-05-01", member("月初 開始", "1971-01-01")),
    );
    await createHousehold(
      s.deps,
      admin,
      household("NT-60003", "2026-05-20", member("月中 開始", "1972-02-02")),
    );
    await createHousehold(
      s.deps,
      admin,
      household("NT-60004", "2026-04-01", member("六月 解約", "1973-03-03")),
    );
    // Imported on 2 June without a 利用開始日 column: the service starts on the day of the import.
    s.clock.now = new Date("2026-06-02T01:00:00.000Z");
    const csv =
      "契約者ID,住所,プラン,月額料金,氏名,生年月日,性別\nNT-60001,富山県南砺市平10番地,スタンダード,4400,途中 加入,1970-07-07,1\n";
    const plan = await previewHouseholdsImport(s.deps, admin, Buffer.from(csv), "utf-8");
    await importHouseholdsCsv(s.deps, admin, Buffer.from(csv), "utf-8", plan.digest);
    const closing = await s.repos.households.getByContractId("op-a", "NT-60004");
    s.clock.now = new Date("2026-06-10T03:00:00.000Z");
    await closeHousehold(s.deps, admin, closing?.id ?? -1);
    // 途中 加入 registers and books in June, the month her service began.
    await deliver(
      s,
      registeredEvent("HHHH-HHHH-HHHH-0001", {
        name: "途中 加入",
        address: "富山県南砺市平10番地",
        dateOfBirth: "1970-07-07",
      }),
    );
    await deliver(s, usageEvent("p-1", "HHHH-HHHH-HHHH-0001", 660, "2026-06-12T01:00:00.000Z"));
    await closeMonth(s.deps, admin, "2026-05");
    s.clock.now = new Date("2026-07-01T03:00:00.000Z");
    await closeMonth(s.deps, admin, "2026-06");
    s.clock.now = new Date("2026-08-01T03:00:00.000Z");
    await closeMonth(s.deps, admin, "2026-07");
  });
  afterAll(() => s.close());

  it("does not bill a household imported on the 2nd for the month before it existed", async () => {
    expect(await s.repos.households.getByContractId("op-a", "NT-60001")).toMatchObject({
      serviceStartDate: "2026-06-02",
    });
    expect(await statementOf("NT-60001", "2026-05")).toBeUndefined();
  });

  it("starts the cable fee in the month after a service that began after the 1st", async () => {
    expect(await statementOf("NT-60003", "2026-05")).toBeUndefined();
    expect((await statementOf("NT-60003", "2026-06"))?.lines.map((l) => [l.kind, l.amountYen])).toEqual([
      ["cable_fee", 4_400],
    ]);
  });

  it("bills the month a service began on its 1st", async () => {
    expect((await statementOf("NT-60002", "2026-05"))?.statement.totalYen).toBe(4_400);
  });

  it("bills the first month's usage without its cable fee", async () => {
    expect((await statementOf("NT-60001", "2026-06"))?.lines.map((l) => [l.kind, l.amountYen])).toEqual([
      ["charge", 660],
    ]);
    expect((await statementOf("NT-60001", "2026-07"))?.lines.map((l) => [l.kind, l.amountYen])).toEqual([
      ["cable_fee", 4_400],
    ]);
  });

  it("bills the month a household was closed in, whenever the month is closed, and none after", async () => {
    expect((await statementOf("NT-60004", "2026-06"))?.statement.totalYen).toBe(4_400);
    expect(await statementOf("NT-60004", "2026-07")).toBeUndefined();
  });
});
