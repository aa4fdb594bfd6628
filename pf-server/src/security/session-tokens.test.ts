/**
 * Attacks on sessions: a stolen refresh token used after the STB rotated it, a session kept alive by refreshing
 * forever, and forged or misused access tokens.
 */
import { generateKeyPairSync } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { ADMIN_TOKEN, errorCode, loginWithPin, type Tokens } from "../testing/pf-harness.ts";

const h = harnessForFile();
const DAY_MS = 86_400_000;

async function loggedIn(terminal = h.terminals.a1) {
  const { card, cableId } = await registeredCard(h, terminal);
  const tokens = (await (await loginWithPin(h, terminal, card)).json()) as Tokens;
  return { card, cableId, tokens };
}
const refresh = (refreshToken: string, terminal = h.terminals.a1) =>
  h.call(terminal, "POST", "/v1/sessions/refresh", { refreshToken });
const me = (accessToken: string, terminal = h.terminals.a1) =>
  h.call(terminal, "GET", "/v1/me", undefined, accessToken);
const audit = () => h.audit();

describe("refresh-token reuse (RFC 9700 §4.14.2)", () => {
  it("answers refresh_token_reused to a refresh token used again after its rotation", async () => {
    const { tokens } = await loggedIn();
    expect((await refresh(tokens.refreshToken)).status).toBe(200);
    expect(await errorCode(await refresh(tokens.refreshToken))).toBe("refresh_token_reused");
  });

  it("revokes the whole session when a rotated refresh token is used again: the newest tokens stop working", async () => {
    const { tokens } = await loggedIn();
    const rotated = (await (await refresh(tokens.refreshToken)).json()) as Tokens;
    await refresh(tokens.refreshToken);
    expect(await errorCode(await me(rotated.accessToken))).toBe("session_revoked");
    expect(await errorCode(await refresh(rotated.refreshToken))).toBe("session_revoked");
  });

  it("audits the revocation for reuse with the cable ID", async () => {
    const { tokens, cableId } = await loggedIn();
    await refresh(tokens.refreshToken);
    await refresh(tokens.refreshToken);
    expect(await audit()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: "session.revoked",
          code: "refresh_token_reused",
          accountId: cableId,
        }),
      ]),
    );
  });

  it("lets one of two concurrent refreshes with the same token win and revokes the session for the other", async () => {
    const { tokens } = await loggedIn();
    const answers = await Promise.all([refresh(tokens.refreshToken), refresh(tokens.refreshToken)]);
    const codes = await Promise.all(answers.map((r) => (r.status === 200 ? "ok" : errorCode(r))));
    expect(codes.sort()).toEqual(["ok", "refresh_token_reused"]);
  });

  it("refuses a refresh token presented by another terminal", async () => {
    const { tokens } = await loggedIn();
    expect(await errorCode(await refresh(tokens.refreshToken, h.terminals.a2))).toBe("session_revoked");
  });
});

describe("absolute session lifetime", () => {
  it("refuses a refresh once the operator's absolute lifetime has passed, although each refresh slid the expiry", async () => {
    const { tokens } = await loggedIn();
    try {
      h.clock.offsetMs = 20 * DAY_MS;
      const first = (await (await refresh(tokens.refreshToken)).json()) as Tokens;
      h.clock.offsetMs = 29 * DAY_MS;
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      const latest = (await second.json()) as Tokens;
      h.clock.offsetMs = 31 * DAY_MS;
      expect(await errorCode(await refresh(latest.refreshToken))).toBe("session_expired");
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it("follows the operator's own setting (sessionLifetimeDays)", async () => {
    const put = (days: number) =>
      h.app.request("/v1/admin/operators/op-a", {
        method: "PUT",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          name: "Operator A",
          town: "南砺市",
          prefecture: "富山県",
          revocationPolicy: "ocsp",
          branding: {
            operatorName: "Test CATV",
            portalTitle: "Test portal",
            primaryColor: "#112233",
            accentColor: "#445566",
          },
          webhookUrl: null,
          webhookSecret: null,
          sessionLifetimeDays: days,
        }),
      });
    // Put back exactly as it was: the webhook settings the PUT clears, and the site's lifetime.
    const tenant = await h.ctx.store.tenants.getTenant("op-a");
    const site = await h.ctx.store.tenants.getSite("op-a-home");
    try {
      expect(((await (await put(2)).json()) as { sessionLifetimeDays: number }).sessionLifetimeDays).toBe(2);
      const { tokens } = await loggedIn();
      h.clock.offsetMs = 2 * DAY_MS + 1000;
      expect(await errorCode(await refresh(tokens.refreshToken))).toBe("session_expired");
    } finally {
      h.clock.offsetMs = 0;
      if (tenant) await h.ctx.store.tenants.saveTenant({ tenant });
      if (site) await h.ctx.store.tenants.saveSite(site);
    }
  });
});

describe("access-token forgery and misuse", () => {
  const claims = { sid: "ses-forged", acr: "urn:catv:acr:pin", op: "op-a", tid: "stb-a-1" };

  it("refuses an access token signed by a key other than the PF's", async () => {
    const { cableId } = await loggedIn();
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const forged = await new SignJWT(claims)
      .setProtectedHeader({
        alg: "ES256",
        typ: "at+jwt",
        kid: (h.ctx.tokens.jwks(h.clock.now()).keys[0] as { kid: string }).kid,
      })
      .setIssuer(h.ctx.tokens.issuer)
      .setAudience("catv-pf-tv")
      .setSubject(cableId)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
    expect(await errorCode(await me(forged))).toBe("unauthorized");
  });

  it("refuses an unsigned access token (alg none)", async () => {
    const { tokens } = await loggedIn();
    const [, payload] = tokens.accessToken.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url");
    expect(await errorCode(await me(`${header}.${payload}.`))).toBe("unauthorized");
  });

  it("refuses an access token whose claims were edited after signing (another viewer's cable ID)", async () => {
    const victim = await loggedIn();
    const attacker = await loggedIn();
    const [header, payload, signature] = attacker.tokens.accessToken.split(".");
    const edited = { ...JSON.parse(Buffer.from(payload ?? "", "base64url").toString()), sub: victim.cableId };
    const tampered = `${header}.${Buffer.from(JSON.stringify(edited)).toString("base64url")}.${signature}`;
    expect(await errorCode(await me(tampered))).toBe("unauthorized");
  });

  it("refuses an access token presented by another terminal than the one that logged in", async () => {
    const { tokens } = await loggedIn();
    expect(await errorCode(await me(tokens.accessToken, h.terminals.a2))).toBe("unauthorized");
  });

  it("refuses a refresh token presented as an access token", async () => {
    const { tokens } = await loggedIn();
    expect(await errorCode(await me(tokens.refreshToken))).toBe("unauthorized");
  });

  it("refuses an access token after logout", async () => {
    const { tokens } = await loggedIn();
    await h.call(h.terminals.a1, "DELETE", "/v1/sessions/current", undefined, tokens.accessToken);
    expect(await errorCode(await me(tokens.accessToken))).toBe("session_revoked");
  });
});
