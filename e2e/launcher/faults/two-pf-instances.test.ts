/**
 * Fault test: two PF processes on one PostgreSQL behind the round-robin proxy (the scale-out mode). Whatever one
 * instance issued or remembered, the other honours or refuses exactly as the same instance would: a challenge,
 * a terminal assertion's jti, a refresh token. Each instance is addressed by its own port where the test needs
 * "issued at one, answered at the other" to be certain; the proxy's URL is what an STB uses.
 */
import { rmSync } from "node:fs";
import type { RunningPostgres } from "@catv/postgres/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSystem } from "../system.ts";
import { startJlisAndTwoPfInstances } from "./testing/jlis-and-two-pf.ts";
import {
  assertionFor,
  callPf,
  errorCodeOf,
  type IssuedCard,
  issueCard,
  pinLoginBody,
  registrationBody,
  sessionIdOf,
  type TerminalIdentity,
  type Tokens,
  takeChallenge,
  terminalOf,
} from "./testing/viewer-at-stb.ts";

describe("two PF instances on one PostgreSQL", { timeout: 120_000 }, () => {
  let postgres: RunningPostgres;
  let system: RunningSystem;
  let db: pg.Client;
  let terminal: TerminalIdentity;
  let card: IssuedCard;
  let pf1: string;
  let pf2: string;
  let proxy: string;

  beforeAll(async () => {
    const started = await startJlisAndTwoPfInstances("catv-two-pf-test-");
    postgres = started.postgres;
    system = started.system;
    const credentials = started.credentials;
    terminal = await terminalOf(system.credentialsPath, "stb-nanto-0001");
    card = await issueCard(system.urls.jlis ?? "", credentials.jlisAdminToken, {
      name: "分散 花子",
      address: "富山県南砺市試験町1番地",
      town: "南砺市",
    });
    pf1 = system.services.get("pf-1")?.directUrl ?? "";
    pf2 = system.services.get("pf-2")?.directUrl ?? "";
    proxy = system.urls.pf ?? "";
    db = new pg.Client(system.services.get("pf-1")?.env.DATABASE_URL);
    await db.connect();
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await system?.stop();
    await postgres?.stop();
    if (system) rmSync(system.dataDir, { recursive: true, force: true });
  });

  const count = async (sql: string, params: unknown[]) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]?.n ?? 0;

  /** A PIN login: the challenge taken at `challengeAt`, answered at `answerAt`. */
  async function login(challengeAt: string, answerAt: string): Promise<Response> {
    const challenge = await takeChallenge(challengeAt, terminal, "login");
    return callPf(answerAt, terminal, "/v1/sessions", await pinLoginBody(card.image, challenge));
  }

  let cableId: string;

  it("registers a viewer whose registration challenge one instance issued at the other", async () => {
    const challenge = await takeChallenge(pf1, terminal, "registration");
    const response = await callPf(
      pf2,
      terminal,
      "/v1/registrations",
      await registrationBody(card.image, challenge),
    );
    expect(response.status).toBe(200);
    const registered = (await response.json()) as { cableId: string; outcome: string };
    cableId = registered.cableId;
    expect(registered.outcome).toBe("new");
    expect(await count("accounts WHERE account_id = $1 AND verifier_id = 'op-nanto'", [cableId])).toBe(1);
  });

  it("logs the viewer in with a challenge issued by one instance and answered at the other", async () => {
    const response = await login(pf2, pf1);
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as Tokens;
    expect(tokens.cableId).toBe(cableId);
    const me = await callPf(pf2, terminal, "/v1/me", undefined, { bearer: tokens.accessToken });
    expect(me.status).toBe(200);
  });

  it("logs the viewer in through the proxy's URL", async () => {
    const response = await login(proxy, proxy);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Tokens).cableId).toBe(cableId);
  });

  it("refuses at one instance a terminal assertion the other already accepted (terminal_unauthorized)", async () => {
    const assertion = await assertionFor(terminal, "POST", "/v1/challenges");
    const first = await callPf(pf1, terminal, "/v1/challenges", { purpose: "login" }, { assertion });
    const replay = await callPf(pf2, terminal, "/v1/challenges", { purpose: "login" }, { assertion });
    expect(first.status).toBe(201);
    expect({ status: replay.status, code: await errorCodeOf(replay) }).toEqual({
      status: 401,
      code: "terminal_unauthorized",
    });
  });

  it("rotates a refresh token sent to both instances at once for one of them only, and ends the session as reused (RFC 9700 §4.14.2)", async () => {
    const tokens = (await (await login(pf1, pf2)).json()) as Tokens;
    const sessionId = sessionIdOf(tokens.accessToken);
    const sessionsBefore = await count("sessions WHERE cable_id = $1", [cableId]);
    const answers = await Promise.all(
      [pf1, pf2].map((url) =>
        callPf(url, terminal, "/v1/sessions/refresh", { refreshToken: tokens.refreshToken }),
      ),
    );
    const outcomes = await Promise.all(
      answers.map(async (r) => (r.status === 200 ? "rotated" : errorCodeOf(r))),
    );
    expect(outcomes.sort()).toEqual(["refresh_token_reused", "rotated"]);
    // One session still, rotated once: the race minted no second session and no second rotation.
    expect(await count("sessions WHERE cable_id = $1", [cableId])).toBe(sessionsBefore);
    expect(await count("retired_refresh_tokens WHERE session_id = $1", [sessionId])).toBe(1);
    // The PF cannot tell the loser from a thief holding a copy, so the session ends for both holders.
    const winner = (await answers.find((r) => r.status === 200)?.json()) as Tokens;
    const again = await callPf(pf1, terminal, "/v1/sessions/refresh", { refreshToken: winner.refreshToken });
    const me = await callPf(pf2, terminal, "/v1/me", undefined, { bearer: winner.accessToken });
    expect([await errorCodeOf(again), await errorCodeOf(me)]).toEqual(["session_revoked", "session_revoked"]);
    expect(await count("sessions WHERE id = $1 AND revoked_at IS NOT NULL", [sessionId])).toBe(1);
  });
});
