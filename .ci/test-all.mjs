#!/usr/bin/env node
// `npm test`: the Debian packages the tests use (installed as root, else named), lint, type-check, every
// package's Vitest suite, then the Playwright journeys.
// Every step runs even when an earlier one failed, so one run shows everything that is wrong;
// the last line sums all runners as "N passed, N failed, N skipped" (CI reads only that line).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureSystemPackages } from "./ensure-system-packages.mjs";

if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(
    `The tests need Node 24 (found ${process.version}): run "npm install && npm test", which uses the Node 24 pinned in node_modules/.bin.`,
  );
  process.exit(1);
}

// Without Chromium, its fonts and openssl most suites would fail for a reason that has nothing to do with the
// code: stop at once with the one line that says what to install.
if (!ensureSystemPackages("test")) {
  console.log("0 passed, 1 failed, 0 skipped");
  process.exit(1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const results = join(root, "test-results");
rmSync(join(results, "vitest.json"), { force: true });
rmSync(join(results, "playwright.json"), { force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const run = (label, command, args, options = {}) => {
  console.log(`\n▶ ${label}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  const ok = result.status === 0;
  lines.push(`${ok ? "✔" : "✖"} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
};
const countCheck = (ok) => {
  if (ok) totals.passed += 1;
  else totals.failed += 1;
};

countCheck(run("lint and format (Biome)", "npx", ["biome", "ci", "."]));
countCheck(run("type-check (tsc)", "npm", ["run", "typecheck", "--workspaces", "--if-present"]));

const vitestOk = run("unit and integration tests (Vitest)", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${join(results, "vitest.json")}`,
]);
if (existsSync(join(results, "vitest.json"))) {
  const report = JSON.parse(readFileSync(join(results, "vitest.json"), "utf8"));
  // numFailedTestSuites counts a failing test's file and describe blocks again, so failures are counted as tests,
  // plus one for each file that failed without a failing test (it did not load, or a hook threw).
  const filesFailedOutsideTests = (report.testResults ?? []).filter(
    (file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"),
  ).length;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + filesFailedOutsideTests;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (!vitestOk && report.numFailedTests + filesFailedOutsideTests === 0) totals.failed += 1;
} else if (!vitestOk) totals.failed += 1;

const e2eOk = run("end-to-end journeys (Playwright)", "npm", ["test", "--workspace", "@catv/e2e"], {
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, "playwright.json") },
});
if (existsSync(join(results, "playwright.json"))) {
  const { stats } = JSON.parse(readFileSync(join(results, "playwright.json"), "utf8"));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
  if (!e2eOk && stats.unexpected === 0) totals.failed += 1;
} else if (!e2eOk) totals.failed += 1;

console.log(`\n${lines.join("\n")}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
