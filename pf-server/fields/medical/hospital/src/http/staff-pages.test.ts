/**
 * The staff side over HTTP: login and its limits, the desk screen (what staff see after each kind of touch), the
 * live event stream, 顧客管理 (search, record, the PF's registration status), CSRF and audit.
 */
import { testQualification } from "@catv/reception-kit/testing";
import { loginFailureWindowEndedBefore, throttleKeys } from "@catv/service-kit/login-throttle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../domain/hash-password.ts";
import {
  type Harness,
  KENPO,
  KOKUHO,
  makeTestCardAnswers,
  recognised,
  recognisePinless,
  STAFF,
  startHarness,
} from "../test-support/harness.ts";

type Card = Awaited<ReturnType<typeof makeTestCardAnswers>>;

let h: Harness;
let taro: Card;
let hanako: Card;
let stranger: Card;
let lost: Card;
let cookie: string;
let csrf: string;

async function logIn(
  loginId = STAFF.loginId,
  password = STAFF.password,
  headers: Record<string, string> = {},
) {
  const form = new URLSearchParams({ loginId, password, next: "/desk" });
  return h.app.request("/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: form.toString(),
  });
}

const get = (path: string, withCookie = cookie) => h.app.request(path, { headers: { cookie: withCookie } });
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  h.app.request(path, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });

beforeAll(async () => {
  h = await startHarness();
  [taro, hanako, stranger, lost] = await Promise.all([
    makeTestCardAnswers(),
    makeTestCardAnswers(),
    makeTestCardAnswers(),
    makeTestCardAnswers(),
  ]);
  h.pf.addPerson({
    card: taro.card,
    registrations: [{ verifierId: KOKUHO, linkStatus: "linked" }],
    eligibility: {
      [KOKUHO]: {
        validity: "1",
        qualifications: [
          testQualification({
            name: "港 太郎",
            nameKana: "ミナト タロウ",
            birthDate: "1958-04-01",
            insuredPartialContributionRatio: "030",
            limitApplicationCertificate: {
              classification: "01",
              classificationFlag: "A03",
              validFrom: "2026-04-01",
            },
          }),
        ],
      },
    },
  });
  h.pf.addPerson({ card: hanako.card, registrations: [{ verifierId: KENPO, linkStatus: "pending" }] });
  h.pf.addPerson({ card: stranger.card });
  h.pf.addPerson({
    card: lost.card,
    registrations: [{ verifierId: KOKUHO, linkStatus: "linked" }],
    eligibility: {
      [KOKUHO]: {
        validity: "2",
        qualifications: [
          testQualification({
            name: "喪失 花子",
            insuredPartialContributionRatio: "030",
            disqualificationDate: "2026-04-01",
            reasonOfLoss: "99",
          }),
        ],
      },
    },
  });
  const response = await logIn();
  cookie = (response.headers.get("set-cookie") ?? "").split(";")[0]!;
  const desk = await (await get("/desk")).text();
  csrf = /name="_csrf" value="([^"]+)"/.exec(desk)?.[1] ?? "";
}, 120_000);

afterAll(() => h.close());

describe("staff login", () => {
  it("sends a visitor without a session to the login page", async () => {
    const response = await h.app.request("/desk");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/login?next=%2Fdesk");
  });

  it("logs staff in with a host-only, HttpOnly, SameSite=Strict cookie", async () => {
    expect(cookie).toMatch(/^__Host-hospital_session=/);
    const response = await logIn();
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toMatch(/HttpOnly; Secure; SameSite=Strict/);
  });

  it("refuses a wrong password in plain Japanese", async () => {
    const response = await logIn(STAFF.loginId, "wrong-password");
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("ログインIDまたはパスワードが違います。");
  });

  // The dummy hash is made, then checked, at the stored cost (scrypt N=2^17, 128 MiB): seconds on a busy machine.
  it("refuses an unknown login ID exactly as it refuses a wrong password", { timeout: 60_000 }, async () => {
    const response = await logIn("minato-nobody", "wrong-password");
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("ログインIDまたはパスワードが違います。");
  });

  it("stops trying after five failures for one login ID, even with the right password", async () => {
    await h.deps.store.staff.create({
      loginId: "minato-night",
      displayName: "夜間受付",
      role: "staff",
      passwordHash: await hashPassword("minato-night-pass", { logN: 10 }),
    });
    for (let i = 0; i < 5; i++) expect((await logIn("minato-night", "x")).status).toBe(401);
    const response = await logIn("minato-night", "minato-night-pass");
    expect(response.status).toBe(429);
    expect(await response.text()).toContain("しばらくログインできません");
  });

  it("counts failures against the connection's address, whatever X-Forwarded-For a client writes", async () => {
    // Nineteen failures already counted against this connection's address (app.request has no socket: "local").
    const [, addressKey] = throttleKeys("-", "local");
    const at = new Date().toISOString();
    const endedBefore = loginFailureWindowEndedBefore(Date.now());
    const before = await h.deps.store.loginFailures.failures(addressKey.hash, endedBefore);
    for (let i = before; i < 19; i++)
      await h.deps.store.loginFailures.countFailure(addressKey.hash, at, endedBefore);
    const forwarded = (address: string) => ({ "x-forwarded-for": address });
    try {
      expect((await logIn(STAFF.loginId, "wrong-password", forwarded("198.51.100.1"))).status).toBe(401);
      expect((await logIn(STAFF.loginId, STAFF.password, forwarded("198.51.100.2"))).status).toBe(429);
    } finally {
      // The other tests of this file log in from the same address.
      await h.deps.store.loginFailures.clear(addressKey.hash);
    }
  });

  it("refuses a logout without the session's CSRF token", async () => {
    expect((await post("/logout", {})).status).toBe(403);
  });

  it("refuses a POST from another site's page", async () => {
    expect((await post("/logout", { _csrf: csrf }, { origin: "http://evil.example" })).status).toBe(403);
    expect((await post("/logout", { _csrf: csrf }, { "sec-fetch-site": "cross-site" })).status).toBe(403);
  });
});

describe("the desk screen", () => {
  it("shows the latest touch: 診察券番号, name, 有効, 3割 and the consented 限度額区分", async () => {
    const { recognitionId, patientNumber } = await recognised(h, taro);
    await h.call("eligibilityChecks", { recognitionId, limitApplicationCertificateConsent: true });
    const panel = await (await get("/desk/panel")).text();
    expect(panel).toContain(patientNumber);
    expect(panel).toContain("港 太郎");
    expect(panel).toMatch(/data-validity="1"/);
    expect(panel).toContain("有効");
    expect(panel).toContain("3割");
    expect(panel).toContain("区分ウ（A03）");
  });

  it("lists a 無効 visit in today's receptions without a 負担割合 or 限度額区分 to charge by", async () => {
    const { recognitionId, patientNumber } = await recognised(h, lost);
    await h.call("eligibilityChecks", { recognitionId, limitApplicationCertificateConsent: true });
    const desk = await (await get("/desk")).text();
    const row = new RegExp(
      `<tr data-visit-row="[^"]+">(?:(?!</tr>).)*${patientNumber}(?:(?!</tr>).)*</tr>`,
      "s",
    ).exec(desk)?.[0];
    expect(row).toContain("無効");
    expect(row).not.toContain("3割");
  });

  it("says what to do after a card registered nowhere", async () => {
    await recognisePinless(h, stranger);
    const panel = await (await get("/desk/panel")).text();
    expect(panel).toContain('data-code="card_not_registered"');
    expect(panel).toContain("受付端末での利用登録をご案内ください");
  });

  it("says the insurer has not linked the patient yet, and to fall back to the 資格確認書", async () => {
    const { recognitionId } = await recognised(h, hanako);
    await h.call("eligibilityChecks", { recognitionId, limitApplicationCertificateConsent: false });
    const panel = await (await get("/desk/panel")).text();
    expect(panel).toContain("保険者の紐づけ待ち");
    expect(panel).toContain("資格確認書");
  });

  it("shows the reader unplugged", async () => {
    await h.call("events", { kind: "reader", code: "reader_unplugged" });
    expect(await (await get("/desk/panel")).text()).toContain("カードリーダー未接続");
    await h.call("events", { kind: "reader", code: "ok" });
    expect(await (await get("/desk/panel")).text()).not.toContain("カードリーダー未接続");
  });

  it("tells an open desk screen that something happened", async () => {
    const response = await get("/desk/events");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    await h.call("events", { kind: "card", code: "card_removed" });
    while (!text.includes("event: changed")) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain("event: changed");
  });

  it("answers the live panel's refresh without a session with 401, not a login page", async () => {
    expect((await get("/desk/panel", "")).status).toBe(401);
  });
});

describe("顧客管理", () => {
  it("finds a patient by 診察券番号, with or without the hyphen, and by カナ", async () => {
    const { patientNumber } = await recognised(h, taro);
    expect(await (await get(`/records?q=${patientNumber.replace("-", "")}`)).text()).toContain(
      `data-patient="${patientNumber}"`,
    );
    expect(await (await get(`/records?q=${encodeURIComponent("ミナト")}`)).text()).toContain(
      `data-patient="${patientNumber}"`,
    );
  });

  it("finds nothing for a number whose check digit is wrong", async () => {
    const page = await (await get("/records?q=0000001-9")).text();
    expect(page).toContain("該当する患者さんはいません。");
  });

  it("shows a patient's record with the insurance and the visit history, and audits the opening", async () => {
    const { recognitionId, patientNumber } = await recognised(h, taro);
    await h.call("eligibilityChecks", { recognitionId, limitApplicationCertificateConsent: false });
    const page = await (await get(`/records/${patientNumber}`)).text();
    expect(page).toContain("港 太郎");
    expect(page).toContain("1958年4月1日");
    expect(page).toContain("保険者番号 00069997");
    expect(page).toContain("提供の同意なし");
    expect(page.match(/data-visit="/g)?.length).toBeGreaterThanOrEqual(2);
    expect(await h.deps.store.audit.recent(5)).toContainEqual(
      expect.objectContaining({ actor: STAFF.loginId, action: "records.view", patientNumber }),
    );
  });

  it("audits a search without what was typed", async () => {
    await get(`/records?q=${encodeURIComponent("港")}`);
    const entry = (await h.deps.store.audit.recent(1))[0];
    expect(entry).toMatchObject({ action: "records.search", patientNumber: null });
    expect(JSON.stringify(entry)).not.toContain("港");
  });

  it("answers an unknown 診察券番号 with a page that says so", async () => {
    const response = await get("/records/9999999-8");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("その診察券番号の患者さんは登録されていません。");
  });

  it("asks the PF whether the insurer has linked a patient since", async () => {
    const { patientNumber } = await recognised(h, hanako);
    const pending = await (
      await post(`/records/${patientNumber}/registration-status`, { _csrf: csrf })
    ).text();
    expect(pending).toContain("庄内ものづくり健康保険組合（デモ）：保険者の紐づけ待ち");
    h.pf.person(hanako.card.authenticationCertificate)?.link(KENPO);
    const linked = await (
      await post(`/records/${patientNumber}/registration-status`, { _csrf: csrf })
    ).text();
    expect(linked).toContain("紐づけ済み（次回からカードで確認できます）");
  });
});

describe("logout", () => {
  it("ends the session", async () => {
    const response = await post("/logout", { _csrf: csrf });
    expect(response.status).toBe(303);
    expect((await get("/desk")).status).toBe(303);
  });
});
