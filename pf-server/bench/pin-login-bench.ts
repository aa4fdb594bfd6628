/**
 * @module `npm run bench`: complete PIN logins per second and server CPU milliseconds per login, next to the
 * same server's bare JSON endpoint in the same run. The PF runs in a child process (its CPU read from
 * /proc/<pid>/stat); J-LIS runs here. Client work is kept off the measured path: cards are issued and
 * registered first, every challenge is fetched in one measured phase, the card signatures are computed
 * between the phases (not timed), and the session requests are the second measured phase.
 * Prints figures; asserts nothing. Options: BENCH_CARDS (20), BENCH_LOGINS (400), BENCH_CONCURRENCY (8),
 * BENCH_POLICY (ocsp|crl).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { silentLogger } from "@catv/service-kit";
import { serve } from "@hono/node-server";
import { exportJWK, jwtVerify, SignJWT } from "jose";
import { issueCard } from "../src/jlis/domain/issue-card.ts";
import { createJlisService } from "../src/jlis/jlis-service.ts";

const CARDS = Number(process.env.BENCH_CARDS ?? 20);
const LOGINS = Number(process.env.BENCH_LOGINS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const POLICY = (process.env.BENCH_POLICY ?? "ocsp") as "ocsp" | "crl";
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

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

const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, "bench-pf-server.ts")], {
  env: {
    ...process.env,
    BENCH_SETUP: JSON.stringify({ jlisUrl, verifier: credentials.jlisVerifier, policy: POLICY, terminals }),
  },
  stdio: ["ignore", "pipe", "inherit"],
});
const pfUrl = await new Promise<string>((resolve) => {
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (line) =>
    resolve((JSON.parse(line) as { url: string }).url),
  );
});

function serverCpuMs(): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // Fields 14 and 15 (utime, stime), counted from after the command name: indexes 11 and 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

const assertion = (t: (typeof terminals)[number], method: string, path: string) =>
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

async function post(path: string, t: (typeof terminals)[number], body: unknown, given?: string) {
  const res = await fetch(pfUrl + path, {
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

process.stdout.write(`Issuing ${CARDS} cards at the J-LIS simulator and registering them (not measured)…\n`);
interface BenchCard {
  authCertificate: string;
  authKey: KeyObject;
  signKey: KeyObject;
  signCertificate: string;
  /** The 券面事項確認AP's CVC and key: registration binds the card with them. */
  cardVerifiableCertificate: string;
  cardKey: KeyObject;
}
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
  const card: BenchCard = {
    authCertificate: image.jpki.authCertificate as string,
    authKey: createPrivateKey({
      key: Buffer.from(image.jpki.authPrivateKey, "base64"),
      format: "der",
      type: "pkcs8",
    }),
    signKey: createPrivateKey({
      key: Buffer.from(image.jpki.signPrivateKey, "base64"),
      format: "der",
      type: "pkcs8",
    }),
    signCertificate: image.jpki.signCertificate as string,
    cardVerifiableCertificate: image.kenkaku.cardVerifiableCertificate as string,
    cardKey: createPrivateKey({
      key: Buffer.from(image.kenkaku.cardPrivateKey, "base64"),
      format: "der",
      type: "pkcs8",
    }),
  };
  const t = terminals[i % terminals.length] as (typeof terminals)[number];
  const ch = await post("/v1/challenges", t, { purpose: "registration" });
  await post("/v1/registrations", t, {
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
  cards.push(card);
}

// Warm-up (JIT, OCSP cache, connection pool): not measured.
await pool(Array.from({ length: CONCURRENCY * 4 }), async (_, i) => {
  await fetch(`${pfUrl}/bench/ping`).then((r) => r.arrayBuffer());
  const t = terminals[i % terminals.length] as (typeof terminals)[number];
  const card = cards[i % cards.length] as (typeof cards)[number];
  const ch = await post("/v1/challenges", t, { purpose: "login" });
  await post("/v1/sessions", t, {
    challengeId: ch.challengeId,
    authenticationCertificate: card.authCertificate,
    signature: cardSign(card.authKey, Buffer.from(ch.toBeSigned as string, "base64")),
  });
});

// Bare JSON endpoint.
let cpu0 = serverCpuMs();
let t0 = performance.now();
await pool(Array.from({ length: LOGINS * 2 }), async () => {
  await fetch(`${pfUrl}/bench/ping`).then((r) => r.arrayBuffer());
});
const bareSeconds = (performance.now() - t0) / 1000;
const bareCpu = serverCpuMs() - cpu0;
const bareRps = (LOGINS * 2) / bareSeconds;

// Complete PIN logins. Terminal assertions for both phases are signed before the clock starts.
const plan = Array.from({ length: LOGINS }, (_, i) => ({
  t: terminals[i % terminals.length] as (typeof terminals)[number],
  card: cards[i % cards.length] as (typeof cards)[number],
}));
const challengeAssertions = await Promise.all(plan.map((p) => assertion(p.t, "POST", "/v1/challenges")));
const challenges: Record<string, string>[] = new Array(LOGINS);
cpu0 = serverCpuMs();
t0 = performance.now();
await pool(plan, async (p, i) => {
  challenges[i] = await post("/v1/challenges", p.t, { purpose: "login" }, challengeAssertions[i]);
});
let measuredMs = performance.now() - t0;
let loginCpu = serverCpuMs() - cpu0;

// The card's work (off the measured path).
const bodies = plan.map((p, i) => ({
  challengeId: challenges[i]?.challengeId,
  authenticationCertificate: p.card.authCertificate,
  signature: cardSign(p.card.authKey, Buffer.from(challenges[i]?.toBeSigned ?? "", "base64")),
}));
const sessionAssertions = await Promise.all(plan.map((p) => assertion(p.t, "POST", "/v1/sessions")));

cpu0 = serverCpuMs();
t0 = performance.now();
await pool(plan, async (p, i) => {
  await post("/v1/sessions", p.t, bodies[i], sessionAssertions[i]);
});
measuredMs += performance.now() - t0;
loginCpu += serverCpuMs() - cpu0;
const loginsPerSecond = LOGINS / (measuredMs / 1000);

// The goal's CPU budget, next to what jose's ES256 costs here on its own (a login verifies two terminal
// assertions and signs one access token): the PF is one Node process, so logins/s ≤ 1000 / (CPU ms per login).
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

const fmt = (n: number, d = 1) => n.toFixed(d);
process.stdout.write(
  [
    "",
    `pf-server benchmark — policy ${POLICY}, ${LOGINS} logins, concurrency ${CONCURRENCY}, Node ${process.version}`,
    `  bare JSON endpoint (GET /bench/ping): ${fmt(bareRps)} req/s, server CPU ${fmt(bareCpu / (LOGINS * 2), 3)} ms/request`,
    `  complete PIN login (challenge + session): ${fmt(loginsPerSecond)} logins/s, server CPU ${fmt(loginCpu / LOGINS, 2)} ms/login`,
    `  ratio logins/s ÷ bare req/s: ${fmt(loginsPerSecond / bareRps, 3)} (goal ≥ 0.4)`,
    `  the goal leaves ≤ ${fmt(1000 / (0.4 * bareRps), 2)} ms server CPU per login; two bare requests take ${fmt((2 * bareCpu) / (LOGINS * 2), 2)} ms,`,
    `  jose ES256 here: sign ${fmt(joseSignMs, 3)} ms, verify ${fmt(joseVerifyMs, 3)} ms (2 verifies + 1 sign per login = ${fmt(2 * joseVerifyMs + joseSignMs, 2)} ms)`,
    "",
  ].join("\n"),
);
child.kill("SIGTERM");
jlis.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
