import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  createHarness,
  deliver,
  type Harness,
  householdForm,
  loggedIn,
  registeredEvent,
} from "../test-support/harness.ts";

let h: Harness;
let staff: Browser;
beforeAll(async () => {
  h = await createHarness();
  staff = await loggedIn(h, "a-staff");
});
afterAll(() => h.close());

describe("household pages", () => {
  it("creates a household with its members and audits it", async () => {
    await staff.get("/households/new");
    const res = await staff.post(
      "/households",
      householdForm({
        contractId: "NT-80001",
        address: "富山県南砺市福光500番地",
        plan: "スタンダード",
        monthlyFeeYen: "4400",
        // The form's spare blank row is ignored.
        members: [
          { name: "新規 一郎", birthDate: "1980-01-01", gender: "1" },
          { name: "", birthDate: "", gender: "" },
        ],
      }),
    );
    expect(res.status).toBe(303);
    const household = await h.repos.households.getByContractId("op-a", "NT-80001");
    expect(household?.members.map((m) => m.memberId)).toEqual(["NT-80001-01"]);
    expect((await h.repos.audit.list("op-a", { action: "household.create", limit: 5 }))[0]?.contractId).toBe(
      "NT-80001",
    );
  });

  it("shows a specific message for an invalid form and keeps what was typed", async () => {
    const res = await staff.post(
      "/households",
      householdForm({
        contractId: "NT-80002",
        address: "富山県南砺市福光501番地",
        plan: "スタンダード",
        monthlyFeeYen: "-1",
        members: [{ name: "入力 途中", birthDate: "1980-01-01", gender: "1" }],
      }),
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain("月額料金は0円以上です");
    expect(text).toContain("入力 途中");
  });

  it("finds households by a member's name regardless of spacing and width", async () => {
    const text = await (await staff.get(`/households?q=${encodeURIComponent("山田太郎")}`)).text();
    expect(text).toContain("NT-00001");
  });

  it("edits a household and adds a member, keeping existing member IDs", async () => {
    const household = await h.repos.households.getByContractId("op-a", "NT-80001");
    await staff.get(`/households/${household?.id}/edit`);
    const res = await staff.post(
      `/households/${household?.id}`,
      householdForm({
        address: "富山県南砺市福光600番地",
        plan: "プレミアム",
        monthlyFeeYen: "6600",
        members: [
          { memberId: "NT-80001-01", name: "新規 一郎", birthDate: "1980-01-01", gender: "1" },
          { name: "新規 花子", birthDate: "1982-02-02", gender: "2" },
        ],
      }),
    );
    expect(res.status).toBe(303);
    const after = await h.repos.households.get("op-a", household?.id ?? -1);
    expect(after?.plan).toBe("プレミアム");
    expect(after?.members.map((m) => m.memberId)).toEqual(["NT-80001-01", "NT-80001-02"]);
  });

  it("closes a household and then refuses to edit it", async () => {
    const household = await h.repos.households.getByContractId("op-a", "NT-80001");
    await staff.post(`/households/${household?.id}/close`, {});
    expect((await h.repos.households.get("op-a", household?.id ?? -1))?.status).toBe("closed");
    const res = await staff.post(
      `/households/${household?.id}`,
      householdForm({ address: "x", plan: "x", monthlyFeeYen: "1" }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("解約済み");
  });
});

describe("linking screen (参考１－２)", () => {
  it("searches with the applicant's 4情報 and links the chosen member by hand", async () => {
    await deliver(
      h,
      registeredEvent("FFFF-FFFF-FFFF-0001", {
        name: "石黒 健一",
        address: "富山県南砺市城端999番地",
        dateOfBirth: "1947-11-03",
      }),
    );
    const page = await (await staff.get("/linking/FFFF-FFFF-FFFF-0001")).text();
    expect(page).toContain("NT-00003");
    expect(page).toContain("不一致");
    const member = (await h.repos.households.getByContractId("op-a", "NT-00003"))?.members[0]?.memberId ?? "";
    // Only the address differs: staff confirm that one difference.
    const res = await staff.post("/linking/FFFF-FFFF-FFFF-0001/link", {
      memberId: member,
      confirmMismatch: "1",
      acknowledged: ["address"],
    });
    expect(res.status).toBe(303);
    const row = await h.repos.cableIds.get("op-a", "FFFF-FFFF-FFFF-0001");
    expect(row).toMatchObject({ status: "linked", linkMethod: "manual", contractId: "NT-00003" });
    expect(
      (await h.repos.pfSync.openLinks(100)).some(
        (o) => o.cableId === "FFFF-FFFF-FFFF-0001" && o.status === "linked",
      ),
    ).toBe(true);
  });

  it("refuses to link a cable ID that is already linked", async () => {
    const member = (await h.repos.households.getByContractId("op-a", "NT-00001"))?.members[0]?.memberId ?? "";
    const res = await staff.post("/linking/FFFF-FFFF-FFFF-0001/link", { memberId: member });
    expect(res.status).toBe(409);
  });

  it("corrects the member's records from the 4情報 when staff ask to (④)", async () => {
    await deliver(
      h,
      registeredEvent("FFFF-FFFF-FFFF-0002", {
        name: "山田 和子",
        address: "富山県南砺市福光1234番地",
        dateOfBirth: "1960-09-20",
        gender: "2",
      }),
    );
    const member = (await h.repos.households.getByContractId("op-a", "NT-00001"))?.members[1];
    await staff.post("/linking/FFFF-FFFF-FFFF-0002/link", {
      memberId: member?.memberId ?? "",
      correctMember: "1",
      confirmMismatch: "1",
      acknowledged: ["birthDate"],
    });
    expect((await h.repos.households.memberByMemberId("op-a", member?.memberId ?? ""))?.birthDate).toBe(
      "1960-09-20",
    );
  });

  it("unlinks with a reason, audits it, and returns the cable ID to the queue", async () => {
    const res = await staff.post("/cable-ids/FFFF-FFFF-FFFF-0001/unlink", {
      reason: "別人と判明",
      back: "/cable-ids",
    });
    expect(res.status).toBe(303);
    expect((await h.repos.cableIds.get("op-a", "FFFF-FFFF-FFFF-0001"))?.status).toBe("pending");
    const entry = (await h.repos.audit.list("op-a", { action: "cable_id.unlink", limit: 1 }))[0];
    expect(entry?.detail).toContain("別人と判明");
    expect(entry?.contractId).toBe("NT-00003");
  });

  it("goes back to the cable-ID list, not off-site, when the unlink form's back= names another host", async () => {
    const member = (await h.repos.households.getByContractId("op-a", "NT-00003"))?.members[0]?.memberId ?? "";
    await staff.post("/linking/FFFF-FFFF-FFFF-0001/link", {
      memberId: member,
      confirmMismatch: "1",
      acknowledged: ["address"],
    });
    expect((await h.repos.cableIds.get("op-a", "FFFF-FFFF-FFFF-0001"))?.status).toBe("linked");
    const res = await staff.post("/cable-ids/FFFF-FFFF-FFFF-0001/unlink", {
      reason: "確認のため",
      back: "//3232235777",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/cable-ids\?ok=/);
  });
});

describe("assisted registration page", () => {
  it("opens a registration session at the PF for the chosen member and STB", async () => {
    const member = (await h.repos.households.getByContractId("op-a", "NT-00002"))?.members[0]?.memberId ?? "";
    await staff.get("/assisted");
    const res = await staff.post("/assisted", { memberId: member, terminalId: "stb-a-0002" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("登録を開始しました");
    const call = h.pf.calls.find((c) => c.path === "/v1/operator/assisted-registrations");
    expect(call?.authorization).toBe("Bearer api-key-a");
    expect(call?.body).toEqual({ terminalId: "stb-a-0002", contractId: "NT-00002", memberId: member });
  });

  it("shows the PF's refusal without recording a session", async () => {
    const before = (await h.repos.pfSync.listAssisted("op-a", 100)).length;
    h.pf.respond = () => ({
      status: 409,
      body: { error: { code: "forbidden", message: "busy", requestId: "r" } },
    });
    const member = (await h.repos.households.getByContractId("op-a", "NT-00002"))?.members[0]?.memberId ?? "";
    const res = await staff.post("/assisted", { memberId: member, terminalId: "stb-a-0002" });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain("forbidden");
    expect((await h.repos.pfSync.listAssisted("op-a", 100)).length).toBe(before);
  });
});
