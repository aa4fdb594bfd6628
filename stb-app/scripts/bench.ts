/**
 * @module `npm run bench`: the production build in Chromium with CDP CPU throttling 6× against the fake
 * backend. Prints figures only (no pass/fail): navigation → portal interactive, frame intervals while focus
 * moves across the service menu and the slot grid, the gzipped bundle (fonts listed apart), and the JS heap
 * after visiting every screen. Pass `--no-build` to reuse `dist/`, `--c2d` / `--webgl` to force a renderer
 * (the app picks Canvas2D itself on a software GL such as this machine's SwiftShader), `--rate=N` for another
 * throttling rate (1 = none, for comparison). The load average is printed with the figures: on a shared
 * 2-core machine they swing by seconds between runs, so compare medians of several runs.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, installFakeCard, ROOT, remote, startHarness, waitForMark } from "./harness.ts";

const THROTTLE = Number(process.argv.find((a) => a.startsWith("--rate="))?.slice(7) ?? 6);
if (!process.argv.includes("--no-build")) build();

function sizes(dir: string, filter: (name: string) => boolean) {
  const out: { file: string; raw: number; gzip: number }[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isDirectory() || !filter(name)) continue;
    const data = readFileSync(path);
    out.push({ file: name, raw: data.length, gzip: gzipSync(data, { level: 9 }).length });
  }
  return out;
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
};

const harness = await startHarness();
try {
  const context = await harness.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.addInitScript(installFakeCard);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  const r = remote(page);
  const force = process.argv.includes("--c2d") ? "?c2d" : process.argv.includes("--webgl") ? "?webgl" : "";
  const url = harness.appUrl + force;
  const loadBefore = loadavg()[0]!;

  await page.goto(url);
  await waitForMark(cdp, "portal-interactive");
  await waitForMark(cdp, "portal-drawn");
  const marks = (await page.evaluate(`({
    interactive: performance.getEntriesByName('portal-interactive')[0].startTime,
    firstScreen: performance.getEntriesByName('first-screen')[0]?.startTime ?? NaN,
    drawn: performance.getEntriesByName('portal-drawn')[0]?.startTime ?? NaN,
    renderer: (window.__app.stage.gl ? 'WebGL' : 'Canvas2D') + ' (' + window.__renderer.why + ')',
  })`)) as { interactive: number; firstScreen: number; drawn: number; renderer: string };
  await r.waitScreen("portal");

  const frames = async (keys: string[]) => {
    await page.evaluate(`(() => {
      window.__frames = [];
      if (!window.__frameHook) {
        window.__frameHook = true;
        window.__app.stage.on('frameStart', () => window.__frames && window.__frames.push(performance.now()));
      }
    })()`);
    for (const key of keys) {
      await page.keyboard.press(key);
      await page.waitForTimeout(180);
    }
    const times = (await page.evaluate("window.__frames")) as number[];
    await page.evaluate("window.__frames = null");
    return stats(times.slice(1).map((t, i) => t - times[i]!));
  };
  const menu = await frames(
    [..."RRLLDURRLLDU"].map((k) => ({ R: "ArrowRight", L: "ArrowLeft", D: "ArrowDown", U: "ArrowUp" })[k]!),
  );

  // Into the slot grid (PIN-less login, enrolment, town, facility, date).
  await r.press("Enter");
  await r.waitScreen("enrolment", 30_000);
  await r.press("Enter");
  await r.waitScreen("facility-towns", 30_000);
  await r.press("Enter");
  await r.waitScreen("facility-list", 30_000);
  await r.press("Enter");
  await r.waitScreen("facility-dates", 30_000);
  await r.press("Enter");
  await r.waitScreen("facility-slots", 30_000);
  const grid = await frames(
    [..."RRDDLLDDRRUU"].map((k) => ({ R: "ArrowRight", L: "ArrowLeft", D: "ArrowDown", U: "ArrowUp" })[k]!),
  );

  // Visit the rest: healthcare, registration wizard, settings; then measure the heap after a GC.
  await r.home();
  await r.press("ArrowRight");
  await r.press("Enter");
  await r.waitScreen("enrolment", 30_000);
  await r.press("Enter");
  await r.waitScreen("health", 30_000);
  await r.home();
  await r.press("ArrowRight", 2);
  await r.press("Enter");
  await r.waitScreen("consent", 30_000);
  await r.press("Enter");
  await r.waitScreen("password", 30_000);
  await r.home();
  await r.press("ArrowDown");
  await r.press("ArrowRight");
  await r.press("Enter");
  await r.waitScreen("settings", 30_000);
  await r.home();
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number; totalSize: number };

  const js = sizes(
    join(ROOT, "dist"),
    (n) => n.endsWith(".js") || n.endsWith(".html") || n.endsWith(".json"),
  );
  const fonts = sizes(join(ROOT, "dist", "static", "fonts"), (n) => n.endsWith(".woff2"));
  const total = js.reduce((s, f) => s + f.gzip, 0);

  const load = `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
  console.log(`CPU throttling ${THROTTLE}×, renderer ${marks.renderer}, 1920×1080, load average ${load}`);
  console.log(`navigation → first screen          ${marks.firstScreen.toFixed(0)} ms`);
  console.log(`navigation → portal interactive    ${marks.interactive.toFixed(0)} ms   (goal ≤ 1500 ms)`);
  console.log(`navigation → portal's first frame  ${marks.drawn.toFixed(0)} ms   (Lightning has drawn it)`);
  console.log(
    `frames, service menu               median ${menu.median.toFixed(1)} ms, p95 ${menu.p95.toFixed(1)} ms (${menu.n} intervals; goal median ≤ 18 ms)`,
  );
  console.log(
    `frames, slot grid                  median ${grid.median.toFixed(1)} ms, p95 ${grid.p95.toFixed(1)} ms (${grid.n} intervals)`,
  );
  console.log(`bundle (JS + HTML + JSON, gzip)    ${kb(total)}   (goal ≤ 250 KB)`);
  for (const f of js) console.log(`  ${f.file.padEnd(44)} ${kb(f.raw).padStart(10)}  gzip ${kb(f.gzip)}`);
  for (const f of fonts) console.log(`fonts (not in the budget)          ${f.file} ${kb(f.raw)}`);
  console.log(`JS heap after every screen, GC'd   ${kb(heap.usedSize)} used of ${kb(heap.totalSize)}`);
  await context.close();
} finally {
  await harness.close();
}
