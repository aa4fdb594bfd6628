/**
 * @module `npm run bench:floor`: what this machine's Chromium needs at 6× CPU throttling before any app code of
 * ours runs, so `npm run bench`'s start-up figures can be read against it. Cold starts (fresh context each) of
 * a blank page (first inline script, first frame) and of the smallest Lightning app (`scripts/floor/`: Lightning
 * core, one rectangle, one text line, no SDK, no web font, no network) with Canvas2D and with WebGL. Prints
 * medians and ranges with the load average; asserts nothing. `--runs=N` (default 5), `--rate=N` (default 6).
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { extname, join } from "node:path";
import { chromiumLaunchOptions } from "@catv/browser-testing/chromium";
import { chromium } from "playwright";
import { build } from "vite";
import { ROOT, waitForMark } from "./harness.ts";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const RUNS = Number(arg("runs") ?? 5);
const THROTTLE = Number(arg("rate") ?? 6);

const outDir = join(tmpdir(), "stb-app-floor");
await build({
  configFile: false,
  root: join(ROOT, "scripts", "floor"),
  logLevel: "warn",
  build: {
    outDir,
    emptyOutDir: true,
    rollupOptions: {
      input: {
        blank: join(ROOT, "scripts", "floor", "blank.html"),
        minimal: join(ROOT, "scripts", "floor", "index.html"),
      },
    },
  },
});

const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };
const server = createServer((req, res) => {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  try {
    const body = readFileSync(join(outDir, path));
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

const pages = [
  { label: "blank page", path: "/blank.html" },
  { label: "minimal Lightning, Canvas2D", path: "/index.html" },
  { label: "minimal Lightning, WebGL", path: "/index.html?webgl" },
];
const results = new Map(pages.map((p) => [p.label, { script: [] as number[], drawn: [] as number[] }]));
const loadBefore = loadavg()[0] ?? 0;
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  for (let run = 0; run < RUNS; run++) {
    for (const page of pages) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
      await tab.goto(base + page.path, { waitUntil: "commit" });
      await waitForMark(cdp, "drawn");
      const { result } = (await cdp.send("Runtime.evaluate", {
        expression: `[performance.getEntriesByName('script')[0].startTime, performance.getEntriesByName('drawn')[0].startTime]`,
        returnByValue: true,
      })) as { result: { value: [number, number] } };
      const figures = results.get(page.label);
      figures?.script.push(result.value[0]);
      figures?.drawn.push(result.value[1]);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return `${median.toFixed(0)} ms (${sorted[0]?.toFixed(0)}–${sorted.at(-1)?.toFixed(0)})`;
};
console.log(
  `Start-up floor: ${RUNS} cold starts each, CPU throttling ${THROTTLE}×, 1920×1080, load average ${loadBefore.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`,
);
for (const [label, figures] of results) {
  console.log(
    `${label.padEnd(30)} first script ${summary(figures.script).padEnd(20)} first frame ${summary(figures.drawn)}`,
  );
}
