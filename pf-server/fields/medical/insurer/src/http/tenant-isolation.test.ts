import { eligibilityAnswerSchema } from "@catv/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Harness,
  KENPO,
  KOKUHO,
  personId,
  residents,
  staffBrowser,
  startHarness,
} from "../test-support/harness.ts";

let h: Harness;
let kokuho: Awaited<ReturnType<typeof staffBrowser>>;
let kenpo: Awaited<ReturnType<typeof staffBrowser>>;
let kenpoAccount: string;
const kenpoPerson = () => personId(KENPO, "3101", "12", "00");

beforeAll(async () => {
  h = await startHarness();
  kokuho = await staffBrowser(h, "kokuho-staff");
  kenpo = await staffBrowser(h, "kenpo-staff");
  kenpoAccount = await h.register(KENPO, residents.yamadaTaro);
  expect((await kenpo.post(`/intake/${kenpoAccount}/link`, { personId: kenpoPerson() })).status).toBe(303);
});
afterAll(() => h.close());

describe("the two insurers, one system: each sees only its own", () => {
  it("lists only the insurer's own registrations", async () => {
    const own = await h.register(KOKUHO, residents.hattoriAoi);
    const page = await (await kokuho.get("/intake?view=all")).text();
    expect(page).toContain(own);
    expect(page).not.toContain(kenpoAccount);
  });

  it("answers the other insurer's registration as not found", async () => {
    expect((await kokuho.get(`/intake/${kenpoAccount}`)).status).toBe(404);
    expect((await kokuho.get(`/intake/${kenpoAccount}/link/${kenpoPerson()}`)).status).toBe(404);
  });

  it("answers the other insurer's insured person as not found", async () => {
    expect((await kokuho.get(`/persons/${kenpoPerson()}`)).status).toBe(404);
    const list = await (await kokuho.get("/persons?q=山田")).text();
    expect(list).not.toContain("山田 太郎");
  });

  it("cannot unlink or link the other insurer's accounts or people", async () => {
    expect(
      (await kokuho.post(`/intake/${kenpoAccount}/unlink`, { personId: kenpoPerson(), reason: "x" })).status,
    ).toBe(404);
    const own = await h.register(KOKUHO, residents.mizutaniMakoto);
    const res = await kokuho.post(`/intake/${own}/link`, { personId: kenpoPerson(), confirmMismatch: "1" });
    expect(res.status).toBe(404);
    expect((await h.store.links.live(KENPO, kenpoAccount)).map((l) => l.personId)).toEqual([kenpoPerson()]);
  });

  it("does not import the other insurer's 共通的PFID from a CSV", async () => {
    const csv = `共通的PFID,記号,番号,枝番\r\n${kenpoAccount},3101,12,00\r\n`;
    const res = await kokuho.upload("/csv/imports", new TextEncoder().encode(csv));
    expect(res.status).toBe(303);
    const preview = await (await kokuho.get(res.headers.get("location")!)).text();
    expect(preview).toContain("受付一覧にありません");
    const importId = res.headers.get("location")!.split("/").at(-1)!;
    expect((await kenpo.get(`/csv/imports/${importId}`)).status).toBe(404);
  });

  it("exports only the insurer's own links", async () => {
    const file = await (await kokuho.get("/csv/links.csv")).text();
    expect(file).not.toContain(kenpoAccount);
    expect(await (await kenpo.get("/csv/links.csv")).text()).toContain(kenpoAccount);
  });

  it("answers an eligibility request addressed to the other insurer with 該当資格なし, naming nobody", async () => {
    const res = await h.askEligibility(KOKUHO, kenpoAccount);
    const answer = eligibilityAnswerSchema.parse(await res.json());
    expect(answer).toMatchObject({ qualificationValidity: "4", qualifications: [] });
  });

  it("shows each insurer's audit log to its own admins only", async () => {
    const admin = await staffBrowser(h, "kokuho-admin");
    const page = await (await admin.get("/audit")).text();
    expect(page).not.toContain(kenpoAccount);
  });
});
