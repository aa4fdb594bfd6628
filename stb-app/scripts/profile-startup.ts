/**
 * @module `npm run profile`: a CPU profile of start-up (navigation → portal interactive) of the production
 * build under CDP CPU throttling (6× unless `--rate=N`), against the fake backend. Prints the functions with
 * the most self time and the time per script, and writes the `.cpuprofile` (open it in Chrome DevTools) to
 * `--out=PATH` (default `startup.cpuprofile` in the OS temp folder); `--trace=PATH` also records a Chromium
 * performance trace (open it in DevTools' Performance panel). Figures only, like the benchmark.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, installFakeCard, startHarness, waitForMark } from "./harness.ts";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const THROTTLE = Number(arg("rate") ?? 6);
const OUT = arg("out") ?? join(tmpdir(), "startup.cpuprofile");
if (!process.argv.includes("--no-build")) build();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const harness = await startHarness();
try {
  const context = await harness.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.addInitScript(installFakeCard);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  const tracePath = arg("trace");
  if (tracePath) await harness.browser.startTracing(page, { path: tracePath, screenshots: false });
  await page.goto(harness.appUrl);
  await waitForMark(cdp, "portal-interactive");
  const { profile } = (await cdp.send("Profiler.stop")) as { profile: Profile };
  if (tracePath) await harness.browser.stopTracing();
  const marks = (await page.evaluate(`Object.fromEntries(performance.getEntries()
    .filter((e) => e.entryType === 'mark' || e.entryType === 'navigation' || e.entryType === 'resource'
      || e.entryType === 'paint')
    .map((e) => [e.entryType + ' ' + e.name.replace(/^.*\\//, ''), Math.round(e.startTime) + (e.duration ? '+' + Math.round(e.duration) : '')]))`)) as Record<
    string,
    string
  >;
  writeFileSync(OUT, JSON.stringify(profile));

  // Self time per node from the sample deltas.
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byFunction = new Map<string, number>();
  const byScript = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\//, "") || "(native)";
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    byScript.set(file, (byScript.get(file) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(0).padStart(6)} ms  ${k}`);
  console.log(
    `CPU throttling ${THROTTLE}×; profile ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms → ${OUT}`,
  );
  console.log("timeline (ms from navigation):");
  for (const [k, v] of Object.entries(marks)) console.log(`  ${v.padStart(10)}  ${k}`);
  console.log("self time by script:");
  console.log(top(byScript, 12).join("\n"));
  console.log("self time by function:");
  console.log(top(byFunction, 30).join("\n"));
  await context.close();
} finally {
  await harness.close();
}
