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
/** A registration that matches nobody in the register: every field differs from 石黒 健一's (NT-00003). */
const stranger = {
  name: "知らない 人",
  address: "富山県南砺市利賀1番地",
  dateOfBirth: "1999-01-01",
  gender: "2" as const,
};
const cable = "EEEE-EEEE-EEEE-0001";
let ishiguro = "";

beforeAll(async () => {
  h = await createHarness();
  staff = await loggedIn(h, "a-staff");
  await deliver(h, registeredEvent(cable, stranger));
  ishiguro = (await h.repos.households.getByContractId("op-a", "NT-00003"))?.members[0]?.memberId ?? "";
});
afterAll(() => h.close());

describe("linking a member whose records differ from the 4情報", () => {
  it("marks each differing field of each candidate on the linking screen", async () => {
    const page = await (await staff.get(`/linking/${cable}?name=&birthDate=1947-11-03&address=`)).text();
    expect(page).toContain("石黒 健一");
    expect(page).toContain("相違を確認して紐づける");
    expect(page).not.toContain("この世帯員に紐づける");
  });

  it("links nothing and shows each difference, certificate beside register, when staff pick such a member", async () => {
    const res = await staff.post(`/linking/${cable}/link`, { memberId: ishiguro });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain("4情報と世帯員の記録が一致しません");
    for (const shown of [
      "知らない 人",
      "石黒 健一",
      "1999-01-01",
      "1947-11-03",
      "女性",
      "男性",
      "利賀1番地",
    ]) {
      expect(page).toContain(shown);
    }
    expect(page).toContain("相違を承知で紐づける");
    expect((await h.repos.cableIds.get("op-a", cable))?.status).toBe("pending");
    expect(await h.repos.audit.list("op-a", { action: "cable_id.link", limit: 5 })).toEqual([]);
  });

  it("asks again when the differences confirmed are not all the differences there are", async () => {
    const res = await staff.post(`/linking/${cable}/link`, {
      memberId: ishiguro,
      confirmMismatch: "1",
      acknowledged: ["address"],
    });
    expect(res.status).toBe(409);
    expect((await h.repos.cableIds.get("op-a", cable))?.status).toBe("pending");
  });

  it("links once staff confirm the differences shown, audited as a mismatch link naming the fields only", async () => {
    const res = await staff.post(`/linking/${cable}/link`, {
      memberId: ishiguro,
      confirmMismatch: "1",
      acknowledged: ["name", "birthDate", "gender", "address"],
    });
    expect(res.status).toBe(303);
    expect(await h.repos.cableIds.get("op-a", cable)).toMatchObject({
      status: "linked",
      linkMethod: "manual",
      contractId: "NT-00003",
    });
    const [entry] = await h.repos.audit.list("op-a", { action: "cable_id.link", limit: 5 });
    expect(entry?.action).toBe("cable_id.link_mismatch");
    expect(entry?.detail).toContain("不一致: 氏名・生年月日・性別・住所");
    expect(entry?.detail).not.toMatch(/知らない|石黒|1999|1947|利賀/);
  });
});

describe("linking a member whose records agree with the 4情報", () => {
  it("links at once and audits a plain link", async () => {
    const newcomer = { name: "新規 加入", address: "富山県南砺市井口55番地", dateOfBirth: "1988-08-08" };
    await deliver(h, registeredEvent("EEEE-EEEE-EEEE-0002", newcomer));
    expect((await h.repos.cableIds.get("op-a", "EEEE-EEEE-EEEE-0002"))?.status).toBe("pending");
    // The household is entered after the registration arrived, so the automatic match could not find it.
    await staff.get("/households/new");
    await staff.post(
      "/households",
      householdForm({
        contractId: "NT-70001",
        address: "南砺市井口55",
        plan: "ベーシック",
        monthlyFeeYen: "2750",
        members: [{ name: "新規　加入", birthDate: "1988-08-08", gender: "1" }],
      }),
    );
    const page = await (await staff.get("/linking/EEEE-EEEE-EEEE-0002")).text();
    expect(page).toContain("この世帯員に紐づける");
    const res = await staff.post("/linking/EEEE-EEEE-EEEE-0002/link", { memberId: "NT-70001-01" });
    expect(res.status).toBe(303);
    expect((await h.repos.cableIds.get("op-a", "EEEE-EEEE-EEEE-0002"))?.status).toBe("linked");
    const [entry] = await h.repos.audit.list("op-a", { action: "cable_id.link", limit: 1 });
    expect(entry).toMatchObject({ action: "cable_id.link", detail: "EEEE-EEEE-EEEE-0002 → NT-70001-01" });
  });
});

describe("search by cable ID", () => {
  it("finds the household a cable ID is linked to, typed in lower case and without hyphens", async () => {
    const page = await (await staff.get("/households?q=eeeeeeeeeeee0001")).text();
    expect(page).toContain("NT-00003");
    expect(page).not.toContain("NT-00001");
    expect(page).toContain("全1件");
  });

  it("does not match every household on a name that has no letters or digits of a cable ID", async () => {
    const page = await (await staff.get(`/households?q=${encodeURIComponent("石黒")}`)).text();
    expect(page).toContain("全1件");
  });

  it("finds cable IDs on the cable-ID list by any part of the ID", async () => {
    const page = await (await staff.get("/cable-ids?q=eeee-0002")).text();
    expect(page).toContain("EEEE-EEEE-EEEE-0002");
    expect(page).not.toContain("EEEE-EEEE-EEEE-0001");
    const all = await (await staff.get("/cable-ids?q=EEEE")).text();
    expect(all).toContain("EEEE-EEEE-EEEE-0001");
    expect(all).toContain("EEEE-EEEE-EEEE-0002");
  });
});
