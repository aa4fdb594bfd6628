/**
 * @module `npm run bench:revocation`: the CRL path at national scale, printed, never asserted.
 *
 * For BENCH_REVOKED (10 000 000) synthetic revocations listed by the simulated J-LIS: CRL size on the wire,
 * J-LIS generation time (encode + sign, the file write excluded), PF load time (stream parse + signature check
 * + index build in the worker thread, read from a local file: fetch excluded), resident memory per entry, lookup
 * time over BENCH_LOOKUPS (1 000 000) random lookups of which half are hits, the time to apply a delta CRL of
 * BENCH_DELTA (10 000) new entries, and the latency of PIN logins (in-process PF app, CRL operator) before and
 * while a new full CRL of that size loads over HTTP. The same figures for BENCH_ANCHOR (100 000) entries, for
 * this path and for the path it replaced (@peculiar/x509 parsing the CRL into a Map; its generator is timed at
 * BENCH_PECULIAR_GENERATE (10 000) entries, its time growing with the square of the entries).
 */
import { fork } from "node:child_process";
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { x509 } from "@catv/jpki/x509";
import { toSigningKey, toVerifyingKey } from "../src/jlis/ca/rsa-keys.ts";
import { encodePublishedCrl, publishCrl } from "../src/jlis/domain/publish-crl.ts";
import { SyntheticRevocationCursor } from "../src/jlis/domain/synthetic-revocations.ts";
import type { CrlRecord } from "../src/jlis/storage/jlis-repository.ts";
import { createJlisClient, type JlisClient } from "../src/jlis-client/jlis-client.ts";
import { revocationStatusIn } from "../src/revocation/crl-checker.ts";
import { crlAnchorOf, loadCrlInWorker, prepareCrlWorker } from "../src/revocation/crl-loader.ts";
import { reasonName } from "../src/revocation/revocation-checker.ts";
import { RevokedSerialIndexBuilder } from "../src/revocation/revoked-serial-index.ts";
import { createHarness, loginWithPin, register } from "../src/testing/pf-harness.ts";

const REVOKED = Number(process.env.BENCH_REVOKED ?? 10_000_000);
const ANCHOR = Number(process.env.BENCH_ANCHOR ?? 100_000);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 1_000_000);
const DELTA = Number(process.env.BENCH_DELTA ?? 10_000);
/** Entries @peculiar/x509 generates (quadratic: 100 000 took about half an hour here). */
const PECULIAR_GENERATE = Number(process.env.BENCH_PECULIAR_GENERATE ?? 10_000);
const SEED = "revocation-bench";

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;
const ns = (ms: number) => `${Math.round(ms * 1e6)} ns`;
const quantile = (sorted: Float64Array, q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
const log = (line: string) => process.stdout.write(`${line}\n`);

const dir = mkdtempSync(join(tmpdir(), "revocation-bench-"));
log(`revocation benchmark: ${REVOKED} revoked serials, anchor ${ANCHOR}, ${LOOKUPS} lookups, delta ${DELTA}`);
log(
  `machine: load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")} (1/5/15 min), ${Math.round(totalmem() / 2 ** 30)} GiB`,
);

// The CRL file server in its own process; the PF fetches full 利用者証明用 CRLs from it (everything else from J-LIS).
const child = fork(join(import.meta.dirname, "crl-file-server.ts"), {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const fileServerUrl = await new Promise<string>((resolve) => {
  child.once("message", (message: { url: string }) => resolve(message.url));
});
const fileServer = {
  serve: (path: string) =>
    new Promise<void>((resolve) => {
      child.once("message", () => resolve());
      child.send({ path });
    }),
};
const fileClient = createJlisClient({ baseUrl: fileServerUrl, verifierId: "bench", verifierSecret: "bench" });
const crlSource = (client: JlisClient, kind: "sign" | "auth", scope: "full" | "delta") =>
  kind === "auth" && scope === "full" ? fileClient : client;

// One simulated J-LIS (inside the test harness, whose PF is used for the login figures) with the synthetic
// population; its CA signs every CRL below.
const h = await createHarness({
  syntheticRevocations: { count: REVOKED, seed: SEED },
  // CRLs valid for two hours: none may go stale during the run (a login would then wait for the next one).
  crlIntervalSeconds: 3600,
  wrapJlisClient: (client): JlisClient => ({
    get: () => client.get(),
    ocsp: (request) => client.ocsp(request),
    linkage: (serialHex, kind) => client.linkage(serialHex, kind),
    crlDownload: (kind, scope, ifNoneMatch) =>
      crlSource(client, kind, scope).crlDownload(kind, scope, ifNoneMatch),
    crlRequest: (kind, scope) => {
      const request = crlSource(client, kind, scope).crlRequest?.(kind, scope);
      if (!request) throw new Error("the J-LIS client describes no CRL request");
      return request;
    },
  }),
});
const jlis = h.jlis.ctx;
const ca = jlis.cas.auth;
const anchor = crlAnchorOf(
  new Uint8Array(ca.certificate.rawData),
  new Uint8Array(ca.certificate.publicKey.rawData),
);
const asOfSeconds = Math.floor(ca.certificate.notBefore.getTime() / 1000);

/** Encodes a published CRL into a file; returns the bytes and the encode time without the file writes. */
async function encodeToFile(record: CrlRecord, name: string) {
  const path = join(dir, name);
  const fd = openSync(path, "w");
  let writing = 0;
  const started = performance.now();
  const encoded = await encodePublishedCrl(jlis, record);
  for await (const chunk of encoded.chunks()) {
    const before = performance.now();
    writeSync(fd, chunk);
    writing += performance.now() - before;
  }
  const total = performance.now() - started;
  closeSync(fd);
  return { path, bytes: encoded.byteLength, generateMs: total - writing };
}

const fileChunks = (path: string) => createReadStream(path, { highWaterMark: 1 << 20 });

function memory() {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, arrayBuffers: m.arrayBuffers, heap: m.heapUsed };
}

/**
 * Half hits (sampled from the population the index was built from; repeated when it is smaller than that), half
 * misses of the same form (16 octets, first 0x10–0x7F), shuffled.
 */
function lookupSet(population: { count: number; seed: string; type: "auth" }, lookups: number): string[] {
  const sample: string[] = [];
  const cursor = new SyntheticRevocationCursor(population.type, { seed: population.seed, asOfSeconds });
  const take = lookups / 2 / population.count;
  for (let i = 0; i < population.count; i++) {
    cursor.next();
    if (Math.random() < take) sample.push(Buffer.from(cursor.serial).toString("hex"));
  }
  const set = [...sample];
  while (set.length < lookups / 2) set.push(sample[Math.floor(Math.random() * sample.length)] as string);
  while (set.length < lookups) {
    const serial = Buffer.from(crypto.getRandomValues(new Uint8Array(16)));
    serial[0] = ((serial[0] as number) & 0x7f) | 0x10;
    set.push(serial.toString("hex"));
  }
  for (let i = set.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [set[i], set[j]] = [set[j] as string, set[i] as string];
  }
  // Made again in the shuffled order, so each string lies where a request's fresh string would (in cache)
  // rather than scattered over the heap.
  return set.map((serialHex) => Buffer.from(serialHex, "hex").toString("hex"));
}

/** Times each lookup; also the timer's own cost, and the whole batch without per-call timers. */
function timeLookups(lookup: (serialHex: string) => boolean, serials: string[]) {
  const durations = new Float64Array(serials.length);
  let found = 0;
  for (let i = 0; i < serials.length; i++) {
    const started = performance.now();
    if (lookup(serials[i] as string)) found++;
    durations[i] = performance.now() - started;
  }
  durations.sort();
  const empty = new Float64Array(100_000);
  for (let i = 0; i < empty.length; i++) {
    const started = performance.now();
    empty[i] = performance.now() - started;
  }
  empty.sort();
  const batchStarted = performance.now();
  for (const serial of serials) lookup(serial);
  const batchMs = performance.now() - batchStarted;
  return {
    found,
    median: quantile(durations, 0.5),
    p99: quantile(durations, 0.99),
    timer: quantile(empty, 0.5),
    mean: batchMs / serials.length,
  };
}

interface Row {
  entries: number;
  wire: string;
  generate: string;
  load: string;
  perEntry: string;
  lookup: string;
  delta: string;
}
const rows: Record<string, Row> = {};

/** The new path at `count` entries (a full CRL of the harness J-LIS with that many synthetic entries). */
async function newPath(count: number, label: string, withDelta: boolean) {
  const record: CrlRecord = {
    ...(await publishCrl(jlis, "auth", "full")),
  };
  record.synthetic = { count, seed: SEED, asOf: ca.certificate.notBefore.toISOString() };
  const full = await encodeToFile(record, `${label}-full.crl`);
  log(
    `${label}: J-LIS generated ${count} entries, ${mb(full.bytes)} (${(full.bytes / count).toFixed(1)} B/entry) in ${seconds(full.generateMs)}`,
  );

  await prepareCrlWorker();
  const before = memory();
  const loadStarted = performance.now();
  const cpuBefore = process.cpuUsage();
  const loaded = await loadCrlInWorker(fileChunks(full.path), [anchor]);
  const cpu = process.cpuUsage(cpuBefore);
  const loadMs = performance.now() - loadStarted;
  const loadCpuMs = (cpu.user + cpu.system) / 1000;
  const after = memory();
  const index = loaded.index;
  log(
    `${label}: PF loaded ${index.size} entries in ${seconds(loadMs)} (process CPU ${seconds(loadCpuMs)}: ` +
      `the worker, GC threads, and this thread reading the file); index ${mb(index.byteLength)} = ` +
      `${(index.byteLength / index.size).toFixed(2)} B/entry; RSS +${mb(after.rss - before.rss)} ` +
      `(${((after.rss - before.rss) / index.size).toFixed(2)} B/entry), array buffers +${mb(after.arrayBuffers - before.arrayBuffers)}`,
  );

  const serials = lookupSet({ count, seed: SEED, type: "auth" }, LOOKUPS);
  const lookup = (serialHex: string) => revocationStatusIn(index, undefined, serialHex).status === "revoked";
  const timing = timeLookups(lookup, serials);
  const membership = timeLookups((serialHex) => index.findHex(serialHex) >= 0, serials);
  log(
    `${label}: the index search alone (no answer object): median ${ns(membership.median)}, p99 ${ns(membership.p99)}`,
  );
  log(
    `${label}: ${serials.length} lookups, ${timing.found} found (${serials.length - timing.found} not): ` +
      `median ${ns(timing.median)}, p99 ${ns(timing.p99)} (per-call timer ${ns(timing.timer)} included), ` +
      `batch mean ${ns(timing.mean)}`,
  );

  let deltaFigure = "—";
  if (withDelta) {
    const deltaRecord: CrlRecord = {
      certificateType: "auth",
      crlNumber: record.crlNumber + 1,
      scope: "delta",
      baseCrlNumber: record.crlNumber,
      thisUpdate: record.thisUpdate,
      nextUpdate: record.nextUpdate,
      revokedEntries: [],
      synthetic: { count: DELTA, seed: `${SEED}-delta`, asOf: new Date().toISOString() },
    };
    const delta = await encodeToFile(deltaRecord, `${label}-delta.crl`);
    await prepareCrlWorker();
    const started = performance.now();
    const deltaCpuBefore = process.cpuUsage();
    const deltaLoaded = await loadCrlInWorker(fileChunks(delta.path), [anchor]);
    const deltaCpu = process.cpuUsage(deltaCpuBefore);
    const applyMs = performance.now() - started;
    const applyCpuMs = (deltaCpu.user + deltaCpu.system) / 1000;
    const cursor = new SyntheticRevocationCursor("auth", {
      seed: `${SEED}-delta`,
      asOfSeconds: Math.floor(Date.parse(deltaRecord.synthetic.asOf as string) / 1000),
    });
    let seen = 0;
    for (let i = 0; i < DELTA; i++) {
      cursor.next();
      const hex = Buffer.from(cursor.serial).toString("hex");
      if (revocationStatusIn(index, deltaLoaded.index, hex).status === "revoked") seen++;
    }
    log(
      `${label}: delta CRL of ${DELTA} new entries (${mb(delta.bytes)}) generated in ${seconds(delta.generateMs)}, ` +
        `applied (parse + verify + index in the idle worker) in ${Math.round(applyMs)} ms ` +
        `(process CPU ${Math.round(applyCpuMs)} ms); ${seen}/${DELTA} found through the delta`,
    );
    deltaFigure = `${Math.round(applyMs)} ms (CPU ${Math.round(applyCpuMs)} ms)`;
  }
  rows[label] = {
    entries: count,
    wire: mb(full.bytes),
    generate: seconds(full.generateMs),
    load: `${seconds(loadMs)} (CPU ${seconds(loadCpuMs)})`,
    // The resident-memory change is only meaningful where the index dwarfs the process's other allocations.
    perEntry:
      count >= 1_000_000
        ? `${(index.byteLength / index.size).toFixed(2)} B (RSS ${((after.rss - before.rss) / index.size).toFixed(1)} B)`
        : `${(index.byteLength / index.size).toFixed(2)} B`,
    lookup: `${ns(timing.median)} / ${ns(timing.p99)}`,
    delta: deltaFigure,
  };
  return { index, full };
}

/**
 * The index alone for serials of another length (no CRL): it keeps only the octets that vary, so shorter
 * serials cost fewer bytes. J-LIS's real serial length is not public; the simulator's are 16 octets.
 */
function indexOfShorterSerials(count: number, octets: number) {
  const builder = new RevokedSerialIndexBuilder();
  const serial = new Uint8Array(octets);
  for (let i = 0; i < count; i++) {
    crypto.getRandomValues(serial);
    serial[0] = ((serial[0] as number) & 0x7f) | 0x01;
    builder.add(serial, 0, octets, asOfSeconds - ((i * 15) % (5 * 365 * 86400)), i % 5);
  }
  const index = builder.build();
  log(
    `index alone, ${count} random ${octets}-octet serials: ${mb(index.byteLength)} = ` +
      `${(index.byteLength / index.size).toFixed(2)} B/entry`,
  );
}

/** The path this replaced: @peculiar/x509 builds the CRL (J-LIS) and parses it into a Map (PF). */
async function peculiarPath(count: number) {
  // J-LIS's old path: X509CrlGenerator. It checks each entry against all earlier ones, so its time grows with the
  // square of the entries; it is timed at PECULIAR_GENERATE entries, and the CRL parsed below (`count` entries)
  // comes from the new encoder — the same DER structure, which is all the parser sees.
  const generated = Math.min(count, PECULIAR_GENERATE);
  const cursor = new SyntheticRevocationCursor("auth", { seed: SEED, asOfSeconds });
  const entries: x509.X509CrlEntryParams[] = [];
  for (let i = 0; i < generated; i++) {
    cursor.next();
    entries.push({
      serialNumber: Buffer.from(cursor.serial).toString("hex"),
      revocationDate: new Date(cursor.revokedAtSeconds * 1000),
      ...(cursor.reason === 0 ? {} : { reason: cursor.reason as x509.X509CrlReason }),
    });
  }
  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  let started = performance.now();
  const peculiarCrl = await x509.X509CrlGenerator.create({
    issuer: ca.certificate.subjectName,
    thisUpdate: new Date(),
    nextUpdate: new Date(Date.now() + 3600_000),
    entries,
    signingAlgorithm: algorithm,
    signingKey: toSigningKey(ca.privateKey),
  });
  const generateMs = performance.now() - started;
  entries.length = 0;
  log(
    `@peculiar/x509 (${generated}): generated ${mb(peculiarCrl.rawData.byteLength)} in ${seconds(generateMs)}`,
  );
  const record: CrlRecord = { ...(await publishCrl(jlis, "auth", "full")) };
  record.synthetic = { count, seed: SEED, asOf: ca.certificate.notBefore.toISOString() };
  const encoded = await encodePublishedCrl(jlis, record);
  const der = new Uint8Array(encoded.byteLength);
  let offset = 0;
  for await (const chunk of encoded.chunks()) {
    der.set(chunk, offset);
    offset += chunk.length;
  }

  let defaultLimit = "accepted";
  try {
    new x509.X509Crl(der);
  } catch (e) {
    defaultLimit = `refused by asn1js's default limits (${(e as Error).message})`;
  }

  started = performance.now();
  // Today's crl-checker.ts, with asn1js's node limit lifted (see defaultLimit).
  let parsed: x509.X509Crl | undefined = new x509.X509Crl(der, {
    berOptions: { maxNodes: Number.POSITIVE_INFINITY, maxContentLength: Number.POSITIVE_INFINITY },
  });
  const verified = await parsed.verify({ publicKey: toVerifyingKey(ca.privateKey) });
  const revoked = new Map<string, { reason: string; revokedAt: string }>();
  for (const entry of parsed.entries) {
    revoked.set(entry.serialNumber.toLowerCase().replace(/^0+(?=.)/, ""), {
      reason: reasonName(entry.reason === undefined ? undefined : Number(entry.reason)),
      revokedAt: entry.revocationDate.toISOString(),
    });
  }
  const loadMs = performance.now() - started;
  parsed = undefined;
  log(
    `@peculiar/x509 (${count}): parsed, verified (${verified}) and mapped ${revoked.size} entries in ${seconds(loadMs)}; ` +
      `with asn1js's default limits: ${defaultLimit}`,
  );
  const serials = lookupSet({ count, seed: SEED, type: "auth" }, LOOKUPS);
  const timing = timeLookups((serialHex) => revoked.has(serialHex), serials);
  log(
    `@peculiar/x509 (${count}): ${serials.length} Map lookups, ${timing.found} found: median ${ns(timing.median)}, ` +
      `p99 ${ns(timing.p99)}, batch mean ${ns(timing.mean)}`,
  );
  const withMap = memory();
  const entriesHeld = revoked.size;
  revoked.clear();
  const mapBytes = withMap.heap - memory().heap;
  log(
    `@peculiar/x509 (${count}): the Map held ${mb(mapBytes)} of heap, ${(mapBytes / entriesHeld).toFixed(0)} B/entry`,
  );
  rows["@peculiar/x509 + Map (today's path)"] = {
    entries: count,
    wire: mb(der.length),
    generate: `${seconds(generateMs)} for ${generated}`,
    load: seconds(loadMs),
    perEntry: `${(mapBytes / entriesHeld).toFixed(0)} B (heap)`,
    lookup: `${ns(timing.median)} / ${ns(timing.p99)}`,
    delta: `no deltas: full reload ${seconds(loadMs)}`,
  };
}

/** Event-loop delay and garbage-collection pauses on this (the PF's request) thread from now until stop(). */
function watchMainThread() {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    stop() {
      delay.disable();
      observer.disconnect();
      const longest = pauses.length ? Math.max(...pauses) : 0;
      return (
        `event-loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms; ` +
        `${pauses.length} GC pauses, longest ${longest.toFixed(1)} ms`
      );
    },
  };
}

/**
 * PIN logins (challenge, card signature, session) of a good card at the CRL operator's STB, with the CRL loaded,
 * then while a new full CRL of the same size loads. The PF fetches that CRL over HTTP from another process
 * (`crl-file-server.ts`), as it would from J-LIS, so this process does only the PF's part of the load.
 */
async function loginLatencyDuringLoad(fullPath: string) {
  await fileServer.serve(fullPath);
  let started = performance.now();
  await h.ctx.crl.refresh("auth");
  log(
    `logins: the PF's first load of the ${REVOKED}-entry CRL over HTTP took ${seconds(performance.now() - started)}`,
  );
  // The signature CA's CRL (J-LIS's own, as large) loaded before the registration is checked against it, so a
  // failure shows its cause here instead of as the registration's revocation_unavailable.
  started = performance.now();
  await h.ctx.crl.refresh("sign");
  log(
    `logins: the PF's load of J-LIS's ${REVOKED}-entry signature CRL took ${seconds(performance.now() - started)}`,
  );
  const card = (await h.issue()).card;
  const registration = await register(h, h.terminals.b1, card);
  if (registration.status !== 200) throw new Error(`registration answered ${registration.status}`);

  const login = async () => {
    const t = performance.now();
    const res = await loginWithPin(h, h.terminals.b1, card);
    if (res.status !== 200) throw new Error(`login answered ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - t;
  };
  for (let i = 0; i < 5; i++) await login();
  // The benchmark's own garbage (lookup sets, the @peculiar/x509 run) out of the way: a PF's heap is small.
  gc();
  log(`logins: heap in use ${mb(process.memoryUsage().heapUsed)}`);
  const idle: number[] = [];
  const idleWatch = watchMainThread();
  for (let i = 0; i < 40; i++) idle.push(await login());
  log(`main thread during the idle logins: ${idleWatch.stop()}`);

  const next = await publishCrl(jlis, "auth", "full");
  await fileServer.serve((await encodeToFile(next, "next-full.crl")).path);
  await prepareCrlWorker();
  const during: number[] = [];
  let done = false;
  const watch = watchMainThread();
  started = performance.now();
  const loading = h.ctx.crl.refresh("auth").finally(() => {
    done = true;
  });
  while (!done) during.push(await login());
  await loading;
  const loadMs = performance.now() - started;
  log(`main thread while it loaded: ${watch.stop()}`);
  const figures = (values: number[]) => {
    const sorted = Float64Array.from(values).sort();
    return `median ${quantile(sorted, 0.5).toFixed(1)} ms, p95 ${quantile(sorted, 0.95).toFixed(1)} ms, max ${(sorted.at(-1) as number).toFixed(1)} ms (${values.length} logins)`;
  };
  log(`logins with the CRL loaded and idle: ${figures(idle)}`);
  log(`logins while a new ${REVOKED}-entry CRL loaded over HTTP (${seconds(loadMs)}): ${figures(during)}`);
  return { idle: figures(idle), during: figures(during), loadMs };
}

try {
  // The national size first, on a fresh process; its full CRL is J-LIS's newest when the login phase starts.
  const { full } = await newPath(REVOKED, `new path (${REVOKED})`, true);
  const logins = await loginLatencyDuringLoad(full.path);
  await newPath(ANCHOR, `new path (${ANCHOR})`, true);
  await peculiarPath(ANCHOR);
  indexOfShorterSerials(REVOKED, 8);

  log("");
  log(
    "| | entries | CRL on the wire | J-LIS generation | PF load (verify incl.) | memory per entry | lookup median / p99 | delta apply |",
  );
  log("|---|---|---|---|---|---|---|---|");
  for (const [label, row] of Object.entries(rows)) {
    log(
      `| ${label} | ${row.entries} | ${row.wire} | ${row.generate} | ${row.load} | ${row.perEntry} | ${row.lookup} | ${row.delta} |`,
    );
  }
  log("");
  log(`login latency, CRL idle: ${logins.idle}`);
  log(`login latency, new CRL loading (${seconds(logins.loadMs)}): ${logins.during}`);
  log(
    `machine at the end: load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")}`,
  );
} finally {
  child.disconnect();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
}
