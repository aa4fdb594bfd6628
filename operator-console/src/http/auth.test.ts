import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, createHarness, type Harness, loggedIn } from "../test-support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe("login", () => {
  it("logs in with the right password and sets a __Host- session cookie", async () => {
    const b = new Browser(h);
    await b.get("/login");
    const res = await b.post("/login", { loginId: "a-staff", password: "a-staff-pass", next: "/households" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/households");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-console_session="));
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect((await b.get("/households")).status).toBe(200);
  });

  it("refuses a wrong password with the same message as an unknown login ID", async () => {
    const b = new Browser(h);
    await b.get("/login");
    const wrong = await b.post("/login", { loginId: "a-staff", password: "nope" });
    await b.get("/login");
    const unknown = await b.post("/login", { loginId: "nobody", password: "nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain("ログインIDまたはパスワードが正しくありません");
    expect(await unknown.text()).toContain("ログインIDまたはパスワードが正しくありません");
  });

  it("refuses a login form posted without its CSRF token", async () => {
    const b = new Browser(h);
    await b.get("/login");
    const res = await b.post("/login", { loginId: "a-staff", password: "a-staff-pass" }, { csrf: null });
    expect(res.status).toBe(403);
  });

  it("locks a login ID after five failures, even with the right password", async () => {
    const b = new Browser(h);
    for (let i = 0; i < 5; i++) {
      await b.get("/login");
      await b.post("/login", { loginId: "b-staff", password: `wrong-${i}` });
    }
    await b.get("/login");
    const res = await b.post("/login", { loginId: "b-staff", password: "b-staff-pass" });
    expect(res.status).toBe(429);
  });

  it("sends pages to the login form and refuses other requests without a session", async () => {
    const page = await h.app.request("/households");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login?next=%2Fhouseholds");
    const post = await h.app.request("/households/1/close", { method: "POST" });
    expect(post.status).toBe(401);
  });

  it("does not follow an off-site next= after login, however it is spelt", async () => {
    for (const next of [
      "//evil.example/",
      "/\\evil.example/",
      "/\t/evil.example/",
      "https://evil.example/",
    ]) {
      const b = new Browser(h);
      await b.get("/login");
      const res = await b.post("/login", { loginId: "a-admin", password: "a-admin-pass", next });
      expect(res.headers.get("location"), next).toBe("/");
    }
  });
});

describe("sessions", () => {
  it("ends the session at logout", async () => {
    const b = await loggedIn(h, "a-staff");
    expect((await b.post("/logout", {})).status).toBe(303);
    expect((await b.get("/households")).status).toBe(303);
  });

  it("expires a session after 30 idle minutes", async () => {
    const b = await loggedIn(h, "a-staff");
    const start = h.clock.now;
    h.clock.now = new Date(start.getTime() + 31 * 60_000);
    try {
      expect((await b.get("/households")).status).toBe(303);
    } finally {
      h.clock.now = start;
    }
  });
});

describe("CSRF", () => {
  it("refuses a form post without the session's token and changes nothing", async () => {
    const b = await loggedIn(h, "a-admin");
    const household = await h.repos.households.getByContractId("op-a", "NT-00003");
    const res = await b.post(`/households/${household?.id}/close`, {}, { csrf: null });
    expect(res.status).toBe(403);
    expect((await h.repos.households.get("op-a", household?.id ?? -1))?.status).toBe("active");
  });

  it("refuses another session's token", async () => {
    const a = await loggedIn(h, "a-admin");
    const other = await loggedIn(h, "a-staff");
    const household = await h.repos.households.getByContractId("op-a", "NT-00003");
    const res = await a.post(`/households/${household?.id}/close`, {}, { csrf: other.csrf });
    expect(res.status).toBe(403);
  });
});

describe("roles", () => {
  it("keeps the audit log, settings and monthly close for administrators", async () => {
    const b = await loggedIn(h, "a-staff");
    expect((await b.get("/audit")).status).toBe(403);
    expect((await b.get("/settings")).status).toBe(403);
    expect((await b.post("/billing/close", { month: "2026-05" })).status).toBe(403);
    const admin = await loggedIn(h, "a-admin");
    expect((await admin.get("/audit")).status).toBe(200);
  });

  it("records staff actions in the audit log, exportable as CSV", async () => {
    const admin = await loggedIn(h, "a-admin");
    const household = await h.repos.households.getByContractId("op-a", "NT-00005");
    await admin.post(`/households/${household?.id}/close`, {});
    const csv = await (await admin.get("/audit.csv?action=household.close")).text();
    expect(csv).toContain("household.close");
    expect(csv).toContain("NT-00005");
    expect(csv).toContain("a-admin");
  });
});
