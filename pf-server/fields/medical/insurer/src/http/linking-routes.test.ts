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
let staff: Awaited<ReturnType<typeof staffBrowser>>;
beforeAll(async () => {
  h = await startHarness();
  staff = await staffBrowser(h, "kenpo-staff");
});
afterAll(() => h.close());

const yamada = () => personId(KENPO, "3101", "12", "00");
const kobayashi = () => personId(KENPO, "4101", "8", "00");

describe("the linking screen (参考１－２)", () => {
  it("lists a new registration among those waiting to be linked", async () => {
    const accountId = await h.register(KENPO, residents.yamadaTaro);
    const page = await (await staff.get("/intake?view=pending")).text();
    expect(page).toContain(accountId);
    expect(page).toContain("山田 太郎");
  });

  it("searches the register with the application's 4情報 and shows the match first, every field 一致", async () => {
    const accountId = await h.register(KENPO, residents.yamadaTaro);
    const page = await (await staff.get(`/intake/${accountId}`)).text();
    const firstCandidate = /<tr data-person-id="([^"]+)">([\s\S]*?)<\/tr>/.exec(page);
    expect(firstCandidate?.[1]).toBe(yamada());
    expect(firstCandidate?.[2]).not.toContain("相違");
  });

  it("finds a person whose register spells the address another way (全角, 丁目・番・号 as a hyphen)", async () => {
    const accountId = await h.register(KENPO, residents.matsumotoSakura);
    const page = await (await staff.get(`/intake/${accountId}`)).text();
    const row = new RegExp(
      `<tr data-person-id="${personId(KENPO, "3101", "45", "00")}">([\\s\\S]*?)</tr>`,
    ).exec(page);
    expect(row?.[1]).not.toContain("相違");
  });

  it("treats a 代替文字 of the certificate as matching the register's character", async () => {
    const accountId = await h.register(KENPO, { ...residents.takahashiMisaki, name: "〓橋 美咲" });
    const page = await (await staff.get(`/intake/${accountId}`)).text();
    const row = new RegExp(
      `<tr data-person-id="${personId(KENPO, "3101", "27", "01")}">([\\s\\S]*?)</tr>`,
    ).exec(page);
    expect(row?.[1]).toContain("髙橋 美咲");
    expect(row?.[1]).not.toContain("相違");
  });

  it("links a matching person, tells the PF, and audits it", async () => {
    const accountId = await h.register(KENPO, residents.satoHanako);
    const target = personId(KENPO, "5101", "14", "00");
    expect((await staff.get(`/intake/${accountId}/link/${target}`)).status).toBe(200);
    const res = await staff.post(`/intake/${accountId}/link`, { personId: target });
    expect(res.status).toBe(303);
    expect((await h.store.links.live(KENPO, accountId)).map((l) => l.personId)).toEqual([target]);
    await h.deliver();
    expect(h.pf.accounts.get(accountId)?.linkStatus).toBe("linked");
    const audit = await h.store.audit.list(KENPO, { offset: 0, limit: 20 });
    expect(audit.items.find((e) => e.target === accountId && e.action === "link.create")).toMatchObject({
      actor: "kenpo-staff",
    });
  });

  it("refuses to link a person who differs from the application until staff confirm the differences shown", async () => {
    const accountId = await h.register(KENPO, residents.kobayashiIchiro);
    const confirm = await (await staff.get(`/intake/${accountId}/link/${kobayashi()}`)).text();
    expect(confirm).toContain("小林 一朗");
    expect(confirm).toMatch(/data-field="name"[\s\S]*?相違/);
    const refused = await staff.post(`/intake/${accountId}/link`, { personId: kobayashi() });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("相違点を確認し");
    expect(await h.store.links.live(KENPO, accountId)).toEqual([]);
    const linked = await staff.post(`/intake/${accountId}/link`, {
      personId: kobayashi(),
      confirmMismatch: "1",
    });
    expect(linked.status).toBe(303);
    const [link] = await h.store.links.live(KENPO, accountId);
    expect(link).toMatchObject({ personId: kobayashi(), mismatchConfirmed: true });
    const audit = await h.store.audit.list(KENPO, { offset: 0, limit: 20 });
    expect(
      audit.items.find((e) => e.target === accountId && e.action === "link.create_mismatch")?.detail,
    ).toContain("氏名");
  });

  it("corrects the record from the application where staff ask, and keeps the old value in the history", async () => {
    const accountId = await h.register(KOKUHO, residents.hattoriAoi);
    const target = personId(KOKUHO, "酒田", "210623", "01");
    const kokuho = await staffBrowser(h, "kokuho-staff");
    const res = await kokuho.post(`/intake/${accountId}/link`, {
      personId: target,
      correct: "address",
      confirmMismatch: "1",
    });
    expect(res.status).toBe(303);
    expect((await h.store.persons.get(KOKUHO, target))?.address).toBe(residents.hattoriAoi.address);
    expect(await h.store.persons.corrections(KOKUHO, target)).toEqual([
      expect.objectContaining({
        field: "address",
        oldValue: "山形県酒田市東泉町三丁目9番1号",
        newValue: residents.hattoriAoi.address,
        accountId,
        staffLoginId: "kokuho-staff",
      }),
    ]);
    const audit = await h.store.audit.list(KOKUHO, { offset: 0, limit: 20 });
    const correction = audit.items.find((e) => e.action === "person.correct");
    expect(correction?.detail).not.toContain(residents.hattoriAoi.address);
  });

  it("refuses a correction of a field that does not differ", async () => {
    const accountId = await h.register(KENPO, residents.yamadaTaro);
    const res = await staff.post(`/intake/${accountId}/link`, { personId: yamada(), correct: "address" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("修正できるのは申請情報と異なる項目だけです");
  });

  it("refuses to link a person already linked to another 共通的PFID", async () => {
    const first = await h.register(KENPO, residents.yamadaTaro);
    const second = await h.register(KENPO, residents.yamadaTaro);
    expect((await staff.post(`/intake/${first}/link`, { personId: yamada() })).status).toBe(303);
    const res = await staff.post(`/intake/${second}/link`, { personId: yamada() });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("別の共通的PFIDが紐づいています");
  });

  it("asks for a separate confirmation before linking one 共通的PFID to a second record (複数該当)", async () => {
    const accountId = await h.register(KENPO, residents.kitamuraShota);
    const own = personId(KENPO, "4101", "52", "00");
    const dependant = personId(KENPO, "4101", "33", "01");
    expect((await staff.post(`/intake/${accountId}/link`, { personId: own })).status).toBe(303);
    const refused = await staff.post(`/intake/${accountId}/link`, { personId: dependant });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("複数該当");
    const linked = await staff.post(`/intake/${accountId}/link`, {
      personId: dependant,
      confirmSecondLink: "1",
    });
    expect(linked.status).toBe(303);
    expect(await h.store.links.live(KENPO, accountId)).toHaveLength(2);
  });

  it("refuses to link a registration whose user-authentication certificate was revoked", async () => {
    const accountId = await h.register(KENPO, residents.itoKenta);
    await h.sendEvent(KENPO, {
      id: `evt_rev_link_${accountId}`,
      type: "account.revoked",
      timestamp: new Date().toISOString(),
      data: {
        accountId,
        revokedAt: new Date().toISOString(),
        reason: "keyCompromise",
        certificate: "authentication",
      },
    });
    const res = await staff.post(`/intake/${accountId}/link`, {
      personId: personId(KENPO, "5101", "5", "00"),
      confirmMismatch: "1",
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("失効");
  });

  it("unlinks with a reason and tells the PF the account is pending again", async () => {
    const accountId = await h.register(KENPO, residents.matsumotoSakura);
    const target = personId(KENPO, "3101", "45", "00");
    await h.store.links.liveForPerson(KENPO, target).then(async (existing) => {
      if (existing)
        await staff.post(`/intake/${existing.accountId}/unlink`, { personId: target, reason: "テスト準備" });
    });
    await staff.post(`/intake/${accountId}/link`, { personId: target });
    await h.deliver();
    expect((await staff.post(`/intake/${accountId}/unlink`, { personId: target, reason: "" })).status).toBe(
      400,
    );
    const res = await staff.post(`/intake/${accountId}/unlink`, { personId: target, reason: "別人と判明" });
    expect(res.status).toBe(303);
    expect(await h.store.links.live(KENPO, accountId)).toEqual([]);
    await h.deliver();
    expect(h.pf.accounts.get(accountId)?.linkStatus).toBe("pending");
    const history = await h.store.links.history(KENPO, accountId);
    expect(history[0]).toMatchObject({ unlinkedBy: "kenpo-staff", unlinkReason: "別人と判明" });
  });

  it("acknowledges a registration's changed 4情報", async () => {
    const accountId = await h.register(KENPO, residents.satoHanako);
    await h.sendEvent(KENPO, {
      id: `evt_upd_ack_${accountId}`,
      type: "account.updated",
      timestamp: new Date().toISOString(),
      data: {
        accountId,
        updatedAt: new Date().toISOString(),
        reason: "renewed",
        fourInfo: residents.satoHanako,
      },
    });
    expect(await (await staff.get("/intake?view=review")).text()).toContain(accountId);
    expect((await staff.post(`/intake/${accountId}/review`)).status).toBe(303);
    expect((await h.store.registrations.get(KENPO, accountId))?.reviewPending).toBe(false);
  });
});

describe("telling the PF the link states", () => {
  it("retries a link state while the PF answers 503, with the same request, until it is accepted", async () => {
    const accountId = await h.register(KENPO, residents.yamadaTaro);
    const target = personId(KENPO, "3101", "12", "01");
    await staff.post(`/intake/${accountId}/link`, { personId: target, confirmMismatch: "1" });
    h.pf.failNextLinks(503);
    const first = await h.deliver();
    expect(first).toMatchObject({ accepted: 0, deferred: 1 });
    expect(h.pf.accounts.get(accountId)?.linkStatus).toBe("pending");
    const due = await h.store.outbox.latest(KENPO, accountId);
    expect(due).toMatchObject({ attempts: 1, doneAt: null });
    // The retry waits its backoff; make it due now.
    await h.store.outbox.markRetry(due!.id, 1, new Date(0).toISOString(), "503");
    expect(await h.deliver()).toMatchObject({ accepted: 1 });
    expect(h.pf.accounts.get(accountId)?.linkStatus).toBe("linked");
    const sent = h.pf.linkRequests.filter((r) => r.accountId === accountId);
    expect(sent.map((r) => [r.answered, r.body])).toEqual([
      [503, { status: "linked" }],
      [204, { status: "linked" }],
    ]);
  });

  it("records a state the PF refuses for good, and does not send it again", async () => {
    const konno = {
      name: "今野 雄一",
      address: "山形県酒田市若竹町一丁目4番9号",
      dateOfBirth: "1983-05-19",
      gender: "1",
    } as const;
    const accountId = await h.register(KENPO, konno);
    // The PF no longer knows the account (it was issued to someone else's tenant, say).
    h.pf.accounts.delete(accountId);
    expect(
      (await staff.post(`/intake/${accountId}/link`, { personId: personId(KENPO, "1201", "102", "00") }))
        .status,
    ).toBe(303);
    expect(await h.deliver()).toMatchObject({ refused: 1 });
    expect(await h.store.outbox.latest(KENPO, accountId)).toMatchObject({
      outcome: "refused",
      lastError: "account_unknown",
    });
    expect(await h.deliver()).toMatchObject({ accepted: 0, refused: 0 });
    const dashboard = await (await staff.get("/")).text();
    expect(dashboard).toContain("共通的PFが受け付けなかった紐づけ状態があります");
  });
});

describe("the staff pages' guards", () => {
  it("sends a visitor without a session to the login page", async () => {
    const res = await h.app.request("/intake");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?next=%2Fintake");
  });

  it("refuses a form posted without the session's CSRF token", async () => {
    const accountId = await h.register(KENPO, residents.satoHanako);
    const res = await staff.post(`/intake/${accountId}/link`, { _csrf: "forged", personId: yamada() });
    expect(res.status).toBe(403);
  });

  it("refuses a wrong password, and too many tries", async () => {
    const wrong = await staffBrowser(h, "kenpo-staff", "not-the-password");
    expect(wrong.loginStatus).toBe(401);
    for (let i = 0; i < 5; i++) await staffBrowser(h, "kokuho-admin", "wrong");
    const blocked = await staffBrowser(h, "kokuho-admin", "kokuho-admin-pass");
    expect(blocked.loginStatus).toBe(429);
  });

  it("shows the audit log to admins only", async () => {
    expect((await staff.get("/audit")).status).toBe(403);
    const admin = await staffBrowser(h, "kenpo-admin");
    expect((await admin.get("/audit")).status).toBe(200);
  });

  it("ends the session on logout", async () => {
    const browser = await staffBrowser(h, "kenpo-admin");
    expect((await browser.post("/logout")).status).toBe(303);
    expect((await browser.get("/intake")).status).toBe(303);
  });
});
