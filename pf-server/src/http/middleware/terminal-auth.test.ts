import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, errorCode, type Harness } from "../../testing/pf-harness.ts";
import { createApp } from "../app.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 60_000);
afterAll(() => h.close());

const portal = (assertion?: string) =>
  h.app.request("/v1/portal", {
    headers: assertion === undefined ? {} : { "x-terminal-assertion": assertion },
  });

describe("terminal assertions", () => {
  it("accepts a fresh assertion by a registered terminal", async () => {
    expect((await portal(await h.assertion(h.terminals.a1, "GET", "/v1/portal"))).status).toBe(200);
  });
  it("refuses a request without an assertion", async () => {
    expect(await errorCode(await portal())).toBe("terminal_unauthorized");
  });
  it("refuses a replayed assertion (same jti)", async () => {
    const assertion = await h.assertion(h.terminals.a1, "GET", "/v1/portal");
    expect((await portal(assertion)).status).toBe(200);
    expect(await errorCode(await portal(assertion))).toBe("terminal_unauthorized");
  });
  it("refuses an assertion made for another path (htu)", async () => {
    expect(await errorCode(await portal(await h.assertion(h.terminals.a1, "GET", "/v1/me")))).toBe(
      "terminal_unauthorized",
    );
  });
  it("refuses an assertion made for another method (htm)", async () => {
    expect(await errorCode(await portal(await h.assertion(h.terminals.a1, "POST", "/v1/portal")))).toBe(
      "terminal_unauthorized",
    );
  });
  it("refuses an assertion older than 120 seconds", async () => {
    const stale = await h.assertion(h.terminals.a1, "GET", "/v1/portal", {
      iat: Math.floor(Date.now() / 1000) - 300,
    });
    expect(await errorCode(await portal(stale))).toBe("terminal_unauthorized");
  });
  it("refuses an assertion signed by another terminal's key", async () => {
    const forged = await h.assertion(
      { ...h.terminals.a2, terminalId: h.terminals.a1.terminalId },
      "GET",
      "/v1/portal",
    );
    expect(await errorCode(await portal(forged))).toBe("terminal_unauthorized");
  });
  it("refuses an unknown terminal", async () => {
    expect(
      await errorCode(
        await portal(
          await h.assertion({ ...h.terminals.a1, terminalId: "stb-unknown" }, "GET", "/v1/portal"),
        ),
      ),
    ).toBe("terminal_unauthorized");
  });
  it("answers CORS preflights for the TV app's origin with the terminal header allowed", async () => {
    const res = await h.app.request("/v1/portal", {
      method: "OPTIONS",
      headers: {
        origin: "http://tv.test",
        "access-control-request-method": "GET",
        "access-control-request-headers": "x-terminal-assertion",
      },
    });
    expect(res.headers.get("access-control-allow-origin")).toBe("http://tv.test");
    expect(res.headers.get("access-control-allow-headers")).toContain("x-terminal-assertion");
  });
});

describe("challenges", () => {
  const answer = (terminal: Harness["terminals"]["a1"], challengeId: string) =>
    h.call(terminal, "POST", "/v1/sessions", {
      challengeId,
      authenticationCertificate: "AAAA",
      signature: "AAAA",
    });
  const issue = async (terminal: Harness["terminals"]["a1"], purpose = "login") =>
    (
      (await (await h.call(terminal, "POST", "/v1/challenges", { purpose })).json()) as {
        challengeId: string;
        expiresAt: string;
        toBeSigned: string;
      }
    ).challengeId;

  it("binds toBeSigned to purpose, operator, terminal and nonce", async () => {
    const res = await h.call(h.terminals.a1, "POST", "/v1/challenges", { purpose: "login" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { challengeId: string; nonce: string; toBeSigned: string };
    expect(Buffer.from(body.toBeSigned, "base64").toString()).toBe(
      `CATV-PF\nlogin\nop-a\nstb-a-1\n${body.challengeId}\n${body.nonce}`,
    );
  });
  it("refuses an unknown challenge (challenge_unknown)", async () => {
    expect(await errorCode(await answer(h.terminals.a1, "ch_nope"))).toBe("challenge_unknown");
  });
  it("refuses a challenge issued to another operator (challenge_wrong_operator)", async () => {
    expect(await errorCode(await answer(h.terminals.b1, await issue(h.terminals.a1)))).toBe(
      "challenge_wrong_operator",
    );
  });
  it("refuses a challenge issued to another terminal (challenge_wrong_terminal)", async () => {
    expect(await errorCode(await answer(h.terminals.a2, await issue(h.terminals.a1)))).toBe(
      "challenge_wrong_terminal",
    );
  });
  it("refuses a challenge issued for another purpose (challenge_wrong_purpose)", async () => {
    expect(await errorCode(await answer(h.terminals.a1, await issue(h.terminals.a1, "registration")))).toBe(
      "challenge_wrong_purpose",
    );
  });
  it("refuses a second answer to the same challenge (challenge_used)", async () => {
    const id = await issue(h.terminals.a1);
    expect(await errorCode(await answer(h.terminals.a1, id))).toBe("certificate_malformed");
    expect(await errorCode(await answer(h.terminals.a1, id))).toBe("challenge_used");
  });
  it("refuses a challenge past its expiry (challenge_expired)", async () => {
    const id = await issue(h.terminals.a1);
    h.clock.offsetMs = 5 * 60_000;
    try {
      expect(await errorCode(await answer(h.terminals.a1, id))).toBe("challenge_expired");
    } finally {
      h.clock.offsetMs = 0;
    }
  });
});

describe("request handling", () => {
  it("answers a schema violation with validation_failed and the request ID", async () => {
    const res = await h.call(h.terminals.a1, "POST", "/v1/challenges", { purpose: "pinless-login" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  });
  it("refuses an oversized body with payload_too_large", async () => {
    const res = await h.call(h.terminals.a1, "POST", "/v1/registrations", { blob: "x".repeat(100 * 1024) });
    expect(await errorCode(res)).toBe("payload_too_large");
  });
  it("answers unknown routes with not_found", async () => {
    expect(await errorCode(await h.app.request("/v1/nothing-here"))).toBe("not_found");
  });
  it("publishes an OpenAPI document that lists every error code", async () => {
    const doc = (await (await h.app.request("/openapi.json")).json()) as {
      info: { description: string };
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/registrations",
        "/v1/provider/usage",
        "/v1/admin/outbox",
        "/v1/services/{serviceId}/api/{path}",
      ]),
    );
    for (const code of [
      "certificate_revoked",
      "step_up_required",
      "revocation_unavailable",
      "idempotency_conflict",
    ]) {
      expect(doc.info.description).toContain(`\`${code}\``);
    }
  });
  it("serves the docs page", async () => {
    const res = await h.app.request("/docs");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("/openapi.json");
  });
  it("limits challenges per terminal (rate_limited with Retry-After)", async () => {
    const limited = createApp(h.ctx, {
      adminToken: "x".repeat(20),
      tvOrigins: [],
      challengeRateLimit: { capacity: 2, refillPerSecond: 0.01 },
    });
    const ask = async () =>
      limited.request("/v1/challenges", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-terminal-assertion": await h.assertion(h.terminals.a2, "POST", "/v1/challenges"),
        },
        body: JSON.stringify({ purpose: "login" }),
      });
    expect((await ask()).status).toBe(201);
    expect((await ask()).status).toBe(201);
    const third = await ask();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await errorCode(third)).toBe("rate_limited");
  });
  it("refuses the admin API without the administrator token (unauthorized)", async () => {
    expect(
      await errorCode(
        await h.app.request("/v1/admin/outbox", { headers: { authorization: "Bearer wrong" } }),
      ),
    ).toBe("unauthorized");
  });
});
