/**
 * Fault test: the PostgreSQL server restarted while STBs keep working against two PF instances behind the
 * round-robin proxy. Viewers log in with their PIN, refresh their sessions and register new cards the whole time;
 * the database goes away (fast shutdown: every connection ends), stays away a few seconds and comes back on the
 * same port and data. What a viewer and an operator rely on:
 * - every answer is a success or `503 service_unavailable` with its JSON body — never a 500, never a stack;
 * - nothing is half-written: what the PF writes in one transaction is found whole (a session with its login audit
 *   row and meter, a registration with its person, certificates, card binding, audit row and operator event, a
 *   rotated refresh token with its retired predecessor), and no more was written than the STBs were told of,
 *   beyond the requests whose answer the outage cut off;
 * - service resumes by itself, without restarting a PF instance (neither crashed: the supervisor restarted none).
 */
import { readFileSync, rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningPostgres } from "@catv/postgres/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSystem } from "../system.ts";
import { startJlisAndTwoPfInstances } from "./testing/jlis-and-two-pf.ts";
import {
  callPf,
  type IssuedCard,
  issueCard,
  pinLoginBody,
  registrationBody,
  sessionIdOf,
  type TerminalIdentity,
  type Tokens,
  terminalOf,
} from "./testing/viewer-at-stb.ts";

/** What one STB saw of one request. */
interface Answer {
  worker: number;
  step: "challenge" | "login" | "refresh" | "registration";
  status: number | "network error";
  body: string;
  at: number;
}

/** One STB's viewer and the cards it registers during the run. */
interface Station {
  terminal: TerminalIdentity;
  loginCard: IssuedCard;
  newCards: IssuedCard[];
}

const OPERATORS = ["op-nanto", "op-suzaka"];
const TERMINALS: { terminalId: string; town: string; prefecture: string }[] = [
  { terminalId: "stb-nanto-0001", town: "南砺市", prefecture: "富山県" },
  { terminalId: "stb-nanto-0002", town: "南砺市", prefecture: "富山県" },
  { terminalId: "stb-suzaka-0001", town: "須坂市", prefecture: "長野県" },
  { terminalId: "stb-suzaka-0002", town: "須坂市", prefecture: "長野県" },
];
const NEW_CARDS_PER_STATION = 2;
/**
 * Between two steps of one STB: the PF allows a terminal 30 challenges at once and one every 2 s per instance, so
 * the load stays under the rate limit (a 429 would be an answer this test does not expect).
 */
const PACE_MS = 450;
const OUTAGE_MS = 3_000;
/** How long service may take to come back once PostgreSQL accepts connections again. */
const RESUME_BOUND_MS = 60_000;

describe("the database restarted during load", { timeout: 180_000 }, () => {
  let postgres: RunningPostgres;
  let system: RunningSystem;
  let db: pg.Client;
  const stations: Station[] = [];
  const answers: Answer[] = [];
  /** What the STBs were told: sessions by ID with their successful and cut-off refreshes, registrations. */
  const told = {
    logins: 0,
    loginsCutOff: 0,
    refreshesBySession: new Map<string, { rotated: number; cutOff: number }>(),
    registered: new Set<string>(),
  };
  let pfPids: (number | undefined)[] = [];
  let databaseBackAt = 0;

  beforeAll(async () => {
    const started = await startJlisAndTwoPfInstances("catv-db-restart-test-");
    postgres = started.postgres;
    system = started.system;
    const credentials = started.credentials;
    const jlisUrl = system.urls.jlis ?? "";
    let n = 0;
    const cardIn = (town: string, prefecture: string) => {
      n++;
      return issueCard(jlisUrl, credentials.jlisAdminToken, {
        name: `再起動 試験${n}`,
        address: `${prefecture}${town}試験町${n}番地`,
        town,
      });
    };
    for (const { terminalId, town, prefecture } of TERMINALS) {
      const terminal = await terminalOf(system.credentialsPath, terminalId);
      const loginCard = await cardIn(town, prefecture);
      const newCards: IssuedCard[] = [];
      for (let i = 0; i < NEW_CARDS_PER_STATION; i++) newCards.push(await cardIn(town, prefecture));
      stations.push({ terminal, loginCard, newCards });
      const registered = await register(system.urls.pf ?? "", terminal, loginCard);
      if (registered.status !== 200) throw new Error(`set-up registration answered ${registered.status}`);
    }
    pfPids = ["pf-1", "pf-2"].map((name) => system.services.get(name)?.child?.pid);
    db = new pg.Client(system.services.get("pf-1")?.env.DATABASE_URL);

    await runLoadAcrossRestart();
    await db.connect();
  }, 600_000);

  afterAll(async () => {
    await db?.end().catch(() => {});
    await system?.stop();
    await postgres?.stop();
    if (system) rmSync(system.dataDir, { recursive: true, force: true });
  });

  async function register(pfUrl: string, terminal: TerminalIdentity, card: IssuedCard) {
    const challenge = await callPf(pfUrl, terminal, "/v1/challenges", { purpose: "registration" });
    if (challenge.status !== 201) return challenge;
    const body = await registrationBody(card.image, await challenge.json());
    return callPf(pfUrl, terminal, "/v1/registrations", body);
  }

  /**
   * Every STB works in a loop (PIN login, a refresh, now and then a new card's registration) through the proxy;
   * once all have had successes, PostgreSQL is restarted; the loops go on until every STB has been served again.
   */
  async function runLoadAcrossRestart() {
    const pfUrl = system.urls.pf ?? "";
    let running = true;
    const successesSince = (worker: number, since: number) =>
      answers.filter((a) => a.worker === worker && a.at >= since && a.status === 200).length;

    const send = async (worker: number, step: Answer["step"], call: () => Promise<Response>) => {
      let response: Response | undefined;
      let body = "";
      try {
        response = await call();
        body = await response.clone().text();
      } catch (error) {
        body = String(error);
      }
      answers.push({ worker, step, status: response?.status ?? "network error", body, at: Date.now() });
      return response;
    };

    const work = async (worker: number, station: Station) => {
      let tokens: Tokens | undefined;
      for (let round = 0; running; round++) {
        const newCard = round % 3 === 2 ? station.newCards[0] : undefined;
        if (newCard) {
          const challenge = await send(worker, "challenge", () =>
            callPf(pfUrl, station.terminal, "/v1/challenges", { purpose: "registration" }),
          );
          if (challenge?.status === 201) {
            const body = await registrationBody(newCard.image, await challenge.json());
            const registered = await send(worker, "registration", () =>
              callPf(pfUrl, station.terminal, "/v1/registrations", body),
            );
            if (registered?.status === 200) {
              told.registered.add(((await registered.json()) as { cableId: string }).cableId);
              station.newCards.shift();
            }
          }
        } else if (!tokens) {
          const challenge = await send(worker, "challenge", () =>
            callPf(pfUrl, station.terminal, "/v1/challenges", { purpose: "login" }),
          );
          if (challenge?.status === 201) {
            const body = await pinLoginBody(station.loginCard.image, await challenge.json());
            const login = await send(worker, "login", () =>
              callPf(pfUrl, station.terminal, "/v1/sessions", body),
            );
            if (login?.status === 200) {
              tokens = (await login.json()) as Tokens;
              told.logins++;
              told.refreshesBySession.set(sessionIdOf(tokens.accessToken), { rotated: 0, cutOff: 0 });
            } else told.loginsCutOff++;
          }
        } else {
          const sessionId = sessionIdOf(tokens.accessToken);
          const counts = told.refreshesBySession.get(sessionId) ?? { rotated: 0, cutOff: 0 };
          const refreshed = await send(worker, "refresh", () =>
            callPf(pfUrl, station.terminal, "/v1/sessions/refresh", {
              refreshToken: tokens?.refreshToken,
            }),
          );
          if (refreshed?.status === 200) {
            tokens = (await refreshed.json()) as Tokens;
            counts.rotated++;
          } else {
            // The outage may have cut the answer off after the commit: the STB cannot know, so it logs in again
            // rather than present a token that may be spent (which would end the session as reused).
            counts.cutOff++;
            tokens = undefined;
          }
        }
        await sleep(PACE_MS);
      }
    };

    const startedAt = Date.now();
    const workers = stations.map((station, worker) => work(worker, station));
    try {
      await waitFor(() => stations.every((_, worker) => successesSince(worker, startedAt) >= 3), 60_000);
      await postgres.restart({ downForMs: OUTAGE_MS });
      databaseBackAt = Date.now();
      await waitFor(
        () => stations.every((_, worker) => successesSince(worker, databaseBackAt) >= 3),
        RESUME_BOUND_MS,
      );
    } finally {
      running = false;
      await Promise.all(workers);
    }
  }

  it("answers every request during the outage with success or 503 service_unavailable, never a 500 or a stack", () => {
    const unexpected = answers.filter((a) => {
      if (a.status === 200 || a.status === 201) return false;
      if (a.status !== 503) return true;
      const code = (JSON.parse(a.body) as { error?: { code?: string } }).error?.code;
      return code !== "service_unavailable";
    });
    expect(unexpected).toEqual([]);
    expect(answers.filter((a) => /\n\s+at |Error:/.test(a.body))).toEqual([]);
    // The outage was met: some answers were 503, before the database came back.
    expect(answers.some((a) => a.status === 503 && a.at < databaseBackAt)).toBe(true);
  });

  it("serves every STB again after the database is back, within the bound, with the same PF processes", () => {
    expect(answers.filter((a) => a.at >= databaseBackAt && a.status === 200).length).toBeGreaterThanOrEqual(
      3 * stations.length,
    );
    const instances = ["pf-1", "pf-2"].map((name) => system.services.get(name));
    expect(instances.map((s) => s?.restarts)).toEqual([0, 0]);
    expect(instances.map((s) => s?.child?.pid)).toEqual(pfPids);
  });

  it("logs the outage by its cause: every error the PF instances logged names service_unavailable", () => {
    const errors = ["pf-1", "pf-2"].flatMap((name) =>
      readFileSync(system.services.get(name)?.logPath ?? "", "utf8")
        .split("\n")
        .filter((line) => line.includes('"level":"error"')),
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.filter((line) => !/"code":"service_unavailable"|"error":"ServiceUnavailableError"/.test(line)),
    ).toEqual([]);
  });

  it("keeps every session whole: its login audit row and its meter, and no session the STBs were not told of beyond the cut-off logins", async () => {
    const terminalIds = TERMINALS.map((t) => t.terminalId);
    const sessions = await db.query<{ cable_id: string; terminal_id: string; n: number }>(
      "SELECT cable_id, terminal_id, count(*)::int AS n FROM sessions WHERE terminal_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2",
      [terminalIds],
    );
    const audited = await db.query<{ cable_id: string; terminal_id: string; n: number }>(
      `SELECT account_id AS cable_id, terminal_id, count(*)::int AS n FROM audit_events
       WHERE event = 'login.pin' AND outcome = 'success' AND terminal_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [terminalIds],
    );
    expect(audited.rows).toEqual(sessions.rows);
    const total = sessions.rows.reduce((sum, row) => sum + row.n, 0);
    const metered = await db.query<{ n: number }>(
      "SELECT coalesce(sum(count), 0)::int AS n FROM metering WHERE metric = 'logins.pin' AND tenant_id = ANY($1)",
      [OPERATORS],
    );
    expect(metered.rows[0]?.n).toBe(total);
    expect(total).toBeGreaterThanOrEqual(told.logins);
    expect(total).toBeLessThanOrEqual(told.logins + told.loginsCutOff);
  });

  it("keeps every refresh whole: each rotation retired its predecessor, and no session rotated more often than its STB was told beyond the cut-off refreshes", async () => {
    const orphans = await db.query(
      "SELECT r.hash FROM retired_refresh_tokens r LEFT JOIN sessions s ON s.id = r.session_id WHERE s.id IS NULL",
    );
    expect(orphans.rows).toEqual([]);
    const retired = await db.query<{ session_id: string; n: number }>(
      "SELECT session_id, count(*)::int AS n FROM retired_refresh_tokens GROUP BY 1",
    );
    const retiredBySession = new Map(retired.rows.map((row) => [row.session_id, row.n]));
    const outOfBounds = [...told.refreshesBySession].filter(([sessionId, { rotated, cutOff }]) => {
      const n = retiredBySession.get(sessionId) ?? 0;
      return n < rotated || n > rotated + cutOff;
    });
    expect(outOfBounds).toEqual([]);
    expect([...told.refreshesBySession.values()].some((c) => c.rotated > 0)).toBe(true);
  });

  it("keeps every registration whole: person, both certificates, card binding, audit row and the operator's event", async () => {
    const terminalIds = TERMINALS.map((t) => t.terminalId);
    const registrations = await db.query<{
      account_id: string;
      person: boolean;
      certificates: number;
      binding: boolean;
      events: number;
    }>(
      `SELECT a.account_id,
              EXISTS (SELECT 1 FROM persons p WHERE p.id = acc.person_id) AS person,
              (SELECT count(*)::int FROM certificates c WHERE c.person_id = acc.person_id) AS certificates,
              EXISTS (SELECT 1 FROM card_bindings b WHERE b.person_id = acc.person_id) AS binding,
              (SELECT count(*)::int FROM outbox o WHERE o.type = 'cable_id.registered'
                 AND o.payload::jsonb -> 'data' ->> 'cableId' = a.account_id) AS events
         FROM audit_events a LEFT JOIN accounts acc ON acc.account_id = a.account_id
        WHERE a.event = 'registration.new' AND a.outcome = 'success' AND a.terminal_id = ANY($1)`,
      [terminalIds],
    );
    expect(
      registrations.rows.filter((r) => !r.person || r.certificates !== 2 || !r.binding || r.events !== 1),
    ).toEqual([]);
    const accounts = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM accounts WHERE verifier_id = ANY($1)",
      [OPERATORS],
    );
    // The set-up's registrations and those made under load, each once: an account exists only with its audit row.
    expect(accounts.rows[0]?.n).toBe(registrations.rows.length);
    const registeredUnderLoad = registrations.rows.map((r) => r.account_id);
    expect([...told.registered].filter((cableId) => !registeredUnderLoad.includes(cableId))).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, boundMs: number): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${boundMs} ms`);
    await sleep(200);
  }
}
